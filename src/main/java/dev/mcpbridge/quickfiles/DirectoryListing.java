package dev.mcpbridge.quickfiles;

import dev.mcpbridge.core.spi.ToolException;
import dev.mcpbridge.lib.files.FileBytes;
import dev.mcpbridge.lib.files.FileWalk;
import dev.mcpbridge.lib.files.Globs;
import dev.mcpbridge.lib.files.GuardedFiles;
import dev.mcpbridge.lib.files.PathGuard;
import dev.mcpbridge.lib.files.PathGuard.Intent;
import dev.mcpbridge.lib.files.TextFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.text.Collator;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * list_directory_contents: one Markdown table per directory (type, name, size, modification date, line count),
 * sorted by name, size or modification time, within a total line budget. Links are shown, never entered.
 */
final class DirectoryListing {

    /** Files larger than this are not opened to count their lines. */
    private static final long COUNT_LINES_UP_TO = 1024 * 1024;

    /** One directory to list with its options (each falls back to the call's). */
    record Request(String path, boolean recursive, Integer maxDepth, String filePattern, String sortBy,
            String sortOrder) {
    }

    private record Entry(String name, boolean directory, boolean link, boolean regular, long size, long modified,
            Path path) {
    }

    record Report(String text, boolean allFailed) {
    }

    private DirectoryListing() {
    }

    static List<Request> requests(List<Object> paths, boolean recursive, Integer maxDepth, String filePattern,
            String sortBy, String sortOrder) {
        if (paths == null || paths.isEmpty()) {
            throw new ToolException("paths must list at least one directory");
        }
        List<Request> requests = new ArrayList<>();
        for (Object item : paths) {
            if (item instanceof String s) {
                requests.add(new Request(s, recursive, maxDepth, filePattern, sortBy, sortOrder));
            } else if (item instanceof Map<?, ?> m && m.get("path") instanceof String p) {
                requests.add(new Request(p,
                        m.get("recursive") instanceof Boolean b ? b : recursive,
                        m.get("max_depth") instanceof Number n ? Integer.valueOf(n.intValue()) : maxDepth,
                        m.get("file_pattern") instanceof String f ? f : filePattern,
                        m.get("sort_by") instanceof String sb ? sb : sortBy,
                        m.get("sort_order") instanceof String so ? so : sortOrder));
            } else {
                throw new ToolException("each entry of paths must be a path or {path, recursive, max_depth, "
                        + "file_pattern, sort_by, sort_order}");
            }
        }
        // Argument mistakes fail the call, before anything is listed.
        requests.forEach(r -> order(r.sortBy(), r.sortOrder()));
        return requests;
    }

    static Report list(List<Request> requests, int maxLines, PathGuard guard) {
        StringBuilder out = new StringBuilder();
        int lines = 0;
        int failed = 0;
        for (Request request : requests) {
            if (lines >= maxLines) {
                out.append("\n(additional lines not shown: max_lines ").append(maxLines).append(" reached)\n");
                break;
            }
            out.append("## Contents of: ").append(request.path()).append("\n\n");
            lines += 2;
            List<Entry> entries;
            try {
                entries = entries(request, guard);
            } catch (ToolException e) {
                failed++;
                out.append("ERROR: ").append(e.getMessage()).append("\n\n");
                lines += 2;
                continue;
            }
            out.append("| Type | Name | Size | Modified | Lines |\n|---|---|---|---|---|\n");
            lines += 2;
            boolean cut = false;
            for (Entry e : entries) {
                if (lines >= maxLines) {
                    out.append("| ... | ... | ... | ... | ... |\n");
                    cut = true;
                    break;
                }
                out.append("| ").append(e.link() ? "🔗" : e.directory() ? "📁" : "📄").append(" | ")
                        .append(cell(e.name())).append(" | ")
                        .append(e.directory() ? "" : String.format(Locale.ROOT, "%.2f KB", e.size() / 1024.0))
                        .append(" | ").append(Instant.ofEpochMilli(e.modified()).atZone(ZoneOffset.UTC).toLocalDate())
                        .append(" | ").append(e.regular() ? lineCount(e, guard) : "").append(" |\n");
                lines++;
            }
            if (cut) {
                out.append("\n(additional lines not shown: max_lines ").append(maxLines).append(" reached)\n");
                lines++;
            } else {
                out.append('\n');
                lines++;
            }
        }
        return new Report(out.toString(), failed == requests.size());
    }

    private static List<Entry> entries(Request request, PathGuard guard) {
        Path dir = guard.resolve(request.path(), Intent.EXISTING);
        if (!Files.isDirectory(dir)) {
            throw new ToolException("'" + request.path() + "' is not a directory");
        }
        Globs pattern = Globs.parse("file_pattern", request.filePattern());
        int depth = request.maxDepth() == null ? (request.recursive() ? Integer.MAX_VALUE : 1)
                : request.recursive() ? request.maxDepth() : Math.min(1, request.maxDepth());
        if (depth < 0) {
            throw new ToolException("max_depth must be 0 or more, not " + request.maxDepth());
        }
        List<Entry> entries = new ArrayList<>();
        try {
            // By handle: a directory swapped for a link during the listing is not entered, and no entry is
            // stat'ed through a link.
            GuardedFiles.walk(guard, dir, depth, (rel, attrs) -> {
                boolean directory = attrs.isDirectory();
                if (directory || pattern.isEmpty() || pattern.matchesPathOrName(rel.getFileName())) {
                    into(entries, request.path(), dir, rel, attrs);
                }
                return directory;
            });
        } catch (IOException e) {
            throw new ToolException("'" + request.path() + "' cannot be listed (" + FileBytes.reason(e) + ")");
        }
        entries.sort(order(request.sortBy(), request.sortOrder()));
        return entries;
    }

    private static void into(List<Entry> entries, String shown, Path dir, Path rel, BasicFileAttributes attrs) {
        entries.add(new Entry(FileWalk.join(shown, rel), attrs.isDirectory(), attrs.isSymbolicLink(),
                attrs.isRegularFile(), attrs.size(),
                attrs.lastModifiedTime().toMillis(), dir.resolve(rel)));
    }

    private static Comparator<Entry> order(String sortBy, String sortOrder) {
        String by = sortBy == null ? "name" : sortBy.toLowerCase(Locale.ROOT);
        Collator collator = Collator.getInstance(Locale.ROOT);
        Comparator<Entry> byName = (a, b) -> collator.compare(a.name(), b.name());
        Comparator<Entry> c = switch (by) {
            case "name" -> byName;
            case "size" -> Comparator.comparingLong(Entry::size);
            case "modified" -> Comparator.comparingLong(Entry::modified);
            default -> throw new ToolException("sort_by must be name, size or modified, not '" + sortBy + "'");
        };
        String order = sortOrder == null ? "asc" : sortOrder.toLowerCase(Locale.ROOT);
        if (!order.equals("asc") && !order.equals("desc")) {
            throw new ToolException("sort_order must be asc or desc, not '" + sortOrder + "'");
        }
        return order.equals("desc") ? c.reversed() : c;
    }

    /**
     * Lines as an editor numbers them ("a\nb" and "a\nb\n" both have 2); blank for binary or large files. Only
     * regular files are opened (a pipe would block the listing).
     */
    private static String lineCount(Entry entry, PathGuard guard) {
        if (entry.size() > COUNT_LINES_UP_TO) {
            return "";
        }
        try {
            FileBytes.Loaded loaded = FileBytes.read(guard, entry.path(), COUNT_LINES_UP_TO);
            if (loaded.tooLarge()) {
                return "";
            }
            byte[] bytes = loaded.bytes();
            if (bytes.length == 0) {
                return "0";
            }
            if (TextFile.looksBinary(bytes)) {
                return "";
            }
            int lines = 0;
            for (byte b : bytes) {
                if (b == '\n') {
                    lines++;
                }
            }
            return String.valueOf(bytes[bytes.length - 1] == '\n' ? lines : lines + 1);
        } catch (IOException e) {
            return "";
        }
    }

    /** A table cell: '|' and newlines in a name would break the row. */
    private static String cell(String text) {
        return text.replace("|", "\\|").replace("\n", " ").replace("\r", " ");
    }
}
