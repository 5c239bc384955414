package dev.mcpbridge.quickfiles;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Replacing what a search pattern matched, with JavaScript replacement templates. */
final class TextReplace {

    /** A text after replacement, and how many matches were replaced. */
    record Outcome(String text, int count) {
    }

    private TextReplace() {
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
}
