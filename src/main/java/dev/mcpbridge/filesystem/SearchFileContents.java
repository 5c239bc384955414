package dev.mcpbridge.filesystem;

import dev.mcpbridge.core.spi.ToolException;
import dev.mcpbridge.lib.files.ContentSearch;
import dev.mcpbridge.lib.files.HeldDirectories;
import dev.mcpbridge.lib.files.PathGuard;
import dev.mcpbridge.lib.files.SearchPattern;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

/**
 * search_file_contents: a regex or literal searched in every text file below a directory, in parallel, by the file
 * library's {@link ContentSearch}. Binary files and files over the read cap are skipped; only files that match are
 * split into lines.
 */
final class SearchFileContents {

    record Hit(String path, int line, String text, List<String> before, List<String> after) {
        Map<String, Object> toMap() {
            return Map.of("path", path, "line", line, "text", text, "before", before, "after", after);
        }
    }

    record Result(List<Hit> hits, int filesSearched, int filesMatched, boolean truncated) {
    }

    private final ContentSearch search;
    private final int context;
    private final int perFile;
    private final int total;
    private final long maxBytes;

    SearchFileContents(String query, boolean literal, boolean caseSensitive, int context, int perFile, int total,
            long maxBytes) {
        try {
            this.search = new ContentSearch(SearchPattern.compile(query, !literal, caseSensitive, "pattern"));
        } catch (ToolException e) {
            throw new ToolException(e.getMessage() + " (set literal: true to search for the text as is)");
        }
        this.context = context;
        this.perFile = perFile;
        this.total = total;
        this.maxBytes = maxBytes;
    }

    /** @param held the directories held for the search, through which each file is read */
    Result run(List<Path> files, PathGuard guard, HeldDirectories held, BooleanSupplier cancelled) {
        AtomicInteger searched = new AtomicInteger();
        AtomicInteger matched = new AtomicInteger();
        AtomicInteger budget = new AtomicInteger(total);
        AtomicBoolean truncated = new AtomicBoolean();
        // Files past the budget are still checked (cheaply, without splitting lines), so that truncated means
        // exactly "there were more matches than returned" and the counts cover every file.
        List<List<Hit>> perFileHits = files.parallelStream().map(file -> {
            if (cancelled.getAsBoolean()) {
                truncated.set(true);
                return List.<Hit>of();
            }
            Found found = search(file, guard, held, searched, budget.get() > 0, cancelled);
            if (!found.matched()) {
                return List.<Hit>of();
            }
            matched.incrementAndGet();
            List<Hit> hits = found.hits();
            int allowed = Math.min(hits.size(), Math.max(0, budget.getAndAdd(-hits.size())));
            if (allowed < hits.size() || found.capped()) {
                truncated.set(true);
            }
            return hits.subList(0, allowed);
        }).toList();
        List<Hit> all = new ArrayList<>();
        perFileHits.forEach(all::addAll);
        return new Result(all, searched.get(), matched.get(), truncated.get());
    }

    /** One file's outcome: whether it matched, the hits collected, and whether the per-file cap cut them. */
    private record Found(boolean matched, List<Hit> hits, boolean capped) {
        static final Found NONE = new Found(false, List.of(), false);
    }

    private Found search(Path file, PathGuard guard, HeldDirectories held, AtomicInteger searched,
            boolean collect, BooleanSupplier cancelled) {
        ContentSearch.Searched found;
        try {
            found = search.search(guard, held, file, maxBytes, collect ? perFile + 1 : 1, cancelled);
        } catch (IOException e) {
            return Found.NONE;
        }
        if (found.skipped() != null) {
            return Found.NONE;
        }
        searched.incrementAndGet();
        ContentSearch.Matches matches = found.matches();
        if (matches == null) {
            return Found.NONE;
        }
        if (!collect) {
            return new Found(true, List.of(), true);
        }
        List<String> lines = matches.textLines();
        List<Hit> hits = new ArrayList<>();
        for (int i : matches.lines().subList(0, Math.min(perFile, matches.lines().size()))) {
            hits.add(new Hit(file.toString(), i + 1, lines.get(i), lines.subList(Math.max(0, i - context), i),
                    lines.subList(i + 1, Math.min(lines.size(), i + 1 + context))));
        }
        return new Found(true, hits, matches.lines().size() > perFile);
    }

    static String format(Result result) {
        if (result.hits().isEmpty()) {
            return "No matches found (" + result.filesSearched() + " files searched)";
        }
        StringBuilder sb = new StringBuilder();
        String previousPath = null;
        for (Hit hit : result.hits()) {
            if (previousPath != null && (!hit.path().equals(previousPath) || !hit.before().isEmpty()
                    || !hit.after().isEmpty())) {
                sb.append("--\n");
            }
            for (int i = 0; i < hit.before().size(); i++) {
                sb.append(hit.path()).append('-').append(hit.line() - hit.before().size() + i).append('-')
                        .append(hit.before().get(i)).append('\n');
            }
            sb.append(hit.path()).append(':').append(hit.line()).append(':').append(hit.text()).append('\n');
            for (int i = 0; i < hit.after().size(); i++) {
                sb.append(hit.path()).append('-').append(hit.line() + 1 + i).append('-').append(hit.after().get(i))
                        .append('\n');
            }
            previousPath = hit.path();
        }
        sb.append('\n').append(result.hits().size()).append(" matches in ").append(result.filesMatched())
                .append(" files (").append(result.filesSearched()).append(" searched)");
        if (result.truncated()) {
            sb.append("; more matches were left out: narrow the search or raise maxMatches");
        }
        return sb.toString();
    }
}
