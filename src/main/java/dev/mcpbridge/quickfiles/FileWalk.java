package dev.mcpbridge.quickfiles;

import dev.mcpbridge.core.spi.ToolException;
import dev.mcpbridge.lib.files.GuardedFiles;
import dev.mcpbridge.lib.files.PathGuard;
import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The files below a directory that a batch tool works on. Links to directories are never followed; a link to a
 * file is taken only when its target is inside the sandbox. A file pattern is matched against names and paths
 * relative to the directory, so it can select but never reach outside it.
 */
final class FileWalk {

    /**
     * A file found, with the name to show (the path as the user gave it, joined with the relative path) and its
     * size from the walk (-1 when unknown), which spares a second stat per file.
     */
    record Found(Path file, String shown, long size) {

        Found(Path file, String shown) {
            this(file, shown, -1);
        }
    }

    private FileWalk() {
    }

    /** A glob on a file's name, or on its relative path when the pattern holds a '/'; null when none was given. */
    static PathMatcher pattern(String glob) {
        if (glob == null || glob.isBlank()) {
            return null;
        }
        String g = glob.strip().replace('\\', '/');
        try {
            if (!g.contains("/")) {
                PathMatcher name = FileSystems.getDefault().getPathMatcher("glob:" + g);
                return path -> path.getFileName() != null && name.matches(path.getFileName());
            }
            // "**/x" also matches x at the top, as in glob libraries.
            PathMatcher full = FileSystems.getDefault().getPathMatcher("glob:" + g);
            PathMatcher top = g.startsWith("**/") ? FileSystems.getDefault().getPathMatcher("glob:" + g.substring(3))
                    : null;
            return path -> full.matches(path) || (top != null && top.matches(path));
        } catch (IllegalArgumentException e) {
            throw new ToolException("file_pattern '" + glob + "' is not a valid glob: " + e.getMessage());
        }
    }

    /**
     * Regular files below {@code dir} in path order, listed through held directory handles (see
     * {@link GuardedFiles#walk}). A link to a file inside the sandbox is found as its real target, which is what
     * is later read and written, by handle; the name shown stays the link's.
     *
     * @param dir a real directory checked by the guard
     * @param maxDepth levels of directories to enter below {@code dir}; 0 is the directory's own files only
     */
    static List<Found> files(Path dir, String shownDir, PathMatcher pattern, int maxDepth, PathGuard guard)
            throws IOException {
        List<Found> found = new ArrayList<>();
        GuardedFiles.walk(guard, dir, maxDepth + 1, (rel, attrs) -> {
            if (attrs.isDirectory()) {
                return true;
            }
            if (pattern != null && !pattern.matches(rel)) {
                return false;
            }
            if (attrs.isRegularFile()) {
                found.add(new Found(dir.resolve(rel), join(shownDir, rel), attrs.size()));
            } else if (attrs.isSymbolicLink()) {
                Path target = linkedFileInside(dir.resolve(rel), guard);
                if (target != null) {
                    found.add(new Found(target, join(shownDir, rel)));
                }
            }
            return false;
        });
        found.sort(Comparator.comparing(Found::shown));
        return found;
    }

    /** The real file a link leads to when that is a regular file inside the sandbox, else null. */
    static Path linkedFileInside(Path link, PathGuard guard) {
        try {
            Path real = link.toRealPath();
            return guard.contains(real) && Files.isRegularFile(real) ? real : null;
        } catch (IOException e) {
            return null;
        }
    }

    /** The user's path and a relative path joined with '/', without doubling a trailing separator. */
    static String join(String shownDir, Path rel) {
        String r = rel.toString().replace('\\', '/');
        if (r.isEmpty()) {
            return shownDir;
        }
        return shownDir.endsWith("/") || shownDir.endsWith("\\") ? shownDir + r : shownDir + "/" + r;
    }
}
