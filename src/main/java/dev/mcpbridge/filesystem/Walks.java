package dev.mcpbridge.filesystem;

import dev.mcpbridge.core.spi.PathGuard;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Tree walks for directory_tree and search_files. Links are never followed: a link is listed as the file it is,
 * and a link whose target lies outside the sandbox is left out altogether.
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
        for (Path entry : sortedEntries(dir)) {
            if (exclude.matches(relative(root, entry)) || !visible(entry, guard)) {
                continue;
            }
            Map<String, Object> node = new LinkedHashMap<>();
            node.put("name", entry.getFileName().toString());
            boolean directory = Files.isDirectory(entry, LinkOption.NOFOLLOW_LINKS);
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
        List<Path> entries;
        try {
            entries = sortedEntries(dir);
        } catch (IOException e) {
            return;
        }
        for (Path entry : entries) {
            if (found.size() >= limit) {
                return;
            }
            Path rel = relative(root, entry);
            if (exclude.matches(rel) || !visible(entry, guard)) {
                continue;
            }
            if (pattern.matches(rel)) {
                found.add(entry.toString());
            }
            if (Files.isDirectory(entry, LinkOption.NOFOLLOW_LINKS)) {
                search(root, entry, pattern, exclude, guard, limit, found);
            }
        }
    }

    /** A directory's entries in byte order of their UTF-8 names, the order the official server (libuv) lists them. */
    static List<Path> sortedEntries(Path dir) throws IOException {
        List<Path> entries = new ArrayList<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir)) {
            stream.forEach(entries::add);
        }
        entries.sort(BY_NAME_BYTES);
        return entries;
    }

    static final java.util.Comparator<Path> BY_NAME_BYTES = (a, b) -> java.util.Arrays.compareUnsigned(
            a.getFileName().toString().getBytes(java.nio.charset.StandardCharsets.UTF_8),
            b.getFileName().toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));

    /** Regular files below root (links not followed) that pass the include and exclude globs. */
    static List<Path> files(Path root, Globs include, Globs exclude) throws IOException {
        List<Path> files = new ArrayList<>();
        if (Files.isRegularFile(root, LinkOption.NOFOLLOW_LINKS)) {
            files.add(root);
            return files;
        }
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                return !dir.equals(root) && (exclude.matches(relative(root, dir)) || exclude.matches(dir.getFileName()))
                        ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                if (attrs.isRegularFile()) {
                    Path rel = relative(root, file);
                    // Globs match the relative path or the bare name, alike for include and exclude.
                    if (!exclude.matches(rel) && !exclude.matches(file.getFileName()) && (include.isEmpty()
                            || include.matches(rel) || include.matches(file.getFileName()))) {
                        files.add(file);
                    }
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) {
                return FileVisitResult.CONTINUE;
            }
        });
        return files;
    }

    /** A link is shown only when it resolves inside the sandbox; other entries are inside by construction. */
    static boolean visible(Path entry, PathGuard guard) {
        if (!Files.isSymbolicLink(entry)) {
            return true;
        }
        try {
            return guard.contains(entry.toRealPath());
        } catch (IOException e) {
            return false;
        }
    }

    static Path relative(Path root, Path entry) {
        return root.relativize(entry);
    }
}
