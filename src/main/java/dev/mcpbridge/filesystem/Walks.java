package dev.mcpbridge.filesystem;

import dev.mcpbridge.lib.files.GuardedFiles;
import dev.mcpbridge.lib.files.PathGuard;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Tree walks for the listings, directory_tree, search_files and search_file_contents. Every directory is listed
 * through its held handle ({@link GuardedFiles#walk}): links are never followed or stat'ed through, and a directory
 * swapped for a link during the walk is not entered. A link is listed as the file it is, and a link whose target
 * lies outside the sandbox is left out altogether.
 */
final class Walks {

    private Walks() {
    }

    /** directory_tree's JSON shape: [{name, type, children?}] in directory order. */
    static List<Map<String, Object>> tree(Path root, Globs exclude, PathGuard guard) throws IOException {
        return tree(root, root, exclude, guard);
    }

    private static List<Map<String, Object>> tree(Path root, Path dir, Globs exclude, PathGuard guard)
            throws IOException {
        List<Map<String, Object>> result = new ArrayList<>();
        for (Listed listed : sortedEntries(guard, dir)) {
            Path entry = listed.path();
            if (exclude.matches(relative(root, entry)) || !visible(listed, guard)) {
                continue;
            }
            Map<String, Object> node = new LinkedHashMap<>();
            node.put("name", entry.getFileName().toString());
            boolean directory = listed.attributes().isDirectory();
            node.put("type", directory ? "directory" : "file");
            if (directory) {
                node.put("children", tree(root, entry, exclude, guard));
            }
            result.add(node);
        }
        return result;
    }

    /** search_files: every entry below root whose relative path matches, as a full path, in name order. */
    static List<String> search(Path root, Globs pattern, Globs exclude, PathGuard guard, int limit) throws IOException {
        List<String> found = new ArrayList<>();
        search(root, root, pattern, exclude, guard, limit, found);
        return found;
    }

    private static void search(Path root, Path dir, Globs pattern, Globs exclude, PathGuard guard, int limit,
            List<String> found) {
        List<Listed> entries;
        try {
            entries = sortedEntries(guard, dir);
        } catch (IOException e) {
            return;
        }
        for (Listed listed : entries) {
            if (found.size() >= limit) {
                return;
            }
            Path entry = listed.path();
            Path rel = relative(root, entry);
            if (exclude.matches(rel) || !visible(listed, guard)) {
                continue;
            }
            if (pattern.matches(rel)) {
                found.add(entry.toString());
            }
            if (listed.attributes().isDirectory()) {
                search(root, entry, pattern, exclude, guard, limit, found);
            }
        }
    }

    /** An entry of a listed directory and its own attributes (a link's, not its target's). */
    record Listed(Path path, BasicFileAttributes attributes) {
    }

    /**
     * A checked directory's entries in byte order of their UTF-8 names, the order the official server (libuv)
     * lists them, read through the directory's held handle.
     */
    static List<Listed> sortedEntries(PathGuard guard, Path dir) throws IOException {
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

    static final java.util.Comparator<Path> BY_NAME_BYTES = (a, b) -> java.util.Arrays.compareUnsigned(
            a.getFileName().toString().getBytes(java.nio.charset.StandardCharsets.UTF_8),
            b.getFileName().toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));

    /** Regular files below root (links not followed) that pass the include and exclude globs, in walk order. */
    static List<Path> files(Path root, Globs include, Globs exclude, PathGuard guard) throws IOException {
        List<Path> files = new ArrayList<>();
        if (Files.isRegularFile(root, LinkOption.NOFOLLOW_LINKS)) {
            files.add(root);
            return files;
        }
        GuardedFiles.walk(guard, root, Integer.MAX_VALUE, (rel, attributes) -> {
            if (attributes.isDirectory()) {
                return !exclude.matches(rel) && !exclude.matches(rel.getFileName());
            }
            // Globs match the relative path or the bare name, alike for include and exclude.
            if (attributes.isRegularFile() && !exclude.matches(rel) && !exclude.matches(rel.getFileName())
                    && (include.isEmpty() || include.matches(rel) || include.matches(rel.getFileName()))) {
                files.add(root.resolve(rel));
            }
            return false;
        });
        return files;
    }

    /** A link is shown only when it resolves inside the sandbox; other entries are inside by construction. */
    static boolean visible(Listed entry, PathGuard guard) {
        if (!entry.attributes().isSymbolicLink()) {
            return true;
        }
        try {
            return guard.contains(entry.path().toRealPath());
        } catch (IOException e) {
            return false;
        }
    }

    static Path relative(Path root, Path entry) {
        return root.relativize(entry);
    }
}
