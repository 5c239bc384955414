package dev.mcpbridge.quickfiles;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A replacement template in JavaScript's {@code String.prototype.replace} syntax, applied to Java regex matches:
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
    private final String literal;

    private JsReplacement(List<Part> parts) {
        this.parts = parts;
        this.literal = parts.isEmpty() ? "" : parts.size() == 1 && parts.get(0).kind() == Kind.LITERAL
                ? parts.get(0).text() : null;
    }

    /** The template taken as plain text, as the original's literal mode did. */
    static JsReplacement literal(String text) {
        return new JsReplacement(List.of(literalPart(text)));
    }

    /** Parses {@code template} for a regex with {@code groupCount} groups and the given group names. */
    static JsReplacement parse(String template, Pattern regex) {
        int groupCount = regex.matcher("").groupCount();
        Set<String> names = namedGroups(regex.pattern());
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

    /** The replacement for the current match of {@code m}, whose input is {@code input}. */
    String expand(Matcher m, CharSequence input) {
        if (literal != null) {
            return literal;
        }
        StringBuilder out = new StringBuilder();
        for (Part part : parts) {
            switch (part.kind()) {
                case LITERAL -> out.append(part.text());
                case GROUP -> append(out, m.group(part.group()));
                case NAMED -> append(out, namedGroup(m, part.text()));
                case WHOLE -> out.append(input, m.start(), m.end());
                case BEFORE -> out.append(input, 0, m.start());
                case AFTER -> out.append(input, m.end(), input.length());
            }
        }
        return out.toString();
    }

    private static String namedGroup(Matcher m, String name) {
        try {
            return m.group(name);
        } catch (IllegalArgumentException e) {
            // JavaScript gives the empty string for a name the regex does not define.
            return null;
        }
    }

    private static void append(StringBuilder out, String group) {
        if (group != null) {
            out.append(group);
        }
    }

    /**
     * The names of the named groups in a Java regex ({@code (?<name>...)}), skipping escapes, character classes and
     * look-behinds. Java 17 has no API for them.
     */
    static Set<String> namedGroups(String regex) {
        Set<String> names = new HashSet<>();
        boolean inClass = false;
        for (int i = 0; i < regex.length(); i++) {
            char c = regex.charAt(i);
            if (c == '\\') {
                if (i + 1 < regex.length() && regex.charAt(i + 1) == 'Q') {
                    int end = regex.indexOf("\\E", i + 2);
                    i = end < 0 ? regex.length() : end + 1;
                } else {
                    i++;
                }
            } else if (inClass) {
                inClass = c != ']';
            } else if (c == '[') {
                inClass = true;
            } else if (c == '(' && regex.startsWith("?<", i + 1) && i + 3 < regex.length()
                    && Character.isLetter(regex.charAt(i + 3))) {
                int close = regex.indexOf('>', i + 3);
                if (close > 0) {
                    names.add(regex.substring(i + 3, close));
                }
            }
        }
        return names;
    }
}
