package dev.mcpbridge.filesystem;

import dev.mcpbridge.lib.files.FileWalk;
import dev.mcpbridge.lib.files.Globs;
import dev.mcpbridge.lib.files.PathGuard;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The walks of directory_tree and search_files, in the official server's order and shapes, through the file
 * library's held-handle listing ({@link FileWalk#sortedEntries}).
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
        for (FileWalk.Listed listed : FileWalk.sortedEntries(guard, dir)) {
            Path entry = listed.path();
            if (exclude.matches(root.relativize(entry)) || !FileWalk.visible(listed, guard)) {
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
    static List<String> search(Path root, Globs pattern, Globs exclude, PathGuard guard) {
        List<String> found = new ArrayList<>();
        search(root, root, pattern, exclude, guard, found);
        return found;
    }

    private static void search(Path root, Path dir, Globs pattern, Globs exclude, PathGuard guard,
            List<String> found) {
        List<FileWalk.Listed> entries;
        try {
            entries = FileWalk.sortedEntries(guard, dir);
        } catch (IOException e) {
            return;
        }
        for (FileWalk.Listed listed : entries) {
            Path entry = listed.path();
            Path rel = root.relativize(entry);
            if (exclude.matches(rel) || !FileWalk.visible(listed, guard)) {
                continue;
            }
            if (pattern.matches(rel)) {
                found.add(entry.toString());
            }
            if (listed.attributes().isDirectory()) {
                search(root, entry, pattern, exclude, guard, found);
            }
        }
    }
}
