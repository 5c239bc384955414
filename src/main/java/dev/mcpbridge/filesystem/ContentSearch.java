package dev.mcpbridge.filesystem;

import dev.mcpbridge.core.spi.ToolException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * search_file_contents: a regex or literal searched in every text file below a directory, in parallel. Binary files
 * (a NUL byte early on) and files over the read cap are skipped; each file first gets one cheap whole-content check,
 * so only files that match are split into lines.
 */
final class ContentSearch {

    /** Opens a file found by the walk; by default by path, in the sandbox through its held directory. */
    interface Opener {
        java.nio.channels.SeekableByteChannel open(Path file) throws IOException;
    }

    private Opener opener = java.nio.file.Files::newByteChannel;

    /** Reads every file through this opener (the filesystem sandbox's handles). */
    ContentSearch through(Opener opener) {
        this.opener = opener;
        return this;
    }

    record Hit(String path, int line, String text, List<String> before, List<String> after) {
        Map<String, Object> toMap() {
            return Map.of("path", path, "line", line, "text", text, "before", before, "after", after);
        }
    }

    record Result(List<Hit> hits, int filesSearched, int filesMatched, boolean truncated) {
    }

    private final Pattern pattern;
    private final int context;
    private final int perFile;
    private final int total;
    private final long maxBytes;

    ContentSearch(String query, boolean literal, boolean caseSensitive, int context, int perFile, int total,
            long maxBytes) {
        int flags = (caseSensitive ? 0 : Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE) | Pattern.MULTILINE;
        try {
            this.pattern = Pattern.compile(literal ? Pattern.quote(query) : query, flags);
        } catch (PatternSyntaxException e) {
            throw new ToolException("pattern is not a valid regular expression: " + e.getDescription()
                    + " near index " + e.getIndex() + " (set literal: true to search for the text as is)");
        }
        this.context = context;
        this.perFile = perFile;
        this.total = total;
        this.maxBytes = maxBytes;
    }

    Result run(List<Path> files, BooleanSupplier cancelled) {
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
            Found found = search(file, searched, budget.get() > 0);
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

    private Found search(Path file, AtomicInteger searched, boolean collect) {
        String content;
        try (java.nio.channels.SeekableByteChannel channel = opener.open(file)) {
            if (channel.size() > maxBytes) {
                return Found.NONE;
            }
            byte[] bytes = java.nio.channels.Channels.newInputStream(channel).readAllBytes();
            int probe = Math.min(bytes.length, 8192);
            for (int i = 0; i < probe; i++) {
                if (bytes[i] == 0) {
                    return Found.NONE;
                }
            }
            content = new String(bytes, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return Found.NONE;
        }
        searched.incrementAndGet();
        if (!pattern.matcher(content).find()) {
            return Found.NONE;
        }
        if (!collect) {
            return new Found(true, List.of(), true);
        }
        String[] lines = content.split("\r?\n", -1);
        List<Hit> hits = new ArrayList<>();
        Matcher m = pattern.matcher("");
        boolean capped = false;
        for (int i = 0; i < lines.length; i++) {
            if (m.reset(lines[i]).find()) {
                if (hits.size() == perFile) {
                    capped = true;
                    break;
                }
                hits.add(new Hit(file.toString(), i + 1, lines[i],
                        List.of(lines).subList(Math.max(0, i - context), i),
                        List.of(lines).subList(i + 1, Math.min(lines.length, i + 1 + context))));
            }
        }
        return new Found(true, hits, capped);
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
