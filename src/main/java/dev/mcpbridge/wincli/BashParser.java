package dev.mcpbridge.wincli;

import dev.mcpbridge.wincli.ParsedLine.SimpleCommand;
import dev.mcpbridge.wincli.ParsedLine.Word;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Splits a bash (or POSIX sh) command line into simple commands and constructs, following the shell's own rules:
 * blanks and the metacharacters {@code | & ; ( ) < >} end words; single quotes, double quotes, backslash escapes and
 * (bash only) {@code $'...'} are removed; {@code $( )}, backticks and {@code <( )} are parsed recursively so the
 * commands inside them are checked too. Anything this parser does not model — compound commands, here-documents,
 * arithmetic, parameter expansions with operators — is refused rather than guessed at.
 */
final class BashParser {

    private static final Set<String> KEYWORDS = Set.of("if", "then", "else", "elif", "fi", "case", "esac", "for",
            "select", "while", "until", "do", "done", "function", "time", "coproc", "{", "}", "!", "[[", "]]");
    private static final Pattern ASSIGNMENT = Pattern.compile("^[A-Za-z_][A-Za-z0-9_]*(\\[[^\\]]*\\])?\\+?=.*",
            Pattern.DOTALL);
    private static final char EOF = '\0';

    private final String s;
    private final boolean posix;
    private final ParsedLine out;
    private int i;

    private BashParser(String s, boolean posix, ParsedLine out) {
        this.s = s;
        this.posix = posix;
        this.out = out;
    }

    /** @param posix parse as POSIX sh (dash): {@code $'...'} is refused, as sh would read it differently */
    static ParsedLine parse(String line, boolean posix) {
        ParsedLine out = new ParsedLine();
        BashParser p = new BashParser(line, posix, out);
        p.list(EOF, "");
        return out;
    }

    /** Parses commands until the terminator (')' for $( ) and ( ), EOF at top level) and consumes it. */
    private void list(char terminator, String via) {
        List<Word> words = new ArrayList<>();
        List<String> raws = new ArrayList<>();
        while (true) {
            skipBlanks();
            if (i >= s.length()) {
                if (terminator != EOF) {
                    throw new Refusal("unbalanced '(': a '" + terminator + "' is missing");
                }
                finish(words, via);
                return;
            }
            char c = s.charAt(i);
            if (c == terminator && terminator != EOF) {
                i++;
                finish(words, via);
                return;
            }
            switch (c) {
                case '#' -> {
                    // A comment runs to the end of the line; nothing in it runs.
                    while (i < s.length() && s.charAt(i) != '\n' && s.charAt(i) != '\r') {
                        i++;
                    }
                }
                case '\n', '\r' -> {
                    out.use(Construct.NEWLINE, c == '\n' ? "\\n" : "\\r");
                    finish(words, via);
                    raws.clear();
                    i++;
                }
                case ';' -> {
                    if (peek(1) == ';') {
                        throw unsupported(Construct.KEYWORD, ";;");
                    }
                    out.use(Construct.SEQUENCE, ";");
                    finish(words, via);
                    raws.clear();
                    i++;
                }
                case '&' -> {
                    if (peek(1) == '&') {
                        out.use(Construct.AND, "&&");
                        i += 2;
                    } else if (peek(1) == '>') {
                        redirection(words);
                        continue;
                    } else {
                        out.use(Construct.BACKGROUND, "&");
                        i++;
                    }
                    finish(words, via);
                    raws.clear();
                }
                case '|' -> {
                    if (peek(1) == '|') {
                        out.use(Construct.OR, "||");
                        i += 2;
                    } else if (peek(1) == '&') {
                        out.use(Construct.PIPE, "|&");
                        out.use(Construct.REDIRECT_OUT, "|& (2>&1)");
                        i += 2;
                    } else {
                        out.use(Construct.PIPE, "|");
                        i++;
                    }
                    finish(words, via);
                    raws.clear();
                }
                case '(' -> {
                    if (!words.isEmpty()) {
                        throw new Refusal("unexpected '(' after '" + words.get(words.size() - 1).value()
                                + "' (a syntax error in " + (posix ? "sh" : "bash") + ")");
                    }
                    if (peek(1) == '(') {
                        throw unsupported(Construct.ARITHMETIC, "((");
                    }
                    out.use(Construct.GROUPING, "( )");
                    i++;
                    list(')', "( )");
                }
                case ')' -> throw new Refusal("unbalanced ')'");
                case '<', '>' -> {
                    if (peek(1) == '(') {
                        Word w = word();
                        words.add(w);
                        raws.add("");
                    } else {
                        redirection(words);
                    }
                }
                default -> {
                    if (Character.isDigit(c) && fdRedirection()) {
                        redirection(words);
                        continue;
                    }
                    int start = i;
                    Word w = word();
                    String raw = s.substring(start, i);
                    if (words.isEmpty()) {
                        if (KEYWORDS.contains(raw)) {
                            throw unsupported(Construct.KEYWORD, raw);
                        }
                        if (ASSIGNMENT.matcher(raw).matches()) {
                            out.use(Construct.ASSIGNMENT, raw);
                            continue;
                        }
                    }
                    words.add(w);
                    raws.add(raw);
                }
            }
        }
    }

    private void finish(List<Word> words, String via) {
        if (!words.isEmpty()) {
            out.add(new SimpleCommand(List.copyOf(words), via, false));
            words.clear();
        }
    }

    /** True when the digits at i are a file descriptor before a redirection ({@code 2>file}). */
    private boolean fdRedirection() {
        int j = i;
        while (j < s.length() && Character.isDigit(s.charAt(j))) {
            j++;
        }
        return j < s.length() && (s.charAt(j) == '<' || s.charAt(j) == '>');
    }

    /** A redirection operator and its target word, which is neither a command nor an argument. */
    private void redirection(List<Word> words) {
        int start = i;
        while (i < s.length() && Character.isDigit(s.charAt(i))) {
            i++;
        }
        String rest = s.substring(i);
        String op;
        Construct kind;
        if (rest.startsWith("<<")) {
            throw unsupported(Construct.HEREDOC, rest.startsWith("<<<") ? "<<<" : "<<");
        } else if (rest.startsWith("&>>")) {
            op = "&>>";
            kind = Construct.REDIRECT_APPEND;
        } else if (rest.startsWith("&>")) {
            op = "&>";
            kind = Construct.REDIRECT_OUT;
        } else if (rest.startsWith(">>")) {
            op = ">>";
            kind = Construct.REDIRECT_APPEND;
        } else if (rest.startsWith(">|") || rest.startsWith(">&")) {
            op = rest.substring(0, 2);
            kind = Construct.REDIRECT_OUT;
        } else if (rest.startsWith(">")) {
            op = ">";
            kind = Construct.REDIRECT_OUT;
        } else if (rest.startsWith("<>") || rest.startsWith("<&")) {
            op = rest.substring(0, 2);
            kind = Construct.REDIRECT_IN;
        } else {
            op = "<";
            kind = Construct.REDIRECT_IN;
        }
        i += op.length();
        out.use(kind, s.substring(start, i));
        skipBlanks();
        if (i >= s.length() || isMeta(s.charAt(i))) {
            throw new Refusal("the redirection '" + s.substring(start, i).strip() + "' has no target");
        }
        word();
    }

    /** Reads one word, removing quotes and escapes; nested substitutions are parsed as commands. */
    private Word word() {
        StringBuilder value = new StringBuilder();
        boolean literal = true;
        int start = i;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (i > start && isMeta(c)) {
                break;
            }
            if (i == start && (c == '<' || c == '>') && peek(1) == '(') {
                out.use(Construct.PROCESS_SUBSTITUTION, c + "( )");
                i += 2;
                list(')', c + "( )");
                value.append(c).append("(...)");
                literal = false;
                continue;
            }
            switch (c) {
                case '\\' -> {
                    if (i + 1 < s.length() && (s.charAt(i + 1) == '\n' || s.charAt(i + 1) == '\r')) {
                        // A line continuation: bash removes both characters.
                        out.use(Construct.NEWLINE, "\\ + newline");
                        i += 2;
                    } else if (i + 1 < s.length()) {
                        value.append(s.charAt(i + 1));
                        i += 2;
                    } else {
                        value.append('\\');
                        i++;
                    }
                }
                case '\'' -> {
                    int end = s.indexOf('\'', i + 1);
                    if (end < 0) {
                        throw new Refusal("unterminated single quote");
                    }
                    value.append(s, i + 1, end);
                    i = end + 1;
                }
                case '"' -> literal &= doubleQuoted(value);
                case '$' -> literal &= dollar(value, false);
                case '`' -> {
                    backtick(value);
                    literal = false;
                }
                case '*', '?', '[', '{', '}' -> {
                    // A '[' standing alone is the test command, not a pattern: bash needs a ']' after it for one.
                    boolean testCommand = c == '[' && i == start && (i + 1 == s.length() || isMeta(s.charAt(i + 1))
                            || Character.isWhitespace(s.charAt(i + 1)));
                    value.append(c);
                    literal &= testCommand;
                    i++;
                }
                case '~' -> {
                    if (i == start) {
                        literal = false;
                    }
                    value.append(c);
                    i++;
                }
                default -> {
                    value.append(c);
                    i++;
                }
            }
        }
        return new Word(value.toString(), literal);
    }

    /** A double-quoted part: only $, ` and \ are special inside. Returns false when it holds an expansion. */
    private boolean doubleQuoted(StringBuilder value) {
        boolean literal = true;
        i++;
        while (true) {
            if (i >= s.length()) {
                throw new Refusal("unterminated double quote");
            }
            char c = s.charAt(i);
            if (c == '"') {
                i++;
                return literal;
            }
            if (c == '\\' && i + 1 < s.length() && s.charAt(i + 1) == '\n') {
                out.use(Construct.NEWLINE, "\\ + newline");
                i += 2;
            } else if (c == '\\' && i + 1 < s.length() && "$`\"\\".indexOf(s.charAt(i + 1)) >= 0) {
                value.append(s.charAt(i + 1));
                i += 2;
            } else if (c == '$') {
                literal &= dollar(value, true);
            } else if (c == '`') {
                backtick(value);
                literal = false;
            } else {
                value.append(c);
                i++;
            }
        }
    }

    /** At a '$': an expansion, a substitution, $'...' quoting, or a plain '$'. Returns true when literal. */
    private boolean dollar(StringBuilder value, boolean quoted) {
        char next = peek(1);
        if (!quoted && next == '\'') {
            if (posix) {
                throw unsupported(Construct.ANSI_C_QUOTE, "$'");
            }
            i += 2;
            value.append(ansiC());
            return true;
        }
        if (!quoted && next == '"') {
            // $"..." is a translatable string: otherwise a double-quoted one.
            i++;
            return doubleQuoted(value);
        }
        if (next == '(') {
            if (peek(2) == '(') {
                throw unsupported(Construct.ARITHMETIC, "$((");
            }
            out.use(Construct.COMMAND_SUBSTITUTION, "$( )");
            i += 2;
            list(')', "$( )");
            value.append("$(...)");
            return false;
        }
        if (next == '[') {
            throw unsupported(Construct.ARITHMETIC, "$[");
        }
        if (next == '{') {
            int end = s.indexOf('}', i + 2);
            if (end < 0) {
                throw new Refusal("unterminated '${'");
            }
            String inner = s.substring(i + 2, end);
            if (!inner.matches("#?([A-Za-z_][A-Za-z0-9_]*|[0-9]+|[@*#?$!-])")) {
                throw unsupported(Construct.PARAMETER_EXPANSION, "${" + inner + "}");
            }
            value.append(s, i, end + 1);
            i = end + 1;
            return false;
        }
        if (next != EOF && (Character.isLetter(next) || next == '_')) {
            int j = i + 1;
            while (j < s.length() && (Character.isLetterOrDigit(s.charAt(j)) || s.charAt(j) == '_')
                    && s.charAt(j) < 128) {
                j++;
            }
            value.append(s, i, j);
            i = j;
            return false;
        }
        if (next != EOF && (Character.isDigit(next) || "@*#?$!-".indexOf(next) >= 0)) {
            value.append(s, i, i + 2);
            i += 2;
            return false;
        }
        value.append('$');
        i++;
        return true;
    }

    /** A backtick substitution: its text, unescaped, is parsed as a command line of its own. */
    private void backtick(StringBuilder value) {
        out.use(Construct.BACKTICK, "`");
        StringBuilder inner = new StringBuilder();
        int j = i + 1;
        while (true) {
            if (j >= s.length()) {
                throw new Refusal("unterminated backtick");
            }
            char c = s.charAt(j);
            if (c == '`') {
                break;
            }
            if (c == '\\' && j + 1 < s.length() && "$`\\".indexOf(s.charAt(j + 1)) >= 0) {
                inner.append(s.charAt(j + 1));
                j += 2;
            } else {
                inner.append(c);
                j++;
            }
        }
        i = j + 1;
        BashParser nested = new BashParser(inner.toString(), posix, out);
        nested.list(EOF, "`");
        value.append("`...`");
    }

    /** The text of a $'...' string with its escapes decoded, as bash decodes them. */
    private String ansiC() {
        StringBuilder b = new StringBuilder();
        while (true) {
            if (i >= s.length()) {
                throw new Refusal("unterminated $'...' quote");
            }
            char c = s.charAt(i);
            if (c == '\'') {
                i++;
                return b.toString();
            }
            if (c != '\\' || i + 1 >= s.length()) {
                b.append(c);
                i++;
                continue;
            }
            char e = s.charAt(i + 1);
            i += 2;
            switch (e) {
                case 'n' -> b.append('\n');
                case 't' -> b.append('\t');
                case 'r' -> b.append('\r');
                case 'a' -> b.append('\u0007');
                case 'b' -> b.append('\b');
                case 'e', 'E' -> b.append('\u001b');
                case 'f' -> b.append('\f');
                case 'v' -> b.append('\u000b');
                case 'x' -> b.appendCodePoint(hex(2));
                case 'u' -> b.appendCodePoint(hex(4));
                case 'U' -> b.appendCodePoint(hex(8));
                case 'c' -> {
                    if (i < s.length()) {
                        b.append((char) (s.charAt(i) & 0x1f));
                        i++;
                    }
                }
                default -> {
                    if (e >= '0' && e <= '7') {
                        int v = e - '0';
                        for (int k = 0; k < 2 && i < s.length() && s.charAt(i) >= '0' && s.charAt(i) <= '7'; k++) {
                            v = v * 8 + (s.charAt(i++) - '0');
                        }
                        b.append((char) v);
                    } else if (e == '\\' || e == '\'' || e == '"' || e == '?') {
                        b.append(e);
                    } else {
                        b.append('\\').append(e);
                    }
                }
            }
        }
    }

    private int hex(int max) {
        int v = 0;
        int n = 0;
        while (n < max && i < s.length() && Character.digit(s.charAt(i), 16) >= 0) {
            v = v * 16 + Character.digit(s.charAt(i), 16);
            i++;
            n++;
        }
        return n == 0 ? '?' : Math.min(v, Character.MAX_CODE_POINT);
    }

    private void skipBlanks() {
        while (i < s.length() && (s.charAt(i) == ' ' || s.charAt(i) == '\t')) {
            i++;
        }
    }

    private char peek(int ahead) {
        int j = i + ahead;
        return j < s.length() ? s.charAt(j) : EOF;
    }

    private static boolean isMeta(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == ';' || c == '&' || c == '|' || c == '('
                || c == ')' || c == '<' || c == '>';
    }

    static Refusal unsupported(Construct construct, String text) {
        return new Refusal(construct.description() + " ('" + text + "') cannot be checked, so it is not allowed");
    }
}
