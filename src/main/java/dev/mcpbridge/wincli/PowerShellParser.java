package dev.mcpbridge.wincli;

import dev.mcpbridge.wincli.ParsedLine.SimpleCommand;
import dev.mcpbridge.wincli.ParsedLine.Word;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Splits a PowerShell (Windows PowerShell 5.1 or PowerShell 7) command line into pipeline elements: commands
 * (a bareword or, after the call operator {@code &}, a quoted name, followed by arguments) and expressions.
 * Follows PowerShell's tokenizer where it matters for safety: the typographic quotes {@code ‘ ’ ‚ ‛ “ ” „} are
 * quotes and the dashes {@code – — ―} are dashes, exactly as PowerShell treats them; {@code $( )}, {@code @( )},
 * {@code ( )}, {@code { }} and {@code @{ }} are parsed recursively, including {@code $( )} inside double-quoted
 * strings; {@code `} escapes. Method calls, static members, type literals and assignments are reported, because
 * they run code that no command check can see. Keywords (if, foreach, function, ...) and here-strings are refused.
 */
final class PowerShellParser {

    static final String SINGLE_QUOTES = "'\u2018\u2019\u201A\u201B";
    static final String DOUBLE_QUOTES = "\"\u201C\u201D\u201E";
    static final String DASHES = "-\u2013\u2014\u2015";
    private static final Set<String> KEYWORDS = Set.of("if", "elseif", "else", "switch", "foreach", "for", "while",
            "do", "until", "function", "filter", "workflow", "param", "begin", "process", "end", "try", "catch",
            "finally", "trap", "throw", "return", "break", "continue", "exit", "data", "dynamicparam", "class",
            "enum", "using", "configuration", "parallel", "sequence", "inlinescript", "hidden", "static", "define",
            "from", "var");
    /** PowerShell's engine objects: their members invoke scripts, commands and providers. */
    private static final Pattern ENGINE_VARIABLES = Pattern.compile(
            "(?i)\\$(\\{)?(global:|script:|local:)?(ExecutionContext|Host|PSCmdlet|MyInvocation|"
                    + "Event|EventSubscriber|Sender)\\b");
    private static final Pattern MEMBER_BEFORE_PAREN = Pattern.compile("(?s).*(\\.|::)[A-Za-z_][A-Za-z0-9_]*$");
    private static final char EOF = '\0';
    private static final Pattern OPERATOR = Pattern.compile("[-+*/%!,.=<>]+");
    /** A PowerShell number literal (with type suffix and multiplier), or a range such as 1..10. */
    private static final Pattern NUMBER = Pattern.compile("(0[xX][0-9a-fA-F]+|\\d+(\\.\\d*)?([eE][+-]?\\d+)?)"
            + "([lLdDnN]|[uU][lLyYsS]?|[yYsS])?([kKmMgGtTpP][bB])?(\\.\\.-?\\d+)?");

    private enum Kind { WORD, STRING, VARIABLE, GROUP, SCRIPT_BLOCK, PARAMETER, NUMBER, OTHER }

    /** One token: its value after quote removal and whether PowerShell would take it as written. */
    private static final class Token {
        final StringBuilder value = new StringBuilder();
        final StringBuilder unquoted = new StringBuilder();
        Kind kind;
        boolean literal = true;
        boolean quotedOnly = true;
    }

    private static final class Segment {
        final List<Token> tokens = new ArrayList<>();
        boolean call;
        boolean afterPipe;
    }

    private final String s;
    private final ParsedLine out;
    private int i;

    private PowerShellParser(String s, ParsedLine out) {
        this.s = s;
        this.out = out;
    }

    static ParsedLine parse(String line) {
        ParsedLine out = new ParsedLine();
        new PowerShellParser(line, out).statements(EOF, "", false);
        return out;
    }

    private void statements(char close, String via, boolean hashtable) {
        Segment seg = new Segment();
        while (true) {
            skipWhitespace();
            if (i >= s.length()) {
                if (close != EOF) {
                    throw new Refusal("unbalanced brackets: a '" + close + "' is missing");
                }
                end(seg, via);
                return;
            }
            char c = s.charAt(i);
            if (c == close) {
                i++;
                end(seg, via);
                return;
            }
            switch (c) {
                case '\n', '\r' -> {
                    out.use(Construct.NEWLINE, c == '\n' ? "\\n" : "\\r");
                    seg = next(seg, via, false);
                    i++;
                }
                case ';' -> {
                    if (!hashtable) {
                        out.use(Construct.SEQUENCE, ";");
                    }
                    seg = next(seg, via, false);
                    i++;
                }
                case '|' -> {
                    if (peek(1) == '|') {
                        out.use(Construct.OR, "||");
                        i += 2;
                        seg = next(seg, via, false);
                    } else {
                        out.use(Construct.PIPE, "|");
                        i++;
                        seg = next(seg, via, true);
                    }
                }
                case '&' -> {
                    if (peek(1) == '&') {
                        out.use(Construct.AND, "&&");
                        i += 2;
                        seg = next(seg, via, false);
                    } else if (seg.tokens.isEmpty() && !seg.call) {
                        out.use(Construct.CALL_OPERATOR, "&");
                        seg.call = true;
                        i++;
                    } else {
                        out.use(Construct.BACKGROUND, "&");
                        i++;
                        seg = next(seg, via, false);
                    }
                }
                case '#' -> comment();
                case ',' -> i++;
                case ')', '}', ']' -> throw new Refusal("unbalanced '" + c + "'");
                case '=' -> {
                    if (hashtable) {
                        // key = value: the key is a name, the value a statement of its own.
                        seg = new Segment();
                        i++;
                    } else {
                        Token t = token(false);
                        seg.tokens.add(t);
                    }
                }
                default -> {
                    if (c == '<' && peek(1) == '#') {
                        comment();
                    } else if (redirectionAhead()) {
                        redirection();
                    } else {
                        Token t = token(hashtable);
                        if (seg.tokens.isEmpty() && !seg.call) {
                            keyword(t, seg);
                        }
                        seg.tokens.add(t);
                    }
                }
            }
        }
    }

    private Segment next(Segment seg, String via, boolean afterPipe) {
        end(seg, via);
        Segment n = new Segment();
        n.afterPipe = afterPipe;
        return n;
    }

    /** Classifies a finished pipeline element as a command or an expression. */
    private void end(Segment seg, String via) {
        if (seg.tokens.isEmpty()) {
            if (seg.call) {
                throw new Refusal("the call operator '&' has nothing to call");
            }
            return;
        }
        Token first = seg.tokens.get(0);
        if (seg.call) {
            if (first.kind == Kind.SCRIPT_BLOCK) {
                return;
            }
            if ((first.kind == Kind.WORD || first.kind == Kind.STRING) && first.literal) {
                out.add(new SimpleCommand(words(seg), via, true));
                return;
            }
            throw new Refusal("the call operator '&' is given a variable or an expression ('" + first.value
                    + "'); the command it would run cannot be checked");
        }
        if (first.kind == Kind.WORD) {
            out.add(new SimpleCommand(words(seg), via, false));
            return;
        }
        if (seg.tokens.size() > 1) {
            Token second = seg.tokens.get(1);
            if (second.kind != Kind.PARAMETER && !OPERATOR.matcher(second.value).matches()) {
                // "$env:ComSpec /c calc": PowerShell does not run a value as a command (it is a syntax error), and a
                // line that reads as if it did is refused rather than guessed at.
                throw new Refusal("the value '" + first.value + "' is followed by '" + second.value + "': PowerShell "
                        + "does not run a value as a command; name the command instead");
            }
        }
        StringBuilder text = new StringBuilder();
        for (Token t : seg.tokens) {
            if (t.unquoted.indexOf("=") >= 0) {
                out.use(Construct.ASSIGNMENT, t.unquoted.toString());
            }
            text.append(text.length() == 0 ? "" : " ").append(t.value);
        }
        out.expression(text.toString());
    }

    /** A statement that starts with a keyword (if, foreach, function...) is refused before its body is read. */
    private static void keyword(Token t, Segment seg) {
        String name = t.value.toString().toLowerCase(Locale.ROOT);
        if (t.kind == Kind.WORD && KEYWORDS.contains(name) && !(seg.afterPipe && name.equals("foreach"))) {
            throw BashParser.unsupported(Construct.KEYWORD, t.value.toString());
        }
    }

    private static List<Word> words(Segment seg) {
        List<Word> words = new ArrayList<>();
        for (Token t : seg.tokens) {
            words.add(new Word(t.value.toString(), t.literal));
        }
        return words;
    }

    /** Reads one token: adjacent quoted and unquoted parts, variables and sub-expressions, up to a separator. */
    private Token token(boolean hashtable) {
        Token t = new Token();
        int start = i;
        char first = s.charAt(i);
        if (first == '@' && (DOUBLE_QUOTES.indexOf(peek(1)) >= 0 || SINGLE_QUOTES.indexOf(peek(1)) >= 0)) {
            throw BashParser.unsupported(Construct.HEREDOC, "@" + peek(1));
        }
        if (DASHES.indexOf(first) >= 0) {
            t.kind = Kind.PARAMETER;
            if (DASHES.indexOf(peek(1)) >= 0 && peek(2) == '%') {
                throw BashParser.unsupported(Construct.STOP_PARSING, s.substring(i, i + 3));
            }
        } else if (Character.isDigit(first) && NUMBER.matcher(bareTokenAt(i)).matches()) {
            t.kind = Kind.NUMBER;
        } else if (SINGLE_QUOTES.indexOf(first) < 0 && DOUBLE_QUOTES.indexOf(first) < 0 && "$@({[".indexOf(first) < 0) {
            t.kind = Kind.WORD;
        }
        // True right after a value (a variable, a quoted string, a group, a script block, a type): a '.' there is
        // member access, and a member of an object can be a method that runs code, whatever its name is spelt with.
        boolean valueBefore = false;
        boolean memberChain = false;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (isWhitespace(c) || c == ';' || c == '|' || c == '&' || c == ')' || c == '}' || c == ',' || c == '\n'
                    || c == '\r' || ((c == '>' || c == '<') && i > start) || (hashtable && c == '=')) {
                break;
            }
            if (c == ']') {
                throw new Refusal("unbalanced ']'");
            }
            if (SINGLE_QUOTES.indexOf(c) >= 0) {
                singleQuoted(t);
                kind(t, start, Kind.STRING);
                valueBefore = true;
                continue;
            }
            if (DOUBLE_QUOTES.indexOf(c) >= 0) {
                doubleQuoted(t);
                kind(t, start, Kind.STRING);
                valueBefore = true;
                continue;
            }
            t.quotedOnly = false;
            if (valueBefore && (c == '.' || (c == '?' && (peek(1) == '.' || peek(1) == '[')))) {
                memberChain = true;
                t.literal = false;
                if (ENGINE_VARIABLES.matcher(s.substring(start, i)).find()) {
                    out.use(Construct.MEMBER_ACCESS, tail(s.substring(start, Math.min(s.length(), i + 2))));
                }
            }
            if (memberChain && c == '(') {
                // A member followed by '(' is a call, however the member's name is written ('Name', "Na$x", $n).
                out.use(Construct.METHOD_CALL, tail(s.substring(start, i)) + "(");
                memberChain = false;
                i++;
                statements(')', "( )", false);
                nested(t, start, "(...)", Kind.GROUP);
                valueBefore = true;
                continue;
            }
            boolean wasValue = valueBefore;
            valueBefore = c == '$' || c == '(' || c == '{' || (c == '@' && (peek(1) == '(' || peek(1) == '{'
                    || Character.isLetterOrDigit(peek(1)) || peek(1) == '_')) || (c == '[' && i == start)
                    || (wasValue && c == '?');
            switch (c) {
                case '`' -> {
                    out.use(Construct.BACKTICK, "`");
                    if (i + 1 < s.length()) {
                        t.value.append(s.charAt(i + 1));
                        t.unquoted.append(s.charAt(i + 1));
                    }
                    i += 2;
                }
                case '$' -> {
                    variable(t);
                    kind(t, start, Kind.VARIABLE);
                }
                case '@' -> {
                    if (peek(1) == '(') {
                        out.use(Construct.COMMAND_SUBSTITUTION, "@( )");
                        i += 2;
                        statements(')', "@( )", false);
                        nested(t, start, "@(...)", Kind.GROUP);
                    } else if (peek(1) == '{') {
                        i += 2;
                        statements('}', "@{ }", true);
                        nested(t, start, "@{...}", Kind.OTHER);
                    } else if (Character.isLetterOrDigit(peek(1)) || peek(1) == '_') {
                        // Splatting: @params passes a variable's entries as arguments.
                        i++;
                        int j = i;
                        while (j < s.length() && (Character.isLetterOrDigit(s.charAt(j)) || s.charAt(j) == '_')) {
                            j++;
                        }
                        t.value.append('@').append(s, i, j);
                        t.literal = false;
                        i = j;
                        kind(t, start, Kind.VARIABLE);
                    } else {
                        plain(t, c);
                    }
                }
                case '(' -> {
                    if (i > start && MEMBER_BEFORE_PAREN.matcher(t.unquoted).matches()) {
                        out.use(Construct.METHOD_CALL, tail(t.unquoted) + "(");
                    } else {
                        out.use(Construct.GROUPING, "( )");
                    }
                    i++;
                    statements(')', "( )", false);
                    nested(t, start, "(...)", Kind.GROUP);
                }
                case '{' -> {
                    out.use(Construct.SCRIPT_BLOCK, "{ }");
                    i++;
                    statements('}', "{ }", false);
                    nested(t, start, "{...}", Kind.SCRIPT_BLOCK);
                }
                case '[' -> {
                    if (i == start && i + 1 < s.length() && Character.isLetter(s.charAt(i + 1))) {
                        int end = matchingBracket(i);
                        out.use(Construct.TYPE_LITERAL, s.substring(i, end + 1));
                        t.value.append(s, i, end + 1);
                        t.unquoted.append(s, i, end + 1);
                        t.literal = false;
                        i = end + 1;
                        kind(t, start, Kind.OTHER);
                    } else {
                        t.literal = false;
                        plain(t, c);
                    }
                }
                case ':' -> {
                    if (peek(1) == ':') {
                        out.use(Construct.STATIC_MEMBER, "::");
                        t.literal = false;
                        t.value.append("::");
                        t.unquoted.append("::");
                        i += 2;
                    } else {
                        plain(t, c);
                    }
                }
                case '*', '?' -> {
                    t.literal = false;
                    plain(t, c);
                }
                default -> plain(t, c);
            }
        }
        if (t.kind == null) {
            t.kind = Kind.WORD;
        }
        if (t.kind == Kind.STRING && !t.quotedOnly) {
            t.kind = Kind.WORD;
        }
        return t;
    }

    /** The unquoted run of characters at j up to the next separator, to tell a number from a command name. */
    private String bareTokenAt(int j) {
        int k = j;
        while (k < s.length() && !isWhitespace(s.charAt(k)) && ";|&)}(,{\n\r<>".indexOf(s.charAt(k)) < 0) {
            k++;
        }
        return s.substring(j, k);
    }

    private void plain(Token t, char c) {
        t.value.append(c);
        t.unquoted.append(c);
        i++;
    }

    private static void kind(Token t, int start, Kind kind) {
        if (t.kind == null) {
            t.kind = kind;
        }
    }

    private void nested(Token t, int start, String shown, Kind kind) {
        t.value.append(shown);
        t.unquoted.append(shown);
        t.literal = false;
        kind(t, start, kind);
    }

    private static String tail(CharSequence text) {
        String t = text.toString();
        return t.length() > 40 ? "..." + t.substring(t.length() - 40) : t;
    }

    private int matchingBracket(int open) {
        int depth = 0;
        for (int j = open; j < s.length(); j++) {
            char c = s.charAt(j);
            if (c == '[') {
                depth++;
            } else if (c == ']') {
                depth--;
                if (depth == 0) {
                    return j;
                }
            }
        }
        throw new Refusal("unbalanced '['");
    }

    private void singleQuoted(Token t) {
        i++;
        while (true) {
            if (i >= s.length()) {
                throw new Refusal("unterminated single quote");
            }
            char c = s.charAt(i);
            if (SINGLE_QUOTES.indexOf(c) >= 0) {
                if (i + 1 < s.length() && SINGLE_QUOTES.indexOf(s.charAt(i + 1)) >= 0) {
                    t.value.append('\'');
                    i += 2;
                    continue;
                }
                i++;
                return;
            }
            t.value.append(c);
            i++;
        }
    }

    private void doubleQuoted(Token t) {
        i++;
        while (true) {
            if (i >= s.length()) {
                throw new Refusal("unterminated double quote");
            }
            char c = s.charAt(i);
            if (DOUBLE_QUOTES.indexOf(c) >= 0) {
                if (i + 1 < s.length() && DOUBLE_QUOTES.indexOf(s.charAt(i + 1)) >= 0) {
                    t.value.append('"');
                    i += 2;
                    continue;
                }
                i++;
                return;
            }
            if (c == '`') {
                out.use(Construct.BACKTICK, "`");
                if (i + 1 < s.length()) {
                    t.value.append(s.charAt(i + 1));
                }
                i += 2;
            } else if (c == '$') {
                variable(t);
            } else {
                t.value.append(c);
                i++;
            }
        }
    }

    /** At a '$': a sub-expression, a (braced, scoped or special) variable, or a plain '$'. */
    private void variable(Token t) {
        char next = peek(1);
        if (next == '(') {
            out.use(Construct.COMMAND_SUBSTITUTION, "$( )");
            i += 2;
            statements(')', "$( )", false);
            t.value.append("$(...)");
            t.unquoted.append("$(...)");
            t.literal = false;
            return;
        }
        if (next == '{') {
            int end = s.indexOf('}', i + 2);
            if (end < 0) {
                throw new Refusal("unterminated '${'");
            }
            t.value.append(s, i, end + 1);
            t.literal = false;
            i = end + 1;
            return;
        }
        if (next != EOF && (Character.isLetterOrDigit(next) || next == '_' || next == '?' || next == '^'
                || next == '$')) {
            int j = i + 1;
            if (next == '?' || next == '^' || next == '$') {
                j++;
            } else {
                while (j < s.length() && (Character.isLetterOrDigit(s.charAt(j)) || s.charAt(j) == '_'
                        || (s.charAt(j) == ':' && j + 1 < s.length() && s.charAt(j + 1) != ':'
                                && Character.isLetterOrDigit(s.charAt(j + 1))))) {
                    j++;
                }
            }
            t.value.append(s, i, j);
            t.unquoted.append(s, i, j);
            t.literal = false;
            i = j;
            return;
        }
        t.value.append('$');
        t.unquoted.append('$');
        i++;
    }

    private boolean redirectionAhead() {
        char c = s.charAt(i);
        if (c == '>' || c == '<') {
            return true;
        }
        return (Character.isDigit(c) || c == '*') && peek(1) == '>';
    }

    private void redirection() {
        int start = i;
        if (s.charAt(i) != '>' && s.charAt(i) != '<') {
            i++;
        }
        if (s.charAt(i) == '<') {
            i++;
            out.use(Construct.REDIRECT_IN, "<");
        } else if (peek(1) == '>') {
            i += 2;
            out.use(Construct.REDIRECT_APPEND, s.substring(start, i));
        } else {
            i++;
            out.use(Construct.REDIRECT_OUT, s.substring(start, i));
        }
        if (peek(0) == '&' && Character.isDigit(peek(1))) {
            i += 2;
            return;
        }
        skipWhitespace();
        if (i >= s.length() || ";|&)}\n\r".indexOf(s.charAt(i)) >= 0) {
            throw new Refusal("the redirection '" + s.substring(start, i).strip() + "' has no target");
        }
        token(false);
    }

    private void comment() {
        out.use(Construct.COMMENT, "#");
        if (s.charAt(i) == '<') {
            int end = s.indexOf("#>", i + 2);
            i = end < 0 ? s.length() : end + 2;
            return;
        }
        while (i < s.length() && s.charAt(i) != '\n' && s.charAt(i) != '\r') {
            i++;
        }
    }

    private void skipWhitespace() {
        while (i < s.length() && isWhitespace(s.charAt(i))) {
            i++;
        }
    }

    static boolean isWhitespace(char c) {
        return c == ' ' || c == '\t' || c == '\f' || c == '\u000B' || c == '\u00A0' || c == '\u0085'
                || Character.getType(c) == Character.SPACE_SEPARATOR;
    }

    private char peek(int ahead) {
        int j = i + ahead;
        return j < s.length() ? s.charAt(j) : EOF;
    }
}
