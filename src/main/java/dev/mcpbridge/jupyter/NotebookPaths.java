package dev.mcpbridge.jupyter;

import dev.mcpbridge.core.spi.ToolException;
import dev.mcpbridge.lib.files.PathGuard;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/**
 * Every path a tool names, turned into a path of the Jupyter contents API (relative to the notebook directory,
 * '/'-separated) or refused: '..' that climbs out, absolute paths outside the directory, and, where the directory
 * is on this machine, symbolic links that lead out of it. The server itself only checks the path's text, so a link
 * to /etc inside its root would otherwise be followed.
 */
public final class NotebookPaths {

    private final Path localRoot;
    private final PathGuard guard;

    /** @param localRoot the notebook directory on this machine, or null when the server's files are elsewhere */
    public NotebookPaths(Path localRoot) {
        try {
            this.localRoot = localRoot == null ? null : localRoot.toRealPath();
            this.guard = localRoot == null ? null : PathGuard.of(List.of(this.localRoot.toString()), false);
        } catch (IOException e) {
            throw new ToolException("notebook directory '" + localRoot + "' does not exist or cannot be read");
        }
    }

    public Path localRoot() {
        return localRoot;
    }

    /** The contents-API path for {@code requested}; "" is the notebook directory itself. */
    public String resolve(String requested) {
        if (requested == null) {
            throw new ToolException("a path is required");
        }
        if (requested.indexOf('\0') >= 0) {
            throw new ToolException("path '" + printable(requested) + "' contains a NUL character");
        }
        String text = requested.strip().replace('\\', '/');
        if (isAbsolute(text)) {
            text = relativeToRoot(requested, text);
        }
        Deque<String> parts = new ArrayDeque<>();
        for (String segment : text.split("/")) {
            if (segment.isEmpty() || segment.equals(".")) {
                continue;
            }
            if (segment.equals("..")) {
                if (parts.isEmpty()) {
                    throw outside(requested);
                }
                parts.removeLast();
                continue;
            }
            parts.addLast(segment);
        }
        String relative = String.join("/", parts);
        if (localRoot != null) {
            checkLinks(requested, relative);
        }
        return relative;
    }

    /** Like {@link #resolve}, for a notebook file: the name must end in .ipynb. */
    public String notebook(String requested) {
        String path = resolve(requested);
        if (!path.toLowerCase(java.util.Locale.ROOT).endsWith(".ipynb")) {
            throw new ToolException("'" + requested + "' is not a notebook: its name must end in .ipynb");
        }
        if (localRoot != null) {
            refuseSpecialFile(requested, localRoot.resolve(path));
        }
        return path;
    }

    /**
     * A FIFO, socket or device named *.ipynb would block the Jupyter server itself on open: its type is read by
     * lstat first, and only a regular file (or nothing yet) goes on.
     */
    private static void refuseSpecialFile(String requested, Path file) {
        try {
            java.nio.file.attribute.BasicFileAttributes attributes = Files.readAttributes(file,
                    java.nio.file.attribute.BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            if (attributes.isOther()) {
                throw new ToolException("'" + requested + "' is not a regular file (a FIFO, socket or device); only "
                        + "notebook files are read or written");
            }
        } catch (java.nio.file.NoSuchFileException e) {
            // a notebook about to be created
        } catch (java.io.IOException e) {
            throw new ToolException("'" + requested + "' cannot be examined: " + e.getMessage());
        }
    }

    private String relativeToRoot(String requested, String text) {
        if (localRoot == null) {
            throw new ToolException("'" + requested + "' is an absolute path; give a path relative to the notebook "
                    + "directory (the Jupyter server's root)");
        }
        Path absolute;
        try {
            absolute = Path.of(text).normalize();
        } catch (java.nio.file.InvalidPathException e) {
            throw new ToolException("'" + requested + "' is not a valid path");
        }
        for (Path candidate : new Path[] {absolute, realPrefix(absolute)}) {
            if (candidate.startsWith(localRoot)) {
                return localRoot.relativize(candidate).toString().replace('\\', '/');
            }
        }
        throw outside(requested);
    }

    /** The given absolute path with its longest existing prefix replaced by its real path. */
    private Path realPrefix(Path absolute) {
        Path existing = absolute;
        Deque<String> missing = new ArrayDeque<>();
        while (existing != null && !Files.exists(existing, LinkOption.NOFOLLOW_LINKS)) {
            missing.addFirst(existing.getFileName().toString());
            existing = existing.getParent();
        }
        Path result;
        try {
            result = existing == null ? absolute : existing.toRealPath();
        } catch (IOException e) {
            return absolute;
        }
        for (String name : missing) {
            result = result.resolve(name);
        }
        return result;
    }

    /**
     * The lexical check passed; the shared sandbox then follows the links, on the real path of the nearest existing
     * ancestor, so a refusal here means a symbolic link leads out.
     */
    private void checkLinks(String requested, String relative) {
        Path candidate = relative.isEmpty() ? localRoot : localRoot.resolve(relative);
        try {
            guard.resolve(candidate.toString(), PathGuard.Intent.CREATE);
        } catch (ToolException e) {
            if (e.getMessage().contains("outside the allowed directories")) {
                throw new ToolException("'" + requested + "' leads outside the notebook directory through a "
                        + "symbolic link; refused");
            }
            throw new ToolException(e.getMessage().replace("'" + candidate + "'", "'" + requested + "'"));
        }
    }

    private static boolean isAbsolute(String text) {
        return text.startsWith("/") || text.matches("^[A-Za-z]:(/.*)?$");
    }

    private static ToolException outside(String requested) {
        return new ToolException("'" + requested + "' is outside the notebook directory; paths are relative to it "
                + "and may not climb out with '..'");
    }

    private static String printable(String s) {
        return s.replace("\0", "\\0");
    }
}
