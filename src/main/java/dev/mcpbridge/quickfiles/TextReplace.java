package dev.mcpbridge.quickfiles;

import dev.mcpbridge.core.spi.ToolException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/** Finding and replacing text with Java regexes and JavaScript replacement templates. */
final class TextReplace {

    /** A text after replacement, and how many matches were replaced. */
    record Outcome(String text, int count) {
    }

    private TextReplace() {
    }

    /**
     * The search as a pattern: a literal or a regex, case-insensitive unless asked, with {@code ^} and {@code $}
     * matching at every line (what a file-wide search means by them).
     *
     * @param what names the argument in the error of an invalid regex
     */
    static Pattern compile(String search, boolean regex, boolean caseSensitive, String what) {
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

    /** The template for a search: JavaScript syntax for a regex, plain text for a literal search. */
    static JsReplacement template(String replace, Pattern pattern) {
        return (pattern.flags() & Pattern.LITERAL) != 0 ? JsReplacement.literal(replace)
                : JsReplacement.parse(replace, pattern);
    }

    static Outcome replaceAll(String input, Pattern pattern, JsReplacement replacement) {
        Matcher m = pattern.matcher(input);
        if (!m.find()) {
            return new Outcome(input, 0);
        }
        StringBuilder out = new StringBuilder(input.length() + 16);
        int last = 0;
        int count = 0;
        do {
            out.append(input, last, m.start()).append(replacement.expand(m, input));
            last = m.end();
            count++;
        } while (m.find());
        out.append(input, last, input.length());
        return new Outcome(out.toString(), count);
    }

    /**
     * The same pattern without Unicode case folding, for pure-ASCII text: with an ASCII pattern it matches exactly
     * the same there, several times faster. The pattern itself when it is case-sensitive or not ASCII.
     */
    static Pattern forAsciiText(Pattern pattern) {
        int flags = pattern.flags();
        if ((flags & Pattern.UNICODE_CASE) == 0 || !pattern.pattern().chars().allMatch(c -> c < 128)) {
            return pattern;
        }
        return Pattern.compile(pattern.pattern(), flags & ~Pattern.UNICODE_CASE);
    }

    static int count(String input, Pattern pattern) {
        Matcher m = pattern.matcher(input);
        int count = 0;
        while (m.find()) {
            count++;
        }
        return count;
    }
}
