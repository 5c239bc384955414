package dev.mcpbridge.lib.files;

import java.io.IOException;
import java.nio.file.Path;
import java.nio.file.SecureDirectoryStream;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The directories held open during one call that touches many files (a search or a replace over a tree), so that
 * each file is opened relative to its already held directory instead of walking from the allowed directory again
 * for every file. Each directory is opened as {@link HeldFiles#open} opens it (component by component, links not
 * followed), once, and closed with this object. Use it for one call only: a directory renamed meanwhile stays the
 * one that was opened. Safe for use from several threads. Where the platform has no secure directory streams it
 * holds nothing and the callers use paths (see {@link GuardedFiles}).
 */
public final class HeldDirectories implements AutoCloseable {

    /** Beyond this many directories, files are opened from the allowed directory as without a cache. */
    private static final int MAX_HELD = 1024;

    private final PathGuard guard;
    private final Map<Path, SecureDirectoryStream<Path>> held = new ConcurrentHashMap<>();

    private HeldDirectories(PathGuard guard) {
        this.guard = guard;
    }

    public static HeldDirectories of(PathGuard guard) {
        return new HeldDirectories(guard);
    }

    PathGuard guard() {
        return guard;
    }

    /** The checked real path's entry, its parent directory held by this cache (or opened for it when full). */
    HeldFiles.Entry open(Path real) throws IOException {
        Path root = HeldFiles.rootOf(guard, real);
        if (root == null || real.equals(root) || held.size() >= MAX_HELD) {
            return HeldFiles.open(guard, real);
        }
        return new HeldFiles.Entry(directory(root, real.getParent()), real.getFileName(), real, root, true);
    }

    private SecureDirectoryStream<Path> directory(Path root, Path dir) throws IOException {
        SecureDirectoryStream<Path> known = held.get(dir);
        if (known != null) {
            return known;
        }
        SecureDirectoryStream<Path> opened = dir.equals(root) ? HeldFiles.descend(root, Path.of(""), 0)
                : HeldFiles.openDirectoryIn(directory(root, dir.getParent()), dir.getFileName());
        SecureDirectoryStream<Path> first = held.putIfAbsent(dir, opened);
        if (first != null) {
            opened.close();
            return first;
        }
        return opened;
    }

    /** Closes every held directory (closing a directory handle releases it; there is nothing to flush). */
    @Override
    public void close() {
        for (SecureDirectoryStream<Path> dir : held.values()) {
            try {
                dir.close();
            } catch (IOException e) {
                // already closed
            }
        }
        held.clear();
    }
}
