package dev.mcpbridge.lib.files;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Walks below a checked directory. Every directory is listed through its held handle ({@link GuardedFiles#walk}):
 * links are never followed or stat'ed through, and a directory swapped for a link during the walk is not entered.
 * A link is listed as the file it is; a link whose target lies outside the sandbox is never shown or used.
 */
public final class FileWalk {

    /** An entry of a listed directory and its own attributes (a link's, not its target's). */
    public record Listed(Path path, BasicFileAttributes attributes) {
    }

    /**
     * A file found, with the name to show (the path as the user gave it, joined with the relative path) and its
     * size from the walk (-1 when unknown), which spares a second stat per file.
     */
    public record Found(Path file, String shown, long size) {

        public Found(Path file, String shown) {
            this(file, shown, -1);
        }
    }

    /** Names in byte order of their UTF-8, the order the official filesystem server (libuv) lists them. */
    public static final Comparator<Path> BY_NAME_BYTES = (a, b) -> Arrays.compareUnsigned(
            a.getFileName().toString().getBytes(StandardCharsets.UTF_8),
            b.getFileName().toString().getBytes(StandardCharsets.UTF_8));

    private FileWalk() {
    }

    /** A checked directory's entries in {@link #BY_NAME_BYTES} order, read through the directory's held handle. */
    public static List<Listed> sortedEntries(PathGuard guard, Path dir) throws IOException {
        if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
            throw new NotDirectoryException(dir.toString());
        }
        List<Listed> entries = new ArrayList<>();
        GuardedFiles.walk(guard, dir, 1, (rel, attributes) -> {
            entries.add(new Listed(dir.resolve(rel), attributes));
            return false;
        });
        entries.sort((x, y) -> BY_NAME_BYTES.compare(x.path(), y.path()));
        return entries;
    }

    /** A link is shown only when it resolves inside the sandbox; other entries are inside by construction. */
    public static boolean visible(Listed entry, PathGuard guard) {
        if (!entry.attributes().isSymbolicLink()) {
            return true;
        }
        try {
            return guard.contains(entry.path().toRealPath());
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * The regular files below {@code dir} (or {@code dir} itself when it is one), in walk order. Globs match a
     * file's relative path or its bare name ({@link Globs#matchesPathOrName}); a directory the exclusions match is
     * not entered.
     *
     * @param shownDir the directory as the user gave it, for {@link Found#shown}
     * @param depth levels of directories to enter below {@code dir}; 0 is the directory's own files only
     * @param include files to take; all when empty
     * @param linkedFiles whether a link to a regular file inside the sandbox is taken, as its real target (which is
     *     what is later read and written, by handle; the name shown stays the link's)
     */
    public static List<Found> files(Path dir, String shownDir, int depth, Globs include, Globs exclude,
            boolean linkedFiles, PathGuard guard) throws IOException {
        List<Found> found = new ArrayList<>();
        if (Files.isRegularFile(dir, LinkOption.NOFOLLOW_LINKS)) {
            found.add(new Found(dir, shownDir));
            return found;
        }
        GuardedFiles.walk(guard, dir, depth + 1, (rel, attributes) -> {
            if (exclude.matchesPathOrName(rel)) {
                return false;
            }
            if (attributes.isDirectory()) {
                return true;
            }
            if (!include.isEmpty() && !include.matchesPathOrName(rel)) {
                return false;
            }
            if (attributes.isRegularFile()) {
                found.add(new Found(dir.resolve(rel), join(shownDir, rel), attributes.size()));
            } else if (linkedFiles && attributes.isSymbolicLink()) {
                Path target = linkedFileInside(dir.resolve(rel), guard);
                if (target != null) {
                    found.add(new Found(target, join(shownDir, rel)));
                }
            }
            return false;
        });
        return found;
    }

    /** The real file a link leads to when that is a regular file inside the sandbox, else null. */
    private static Path linkedFileInside(Path link, PathGuard guard) {
        try {
            Path real = link.toRealPath();
            return guard.contains(real) && Files.isRegularFile(real) ? real : null;
        } catch (IOException e) {
            return null;
        }
    }

    /** The user's path and a relative path joined with '/', without doubling a trailing separator. */
    public static String join(String shownDir, Path rel) {
        String r = rel.toString().replace('\\', '/');
        if (r.isEmpty()) {
            return shownDir;
        }
        return shownDir.endsWith("/") || shownDir.endsWith("\\") ? shownDir + r : shownDir + "/" + r;
    }
}
