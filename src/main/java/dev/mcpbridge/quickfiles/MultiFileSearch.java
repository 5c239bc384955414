package dev.mcpbridge.quickfiles;

import dev.mcpbridge.core.spi.ToolCallContext;
import dev.mcpbridge.core.spi.ToolException;
import dev.mcpbridge.lib.files.ContentSearch;
import dev.mcpbridge.lib.files.FileBytes;
import dev.mcpbridge.lib.files.FileWalk;
import dev.mcpbridge.lib.files.HeldDirectories;
import dev.mcpbridge.lib.files.PathGuard;
import dev.mcpbridge.lib.files.SearchPattern;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;

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
        ContentSearch search = new ContentSearch(SearchPattern.compile(patternText, options.regex(),
                options.caseSensitive(), "pattern"));
        BooleanSupplier stop = QuickFilesTools.stopped(ctx);
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
                        .map(f -> searchFile(f, search, options, guard, held, stop)).toList();
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
            HeldDirectories held, BooleanSupplier stop) {
        try {
            ContentSearch.Searched searched = search.search(guard, held, f.file(), options.maxFileBytes(),
                    options.maxPerFile(), stop);
            if (searched.skipped() != null) {
                return new FileResult(f.shown(), null, searched.skipped());
            }
            if (searched.matches() == null) {
                return null;
            }
            List<String> lines = searched.matches().textLines();
            // The empty line after a final newline is no line of the file.
            int count = searched.matches().text().endsWith("\n") ? lines.size() - 1 : lines.size();
            int around = options.contextLines();
            List<Hit> hits = new ArrayList<>();
            for (int line : searched.matches().lines()) {
                hits.add(new Hit(line + 1, lines.subList(Math.max(0, line - around), Math.min(count, line + around + 1))));
            }
            return new FileResult(f.shown(), hits, null);
        } catch (IOException e) {
            return new FileResult(f.shown(), null, "could not be read: " + FileBytes.reason(e));
        }
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
