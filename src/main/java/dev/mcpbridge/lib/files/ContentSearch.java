package dev.mcpbridge.lib.files;

import dev.mcpbridge.core.spi.ToolException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * A search for text in files: which lines of a text file hold a match. Most files are ruled out on their raw bytes
 * ({@link LiteralPrefilter}) without being decoded; the rest are decoded as {@link TextFile} decodes them and
 * searched whole, so a match may span lines and is found on the line it begins. Size caps, binary files and what a
 * hit shows are the caller's.
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

    private final Pattern pattern;
    private final Pattern asciiPattern;
    private final LiteralPrefilter prefilter;

    public ContentSearch(Pattern pattern) {
        this.pattern = pattern;
        this.asciiPattern = forAsciiText(pattern);
        this.prefilter = LiteralPrefilter.of(pattern);
    }

    /**
     * The search as a pattern: a literal or a regex, case-insensitive unless asked, with {@code ^} and {@code $}
     * matching at every line (what a file-wide search means by them).
     *
     * @param what names the argument in the error of an invalid regex
     */
    public static Pattern compile(String search, boolean regex, boolean caseSensitive, String what) {
        if (search == null || search.isEmpty()) {
            throw new ToolException(what + " must not be empty");
        }
        int flags = Pattern.MULTILINE;
        if (!caseSensitive) {
            flags |= Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE;
        }
        if (!regex) {
            flags |= Pattern.LITERAL;
        }
        try {
            return Pattern.compile(search, flags);
        } catch (PatternSyntaxException e) {
            throw new ToolException(what + " is not a valid regular expression: " + e.getDescription()
                    + (e.getIndex() >= 0 ? " near index " + e.getIndex() : "") + " in '" + search + "'");
        }
    }

    /**
     * The same pattern without Unicode case folding, for pure-ASCII text: with an ASCII pattern it matches exactly
     * the same there, several times faster. The pattern itself when it is case-sensitive or not ASCII.
     */
    private static Pattern forAsciiText(Pattern pattern) {
        int flags = pattern.flags();
        if ((flags & Pattern.UNICODE_CASE) == 0 || !pattern.pattern().chars().allMatch(c -> c < 128)) {
            return pattern;
        }
        return Pattern.compile(pattern.pattern(), flags & ~Pattern.UNICODE_CASE);
    }

    /**
     * Searches a checked file, read through its held directory: skipped when larger than {@code maxBytes} or
     * binary ({@link TextFile#looksBinary}).
     *
     * @param held the directories held for the whole search, or null
     */
    public Searched search(PathGuard guard, HeldDirectories held, Path file, long maxBytes, int maxLines)
            throws IOException {
        FileBytes.Loaded loaded = FileBytes.read(guard, held, file, maxBytes);
        if (loaded.tooLarge()) {
            return new Searched(null, "larger than " + maxBytes + " bytes");
        }
        if (TextFile.looksBinary(loaded.bytes())) {
            return new Searched(null, "binary file");
        }
        return new Searched(search(loaded.bytes(), maxLines), null);
    }

    /**
     * The lines of a text file's bytes that hold a match, at most {@code maxLines} of them (ask for one more than
     * will be shown to learn whether there were more); null when the file holds none.
     */
    public Matches search(byte[] bytes, int maxLines) {
        if (prefilter != null && !prefilter.mayMatch(bytes)) {
            return null;
        }
        String text = TextFile.decode(bytes).text();
        Matcher m = (TextFile.isAscii(bytes) ? asciiPattern : pattern).matcher(text);
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
