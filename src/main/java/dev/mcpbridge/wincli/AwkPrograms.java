package dev.mcpbridge.wincli;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * awk's arguments and programs: {@code system()} and pipes ({@code print | "cmd"}, {@code "cmd" | getline},
 * gawk's {@code |&}) run commands, {@code print > file} writes one, gawk's {@code @} (indirect calls, {@code @load},
 * {@code @include}) reaches code by name, and {@code -f}, {@code -E}, {@code -i}, {@code -l} read code the check
 * cannot see. The program is split into tokens with awk's own rule for telling a regular expression from a division,
 * so that a string or a regular expression cannot hide a call from the scan.
 */
final class AwkPrograms {

    private AwkPrograms() {
    }

    /** Options that take a value in a bundle of short options. */
    private static final String SHORT_WITH_VALUE = "FvfeEilWopd";
    /** Short options that read code from a file, load code, or write a file. */
    private static final String SHORT_REFUSED = "fEilpodDW";
    private static final Set<String> LONG_REFUSED = Set.of("file", "exec", "include", "load", "profile",
            "pretty-print", "dump-variables", "debug");

    static String check(List<String> args) {
        List<String> programs = new ArrayList<>();
        boolean options = true;
        boolean programGiven = false;
        for (int k = 0; k < args.size(); k++) {
            String a = args.get(k);
            if (options && a.equals("--")) {
                options = false;
                continue;
            }
            if (options && a.startsWith("--") && a.length() > 2) {
                String opt = a.substring(2);
                int eq = opt.indexOf('=');
                String name = eq >= 0 ? opt.substring(0, eq) : opt;
                for (String refused : LONG_REFUSED) {
                    if (refused.startsWith(name)) {
                        return "'awk --" + refused + "' reads, loads or writes code the check cannot see";
                    }
                }
                if ("source".startsWith(name) && name.length() >= 2) {
                    programs.add(eq >= 0 ? opt.substring(eq + 1) : k + 1 < args.size() ? args.get(++k) : "");
                    programGiven = true;
                } else if (eq < 0 && (("assign".startsWith(name) && name.length() >= 1)
                        || "field-separator".startsWith(name))) {
                    k++;
                }
                continue;
            }
            if (options && a.startsWith("-") && a.length() > 1) {
                for (int j = 1; j < a.length(); j++) {
                    char c = a.charAt(j);
                    if (SHORT_REFUSED.indexOf(c) >= 0) {
                        return "'awk -" + c + "' reads, loads or writes code the check cannot see";
                    }
                    if (SHORT_WITH_VALUE.indexOf(c) >= 0) {
                        String value = j + 1 < a.length() ? a.substring(j + 1) : k + 1 < args.size() ? args.get(++k) : "";
                        if (c == 'e') {
                            programs.add(value);
                            programGiven = true;
                        }
                        break;
                    }
                }
                continue;
            }
            if (!programGiven) {
                programs.add(a);
                programGiven = true;
            }
            // Later operands are files and var=value assignments: data, not code.
        }
        for (String p : programs) {
            String r = scan(p);
            if (r != null) {
                return r;
            }
        }
        return null;
    }

    private static final Set<String> NOT_OPERANDS = Set.of("print", "printf", "getline", "in", "return", "if",
            "while", "for", "do", "else", "delete", "exit", "next", "nextfile", "case", "default", "switch");

    /** Scans one program; the reason it is refused, or null. */
    static String scan(String p) {
        if (p.contains("system")) {
            // Whatever the lexing, the word alone is refused: no string or regular expression can hide a call.
            return "the awk function system() runs a command";
        }
        int i = 0;
        boolean operandBefore = false;
        String previous = "";
        boolean inPrint = false;
        int depth = 0;
        while (i < p.length()) {
            char c = p.charAt(i);
            if (c == ' ' || c == '\t') {
                i++;
                continue;
            }
            if (c == '\\' && i + 1 < p.length() && (p.charAt(i + 1) == '\n' || p.charAt(i + 1) == '\r')) {
                i += 2;
                continue;
            }
            if (c == '#') {
                while (i < p.length() && p.charAt(i) != '\n') {
                    i++;
                }
                continue;
            }
            if (c == '\n' || c == '\r' || c == ';' || c == '{' || c == '}') {
                if (depth == 0) {
                    inPrint = false;
                }
                operandBefore = false;
                previous = String.valueOf(c);
                i++;
                continue;
            }
            if (c == '"') {
                int j = i + 1;
                while (j < p.length() && p.charAt(j) != '"') {
                    j += p.charAt(j) == '\\' ? 2 : 1;
                }
                if (j >= p.length()) {
                    return "the awk program has an unterminated string";
                }
                i = j + 1;
                operandBefore = true;
                previous = "\"";
                continue;
            }
            if (c == '/' && !operandBefore) {
                int j = i + 1;
                boolean bracket = false;
                while (j < p.length()) {
                    char r = p.charAt(j);
                    if (r == '\\') {
                        j += 2;
                        continue;
                    }
                    if (r == '\n') {
                        return "the awk program has an unterminated regular expression";
                    }
                    if (bracket && r == '/') {
                        // awks differ on whether '/' ends a regular expression inside brackets.
                        return "the awk program has a '/' inside a bracket expression, which awks read differently";
                    }
                    if (r == '[') {
                        bracket = true;
                    } else if (r == ']') {
                        bracket = false;
                    } else if (r == '/') {
                        break;
                    }
                    j++;
                }
                if (j >= p.length()) {
                    return "the awk program has an unterminated regular expression";
                }
                i = j + 1;
                operandBefore = true;
                previous = "/re/";
                continue;
            }
            if (Character.isLetter(c) || c == '_') {
                int j = i;
                while (j < p.length() && (Character.isLetterOrDigit(p.charAt(j)) || p.charAt(j) == '_')) {
                    j++;
                }
                String word = p.substring(i, j);
                i = j;
                if (word.equals("system")) {
                    return "the awk function system() runs a command";
                }
                if (word.equals("getline") && (previous.equals("|") || previous.equals("|&"))) {
                    return "the awk pipe 'cmd | getline' runs a command";
                }
                if (word.equals("print") || word.equals("printf")) {
                    inPrint = true;
                    depth = 0;
                }
                operandBefore = !NOT_OPERANDS.contains(word);
                previous = word;
                continue;
            }
            if (Character.isDigit(c) || (c == '.' && i + 1 < p.length() && Character.isDigit(p.charAt(i + 1)))) {
                while (i < p.length() && (Character.isLetterOrDigit(p.charAt(i)) || p.charAt(i) == '.')) {
                    i++;
                }
                operandBefore = true;
                previous = "0";
                continue;
            }
            if (c == '@') {
                return "gawk's '@' (indirect calls, @load, @include) reaches code by name";
            }
            String op = String.valueOf(c);
            if (c == '|' && i + 1 < p.length() && (p.charAt(i + 1) == '&' || p.charAt(i + 1) == '|')) {
                op = p.substring(i, i + 2);
            } else if (c == '>' && i + 1 < p.length() && (p.charAt(i + 1) == '>' || p.charAt(i + 1) == '=')) {
                op = p.substring(i, i + 2);
            } else if ((c == '+' || c == '-') && i + 1 < p.length() && p.charAt(i + 1) == c) {
                op = p.substring(i, i + 2);
            }
            i += op.length();
            if (op.equals("|&")) {
                return "gawk's '|&' runs a command as a co-process";
            }
            if (op.equals("|")) {
                // Outside strings and regular expressions, a single '|' is always a pipe to or from a command.
                return "the awk pipe '|' runs a command";
            }
            if (inPrint && depth == 0 && (op.equals("|") || op.equals(">") || op.equals(">>"))) {
                return "the awk output redirection 'print " + op + "' " + (op.equals("|") ? "runs a command"
                        : "writes a file");
            }
            if (c == '(' || c == '[') {
                depth++;
            } else if (c == ')' || c == ']') {
                depth = Math.max(0, depth - 1);
            }
            operandBefore = c == ')' || c == ']' || op.equals("++") || op.equals("--");
            previous = op;
        }
        return null;
    }
}
