package dev.mcpbridge.quickfiles;

import com.google.re2j.Matcher;
import dev.mcpbridge.lib.files.SearchPattern;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A replacement template in JavaScript's {@code String.prototype.replace} syntax, applied to RE2/J matches:
 * Roo's prompts were written against it. {@code $$}, {@code $&}, {@code $`}, {@code $'}, {@code $1}..{@code $99}
 * and {@code $<name>} are expanded as ECMAScript specifies (GetSubstitution): a two-digit reference wins when that
 * group exists, a reference to a missing group stays literal, and {@code $<} stays literal when the regex has no
 * named groups. Parsed once, so applying it to thousands of matches costs no re-scanning.
 */
final class JsReplacement {

    /** One piece of the template: literal text, or a reference to part of the match. */
    private record Part(Kind kind, String text, int group) {
    }

    private enum Kind { LITERAL, GROUP, NAMED, WHOLE, BEFORE, AFTER }

    private static Part literalPart(String text) {
        return new Part(Kind.LITERAL, text, 0);
    }

    private final List<Part> parts;

    private JsReplacement(List<Part> parts) {
        this.parts = parts;
    }

    /** The template taken as plain text, as the original's literal mode did. */
    static JsReplacement literal(String text) {
        return new JsReplacement(List.of(literalPart(text)));
    }

    /** Parses {@code template} for a regex with {@code groupCount} groups and the given group names. */
    static JsReplacement parse(String template, SearchPattern regex) {
        int groupCount = regex.groupCount();
        Set<String> names = regex.groupNames();
        List<Part> parts = new ArrayList<>();
        StringBuilder text = new StringBuilder();
        int i = 0;
        int n = template.length();
        while (i < n) {
            char c = template.charAt(i);
            if (c != '$' || i + 1 >= n) {
                text.append(c);
                i++;
                continue;
            }
            char next = template.charAt(i + 1);
            Part part = null;
            int consumed = 2;
            switch (next) {
                case '$' -> {
                    text.append('$');
                    i += 2;
                    continue;
                }
                case '&' -> part = new Part(Kind.WHOLE, null, 0);
                case '`' -> part = new Part(Kind.BEFORE, null, 0);
                case '\'' -> part = new Part(Kind.AFTER, null, 0);
                case '<' -> {
                    int close = template.indexOf('>', i + 2);
                    if (!names.isEmpty() && close >= 0) {
                        part = new Part(Kind.NAMED, template.substring(i + 2, close), 0);
                        consumed = close + 1 - i;
                    }
                }
                default -> {
                    if (Character.isDigit(next)) {
                        int one = next - '0';
                        int two = i + 2 < n && Character.isDigit(template.charAt(i + 2))
                                ? one * 10 + (template.charAt(i + 2) - '0') : -1;
                        if (two >= 1 && two <= groupCount) {
                            part = new Part(Kind.GROUP, null, two);
                            consumed = 3;
                        } else if (one >= 1 && one <= groupCount) {
                            part = new Part(Kind.GROUP, null, one);
                        }
                    }
                }
            }
            if (part == null) {
                text.append('$');
                i++;
                continue;
            }
            if (text.length() > 0) {
                parts.add(literalPart(text.toString()));
                text.setLength(0);
            }
            parts.add(part);
            i += consumed;
        }
        if (text.length() > 0) {
            parts.add(literalPart(text.toString()));
        }
        return new JsReplacement(List.copyOf(parts));
    }

    /**
     * Appends the replacement for the current match of {@code m}, whose input is {@code input}, to {@code out};
     * false, with {@code out} left short, when it would pass {@code maxChars}.
     */
    boolean expand(Matcher m, CharSequence input, StringBuilder out, long maxChars) {
        for (Part part : parts) {
            int from = 0;
            int to = 0;
            CharSequence source = input;
            switch (part.kind()) {
                case LITERAL -> {
                    source = part.text();
                    to = source.length();
                }
                case GROUP, NAMED -> {
                    int start = part.kind() == Kind.GROUP ? m.start(part.group()) : namedStart(m, part.text());
                    if (start >= 0) {
                        from = start;
                        to = part.kind() == Kind.GROUP ? m.end(part.group()) : m.end(part.text());
                    }
                }
                case WHOLE -> {
                    from = m.start();
                    to = m.end();
                }
                case BEFORE -> to = m.start();
                case AFTER -> {
                    from = m.end();
                    to = input.length();
                }
            }
            if (out.length() + (long) (to - from) > maxChars) {
                return false;
            }
            out.append(source, from, to);
        }
        return true;
    }

    /** Where a named group matched; -1 when it did not take part or the regex does not define it. */
    private static int namedStart(Matcher m, String name) {
        try {
            return m.start(name);
        } catch (IllegalArgumentException e) {
            // JavaScript gives the empty string for a name the regex does not define.
            return -1;
        }
    }
}
