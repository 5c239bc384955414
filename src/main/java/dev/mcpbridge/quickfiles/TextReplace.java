package dev.mcpbridge.quickfiles;

import com.google.re2j.Matcher;
import dev.mcpbridge.core.spi.ToolException;
import dev.mcpbridge.lib.files.SearchPattern;
import dev.mcpbridge.lib.files.StoppableText;
import java.util.function.BooleanSupplier;

/**
 * Replacing what a search pattern matched, with JavaScript replacement templates. The output is bounded while it
 * is built: {@code $`} and {@code $'} copy the whole text before or after each match, so a 6 KB file of matches
 * would otherwise grow to gigabytes before any size check could see it.
 */
final class TextReplace {

    /** A text after replacement, and how many matches were replaced. */
    record Outcome(String text, int count) {
    }

    private TextReplace() {
    }

    /** The template for a search: JavaScript syntax for a regex, plain text for a literal search. */
    static JsReplacement template(String replace, SearchPattern pattern) {
        return pattern.literal() ? JsReplacement.literal(replace) : JsReplacement.parse(replace, pattern);
    }

    /**
     * @param maxChars the longest text the replacement may produce; past it the replacement stops with an error
     *     and nothing is changed
     * @param stop true once the call is over (then a {@link java.util.concurrent.CancellationException})
     */
    static Outcome replaceAll(String input, SearchPattern pattern, JsReplacement replacement, long maxChars,
            BooleanSupplier stop) {
        Matcher m = pattern.matcher(input, stop);
        if (!m.find()) {
            return new Outcome(input, 0);
        }
        StringBuilder out = new StringBuilder(input.length() + 16);
        int last = 0;
        int count = 0;
        do {
            StoppableText.check(stop);
            append(out, input, last, m.start(), maxChars);
            if (!replacement.expand(m, input, out, maxChars)) {
                throw tooLong(maxChars);
            }
            last = m.end();
            count++;
        } while (m.find());
        append(out, input, last, input.length(), maxChars);
        return new Outcome(out.toString(), count);
    }

    /** Replaces the one match {@code m} found. */
    static String replaceOne(String input, Matcher m, JsReplacement replacement, long maxChars) {
        StringBuilder out = new StringBuilder(input.length() + 16);
        append(out, input, 0, m.start(), maxChars);
        if (!replacement.expand(m, input, out, maxChars)) {
            throw tooLong(maxChars);
        }
        append(out, input, m.end(), input.length(), maxChars);
        return out.toString();
    }

    private static void append(StringBuilder out, String input, int from, int to, long maxChars) {
        if (out.length() + (long) (to - from) > maxChars) {
            throw tooLong(maxChars);
        }
        out.append(input, from, to);
    }

    private static ToolException tooLong(long maxChars) {
        return new ToolException("the replacement would make the text longer than " + maxChars + " characters, "
                + "the most a file may have (setting maxFileBytes); nothing was changed. $` and $' copy the whole "
                + "text before or after each match: use a capture group ($1) for the part you need instead");
    }
}
