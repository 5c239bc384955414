package dev.mcpbridge.wincli;

import dev.mcpbridge.wincli.ParsedLine.SimpleCommand;
import dev.mcpbridge.wincli.ParsedLine.Word;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Splits a cmd.exe command line the way cmd reads it: {@code "} toggles quoting (operators inside quotes are
 * text), {@code ^} escapes the next character outside quotes, {@code %NAME%} is expanded even inside quotes,
 * {@code & && || | < > >> ( )} are operators outside quotes, and blanks, {@code ,} {@code ;} {@code =} separate
 * words. A leading {@code @} only silences echo. Delayed expansion ({@code !VAR!}) is switched off when the
 * command runs ({@code cmd /v:off}), so {@code !} is plain text.
 */
final class CmdParser {

    private static final Pattern VARIABLE = Pattern.compile("%[^%\\s\"][^%\"]*%");

    private final String s;
    private final ParsedLine out = new ParsedLine();
    private int i;

    private CmdParser(String s) {
        this.s = s;
    }

    static ParsedLine parse(String line) {
        CmdParser p = new CmdParser(line);
        p.variables();
        p.list(false, "");
        return p.out;
    }

    /** %VAR% is expanded before anything else, quotes or not. */
    private void variables() {
        Matcher m = VARIABLE.matcher(s);
        while (m.find()) {
            out.use(Construct.CMD_VARIABLE, m.group());
        }
    }

    private void list(boolean inGroup, String via) {
        List<Word> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        boolean[] literal = {true};
        boolean quoted = false;
        while (true) {
            if (i >= s.length()) {
                if (quoted) {
                    throw new Refusal("unterminated double quote");
                }
                if (inGroup) {
                    throw new Refusal("unbalanced '(': a ')' is missing");
                }
                endWord(words, word, literal);
                finish(words, via);
                return;
            }
            char c = s.charAt(i);
            if (quoted) {
                if (c == '"') {
                    quoted = false;
                } else {
                    word.append(c);
                    if (c == '%') {
                        literal[0] = false;
                    }
                }
                i++;
                continue;
            }
            switch (c) {
                case '"' -> {
                    quoted = true;
                    i++;
                }
                case '^' -> {
                    out.use(Construct.CARET, "^");
                    if (i + 1 < s.length()) {
                        word.append(s.charAt(i + 1));
                    }
                    i += 2;
                }
                case ' ', '\t', ',', '=' -> {
                    endWord(words, word, literal);
                    i++;
                }
                case ';' -> {
                    out.use(Construct.SEQUENCE, "; (a word delimiter in cmd)");
                    endWord(words, word, literal);
                    i++;
                }
                case '\n', '\r' -> {
                    out.use(Construct.NEWLINE, c == '\n' ? "\\n" : "\\r");
                    endWord(words, word, literal);
                    finish(words, via);
                    i++;
                }
                case '&' -> {
                    endWord(words, word, literal);
                    if (peek(1) == '&') {
                        out.use(Construct.AND, "&&");
                        i += 2;
                    } else {
                        out.use(Construct.BACKGROUND, "& (cmd's command separator)");
                        i++;
                    }
                    finish(words, via);
                }
                case '|' -> {
                    endWord(words, word, literal);
                    if (peek(1) == '|') {
                        out.use(Construct.OR, "||");
                        i += 2;
                    } else {
                        out.use(Construct.PIPE, "|");
                        i++;
                    }
                    finish(words, via);
                }
                case '<', '>' -> {
                    boolean fd = word.length() == 1 && Character.isDigit(word.charAt(0));
                    if (fd) {
                        word.setLength(0);
                    }
                    endWord(words, word, literal);
                    redirection();
                }
                case '(' -> {
                    if (words.isEmpty() && word.length() == 0) {
                        out.use(Construct.GROUPING, "( )");
                        i++;
                        list(true, "( )");
                    } else {
                        word.append(c);
                        i++;
                    }
                }
                case ')' -> {
                    if (inGroup) {
                        endWord(words, word, literal);
                        finish(words, via);
                        i++;
                        return;
                    }
                    word.append(c);
                    i++;
                }
                case '@' -> {
                    // "@command" only turns echo off for that command.
                    if (!(words.isEmpty() && word.length() == 0)) {
                        word.append(c);
                    }
                    i++;
                }
                case '%' -> {
                    literal[0] = false;
                    word.append(c);
                    i++;
                }
                default -> {
                    word.append(c);
                    i++;
                }
            }
        }
    }

    private void redirection() {
        int start = i;
        if (s.startsWith(">>", i)) {
            i += 2;
            out.use(Construct.REDIRECT_APPEND, ">>");
        } else if (s.charAt(i) == '>') {
            i++;
            out.use(Construct.REDIRECT_OUT, ">");
        } else {
            i++;
            out.use(Construct.REDIRECT_IN, "<");
        }
        if (i < s.length() && s.charAt(i) == '&') {
            i++;
        }
        while (i < s.length() && (s.charAt(i) == ' ' || s.charAt(i) == '\t')) {
            i++;
        }
        boolean quoted = false;
        int targetStart = i;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            } else if (!quoted && (c == ' ' || c == '\t' || "&|<>()\n\r".indexOf(c) >= 0)) {
                break;
            }
            i++;
        }
        if (i == targetStart) {
            throw new Refusal("the redirection '" + s.substring(start, i).strip() + "' has no target");
        }
    }

    private static void endWord(List<Word> words, StringBuilder word, boolean[] literal) {
        if (word.length() > 0) {
            words.add(new Word(word.toString(), literal[0]));
        }
        word.setLength(0);
        literal[0] = true;
    }

    private void finish(List<Word> words, String via) {
        if (!words.isEmpty()) {
            out.add(new SimpleCommand(List.copyOf(words), via, false));
            words.clear();
        }
    }

    private char peek(int ahead) {
        int j = i + ahead;
        return j < s.length() ? s.charAt(j) : '\0';
    }
}
