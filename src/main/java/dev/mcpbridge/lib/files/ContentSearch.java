package dev.mcpbridge.lib.files;

import com.google.re2j.Matcher;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * A search for text in files: which lines of a text file hold a match. Most files are ruled out on their raw bytes
 * ({@link LiteralPrefilter}) without being decoded; the rest are decoded as {@link TextFile} decodes them and
 * searched whole ({@link SearchPattern}: linear time, stopped with the call), so a match may span lines and is
 * found on the line it begins. Size caps, binary files and what a hit shows are the caller's.
 */
public final class ContentSearch {

    /** A file's decoded text and the 0-based numbers of the lines on which a match begins, in order. */
    public record Matches(String text, List<Integer> lines) {

        /** The text's lines without their line endings; after a final newline comes one more, empty line. */
        public List<String> textLines() {
            return List.of(text.split("\\r?\\n", -1));
        }
    }

    /** One file searched: its matches (null when none), or why it was skipped. */
    public record Searched(Matches matches, String skipped) {
    }

    private final SearchPattern pattern;
    private final LiteralPrefilter prefilter;

    public ContentSearch(SearchPattern pattern) {
        this.pattern = pattern;
        this.prefilter = LiteralPrefilter.of(pattern);
    }

    /**
     * Searches a checked file, read through its held directory: skipped when larger than {@code maxBytes} or
     * binary ({@link TextFile#looksBinary}).
     *
     * @param held the directories held for the whole search, or null
     */
    public Searched search(PathGuard guard, HeldDirectories held, Path file, long maxBytes, int maxLines,
            BooleanSupplier stop) throws IOException {
        FileBytes.Loaded loaded = FileBytes.read(guard, held, file, maxBytes);
        if (loaded.tooLarge()) {
            return new Searched(null, "larger than " + maxBytes + " bytes");
        }
        if (TextFile.looksBinary(loaded.bytes())) {
            return new Searched(null, "binary file");
        }
        return new Searched(search(loaded.bytes(), maxLines, stop), null);
    }

    /**
     * The lines of a text file's bytes that hold a match, at most {@code maxLines} of them (ask for one more than
     * will be shown to learn whether there were more); null when the file holds none.
     *
     * @param stop true once the call is over: the search then ends with a
     *     {@link java.util.concurrent.CancellationException}
     */
    public Matches search(byte[] bytes, int maxLines, BooleanSupplier stop) {
        if (prefilter != null && !prefilter.mayMatch(bytes)) {
            return null;
        }
        String decoded = TextFile.decode(bytes).text();
        // RE2's multi-line '$' matches before '\n' only: CRLF lines are searched as LF lines, as java.util.regex
        // searched them, and keep their numbers.
        String text = decoded.indexOf('\r') < 0 ? decoded : decoded.replace("\r\n", "\n");
        Matcher m = pattern.matcher(text, stop);
        if (!m.find()) {
            return null;
        }
        // The newline that ends the last line does not start another one, so a match at the very end is on it.
        int lastNewline = text.endsWith("\n") ? text.length() - 1 : text.length();
        List<Integer> lines = new ArrayList<>();
        int line = 0;
        int counted = 0;
        do {
            for (int upTo = Math.min(m.start(), lastNewline); counted < upTo; counted++) {
                if (text.charAt(counted) == '\n') {
                    line++;
                }
            }
            if (lines.isEmpty() || lines.get(lines.size() - 1) != line) {
                lines.add(line);
            }
        } while (lines.size() < maxLines && m.find());
        return new Matches(text, lines);
    }
}
