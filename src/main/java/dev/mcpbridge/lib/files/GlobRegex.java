package dev.mcpbridge.lib.files;

import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;

/**
 * A glob compiled for RE2/J, in the syntax of Java's {@code glob:} path matchers ({@code *} within a name,
 * {@code **} across names, {@code ?}, {@code [...]} and {@code [!...]}, {@code {a,b}}, {@code \} escapes). Java's
 * own matcher compiles to a backtracking regex, where {@code *a*a*a*a*a*a*a*a*a*a*a*a*b} against a long name takes
 * exponential time; RE2/J matches any glob in time linear in the name. The JDK keeps its glob translation internal,
 * so the translation is written here, rule for rule.
 */
final class GlobRegex {

    private GlobRegex() {
    }

    /** @throws IllegalArgumentException when the glob is malformed */
    static Pattern compile(String glob) {
        StringBuilder regex = new StringBuilder("^");
        boolean inGroup = false;
        int i = 0;
        while (i < glob.length()) {
            char c = glob.charAt(i++);
            switch (c) {
                case '\\' -> {
                    if (i == glob.length()) {
                        throw new IllegalArgumentException("no character to escape at the end of '" + glob + "'");
                    }
                    literal(regex, glob.charAt(i++));
                }
                case '/' -> regex.append('/');
                case '[' -> i = characterClass(glob, i, regex);
                case '{' -> {
                    if (inGroup) {
                        throw new IllegalArgumentException("groups {...} cannot be nested in '" + glob + "'");
                    }
                    regex.append("(?:");
                    inGroup = true;
                }
                case '}' -> {
                    if (inGroup) {
                        regex.append(')');
                        inGroup = false;
                    } else {
                        literal(regex, c);
                    }
                }
                case ',' -> {
                    if (inGroup) {
                        regex.append('|');
                    } else {
                        literal(regex, c);
                    }
                }
                case '*' -> {
                    if (i < glob.length() && glob.charAt(i) == '*') {
                        regex.append(".*");
                        i++;
                    } else {
                        regex.append("[^/]*");
                    }
                }
                case '?' -> regex.append("[^/]");
                default -> literal(regex, c);
            }
        }
        if (inGroup) {
            throw new IllegalArgumentException("missing '}' in '" + glob + "'");
        }
        try {
            return Pattern.compile(regex.append('$').toString(), Pattern.DOTALL);
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException(e.getDescription() + " in '" + glob + "'");
        }
    }

    /**
     * A {@code [...]} class from just after its '['; returns the index after its ']'. Like Java's, a class never
     * matches '/': a plain one may not name it, a negated one refuses it too (RE2 has no class intersection).
     */
    private static int characterClass(String glob, int from, StringBuilder regex) {
        int i = from;
        StringBuilder cls = new StringBuilder("[");
        if (i < glob.length() && glob.charAt(i) == '!') {
            cls.append("^/");
            i++;
        }
        int members = 0;
        while (i < glob.length()) {
            char c = glob.charAt(i++);
            if (c == ']' && members > 0) {
                regex.append(cls).append(']');
                return i;
            }
            if (c == '/') {
                throw new IllegalArgumentException("'/' cannot be inside a [...] class in '" + glob + "'");
            }
            if (c == '\\' && i < glob.length()) {
                c = glob.charAt(i++);
            } else if (c == '-' && members > 0 && i < glob.length() && glob.charAt(i) != ']') {
                cls.append('-');
                continue;
            }
            classLiteral(cls, c);
            members++;
        }
        throw new IllegalArgumentException("missing ']' in '" + glob + "'");
    }

    private static void literal(StringBuilder regex, char c) {
        if ("\\^$.|?*+()[]{}".indexOf(c) >= 0) {
            regex.append('\\');
        }
        regex.append(c);
    }

    private static void classLiteral(StringBuilder cls, char c) {
        if ("\\^[]-".indexOf(c) >= 0) {
            cls.append('\\');
        }
        cls.append(c);
    }
}
