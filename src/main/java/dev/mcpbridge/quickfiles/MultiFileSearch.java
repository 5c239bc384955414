package dev.mcpbridge.quickfiles;

import dev.mcpbridge.core.spi.ToolCallContext;
import dev.mcpbridge.core.spi.ToolException;
import dev.mcpbridge.lib.files.ContentSearch;
import dev.mcpbridge.lib.files.FileBytes;
import dev.mcpbridge.lib.files.FileWalk;
import dev.mcpbridge.lib.files.HeldDirectories;
import dev.mcpbridge.lib.files.PathGuard;
import dev.mcpbridge.lib.files.TextFile;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * search_in_files: the lines that match, each with its context, file by file in path order. Files are read in
 * parallel batches and searched by the file library's {@link ContentSearch}. Binary files are skipped and counted.
 */
final class MultiFileSearch {

    private static final int BATCH = 512;

    record Options(boolean regex, boolean caseSensitive, String filePattern, int contextLines, int maxPerFile,
            int maxTotal, boolean recursive, long maxFileBytes) {
    }

    private record Hit(int line, List<String> context) {
    }

    /** One file's outcome: its hits, or why it was skipped. */
    private record FileResult(String shown, List<Hit> hits, String skipped) {
    }

    record Report(String text, boolean error) {
    }

    private MultiFileSearch() {
    }

    static Report search(List<String> paths, String patternText, Options options, PathGuard guard, ToolCallContext ctx) {
        if (paths == null || paths.isEmpty()) {
            throw new ToolException("paths must list at least one file or directory");
        }
        if (options.contextLines() < 0 || options.maxPerFile() < 1 || options.maxTotal() < 1) {
            throw new ToolException("context_lines must be 0 or more, max_results_per_file and max_total_results 1 "
                    + "or more");
        }
        ContentSearch search = new ContentSearch(ContentSearch.compile(patternText, options.regex(),
                options.caseSensitive(), "pattern"));
        Targets.Collected targets = Targets.collect(paths, options.filePattern(), options.recursive(), guard);
        List<FileResult> matched = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        int total = 0;
        List<FileWalk.Found> files = targets.files();
        boolean limitReached = false;
        // Each file is opened relative to its directory, held once for the whole search.
        try (HeldDirectories held = HeldDirectories.of(guard)) {
            for (int from = 0; from < files.size() && !limitReached; from += BATCH) {
                if (ctx != null && ctx.cancelled()) {
                    throw new ToolException("search cancelled");
                }
                List<FileResult> batch = files.subList(from, Math.min(files.size(), from + BATCH)).parallelStream()
                        .map(f -> searchFile(f, search, options, guard, held)).toList();
                for (FileResult r : batch) {
                    if (r == null) {
                        continue;
                    }
                    if (r.skipped() != null) {
                        skipped.add(r.shown() + " (" + r.skipped() + ")");
                        continue;
                    }
                    List<Hit> hits = r.hits();
                    if (total + hits.size() >= options.maxTotal()) {
                        hits = hits.subList(0, options.maxTotal() - total);
                        limitReached = true;
                    }
                    total += hits.size();
                    if (!hits.isEmpty()) {
                        matched.add(new FileResult(r.shown(), hits, null));
                    }
                    if (limitReached) {
                        break;
                    }
                }
            }
        }
        return new Report(format(patternText, matched, skipped, targets.errors(), limitReached, options),
                matched.isEmpty() && !targets.errors().isEmpty() && targets.files().isEmpty());
    }

    private static FileResult searchFile(FileWalk.Found f, ContentSearch search, Options options, PathGuard guard,
            HeldDirectories held) {
        try {
            if (f.size() > options.maxFileBytes()) {
                return new FileResult(f.shown(), null, "larger than " + options.maxFileBytes() + " bytes");
            }
            FileBytes.Loaded loaded = FileBytes.read(guard, held, f.file(), options.maxFileBytes());
            if (loaded.tooLarge()) {
                return new FileResult(f.shown(), null, "larger than " + options.maxFileBytes() + " bytes");
            }
            byte[] bytes = loaded.bytes();
            if (TextFile.looksBinary(bytes)) {
                return new FileResult(f.shown(), null, "binary file");
            }
            ContentSearch.Matches matches = search.search(bytes, options.maxPerFile());
            if (matches == null) {
                return null;
            }
            List<Integer> starts = lineStarts(matches.text());
            List<Hit> hits = new ArrayList<>();
            for (int line : matches.lines()) {
                hits.add(new Hit(line + 1, context(matches.text(), starts, line, options.contextLines())));
            }
            return new FileResult(f.shown(), hits, null);
        } catch (IOException e) {
            return new FileResult(f.shown(), null, "could not be read: " + FileBytes.reason(e));
        }
    }

    private static List<Integer> lineStarts(String text) {
        List<Integer> starts = new ArrayList<>();
        starts.add(0);
        for (int i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) {
            if (i + 1 < text.length()) {
                starts.add(i + 1);
            }
        }
        return starts;
    }

    private static List<String> context(String text, List<Integer> starts, int line, int around) {
        List<String> lines = new ArrayList<>();
        for (int i = Math.max(0, line - around); i <= Math.min(starts.size() - 1, line + around); i++) {
            int end = i + 1 < starts.size() ? starts.get(i + 1) - 1 : text.length();
            if (end > starts.get(i) && text.charAt(end - 1) == '\n') {
                end--;
            }
            if (end > starts.get(i) && text.charAt(end - 1) == '\r') {
                end--;
            }
            lines.add(text.substring(starts.get(i), Math.max(starts.get(i), end)));
        }
        return lines;
    }

    private static String format(String pattern, List<FileResult> matched, List<String> skipped, List<String> errors,
            boolean limitReached, Options options) {
        StringBuilder out = new StringBuilder("# Search results for: \"").append(pattern).append("\"\n\n");
        if (matched.isEmpty()) {
            out.append("No results found.\n");
        } else {
            out.append("**").append(matched.size()).append(" file(s) with matches**\n\n");
            for (FileResult r : matched) {
                out.append("## ").append(r.shown()).append('\n').append(r.hits().size()).append(" match(es)\n\n");
                for (Hit h : r.hits()) {
                    out.append("**Line ").append(h.line()).append("**:\n```\n").append(String.join("\n", h.context()))
                            .append("\n```\n\n");
                }
            }
            if (limitReached) {
                out.append("\n(result limit reached: max_total_results ").append(options.maxTotal()).append(")\n");
            }
        }
        if (!skipped.isEmpty()) {
            out.append("\nSkipped ").append(skipped.size()).append(" file(s): ").append(String.join(", ", skipped))
                    .append('\n');
        }
        for (String error : errors) {
            out.append("\nERROR: ").append(error).append('\n');
        }
        return out.toString();
    }
}
