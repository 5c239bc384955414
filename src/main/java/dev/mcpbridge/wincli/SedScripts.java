package dev.mcpbridge.wincli;

import java.util.ArrayList;
import java.util.List;

/**
 * sed's arguments and scripts: {@code e} and the {@code s///e} flag run commands, {@code w}, {@code W} and the
 * {@code s///w} flag write files, {@code -i} rewrites the files named, {@code -f} reads a script the check cannot
 * see. The script is read command by command with GNU sed's grammar (addresses, blocks, labels, text arguments,
 * {@code s} and {@code y} with any delimiter); anything the scanner does not recognise is refused rather than
 * guessed at.
 */
final class SedScripts {

    private SedScripts() {
    }

    /** Why this sed invocation is refused, or null. */
    static String check(List<String> args) {
        List<String> scripts = new ArrayList<>();
        String firstOperand = null;
        boolean options = true;
        for (int k = 0; k < args.size(); k++) {
            String a = args.get(k);
            if (options && a.equals("--")) {
                options = false;
                continue;
            }
            if (options && a.startsWith("--")) {
                String opt = a.substring(2);
                int eq = opt.indexOf('=');
                String name = eq >= 0 ? opt.substring(0, eq) : opt;
                if (name.isEmpty()) {
                    continue;
                }
                if ("expression".startsWith(name)) {
                    if (eq >= 0) {
                        scripts.add(opt.substring(eq + 1));
                    } else if (k + 1 < args.size()) {
                        scripts.add(args.get(++k));
                    }
                } else if ("file".startsWith(name) && name.length() >= 2) {
                    return "'sed --file' reads a script the check cannot see";
                } else if ("in-place".startsWith(name)) {
                    return "'sed --in-place' rewrites the files it is given";
                } else if ("line-length".startsWith(name) && name.length() >= 2 && eq < 0) {
                    k++;
                }
                continue;
            }
            if (options && a.startsWith("-") && a.length() > 1) {
                for (int j = 1; j < a.length(); j++) {
                    char c = a.charAt(j);
                    if (c == 'e') {
                        scripts.add(j + 1 < a.length() ? a.substring(j + 1) : k + 1 < args.size() ? args.get(++k) : "");
                        break;
                    }
                    if (c == 'f') {
                        return "'sed -f' reads a script the check cannot see";
                    }
                    if (c == 'i') {
                        return "'sed -i' rewrites the files it is given";
                    }
                    if (c == 'l') {
                        if (j + 1 == a.length()) {
                            k++;
                        }
                        break;
                    }
                }
                continue;
            }
            if (firstOperand == null) {
                firstOperand = a;
            }
        }
        if (scripts.isEmpty() && firstOperand != null) {
            scripts.add(firstOperand);
        }
        for (String script : scripts) {
            String r = new Scanner(script).scan();
            if (r != null) {
                return r;
            }
        }
        return null;
    }

    private static final class Scanner {
        private final String s;
        private int i;

        Scanner(String s) {
            this.s = s;
        }

        private char at(int k) {
            return k < s.length() ? s.charAt(k) : '\0';
        }

        private boolean end() {
            return i >= s.length();
        }

        String scan() {
            while (true) {
                while (!end() && (Character.isWhitespace(s.charAt(i)) || s.charAt(i) == ';')) {
                    i++;
                }
                if (end()) {
                    return null;
                }
                if (s.charAt(i) == '#') {
                    toEndOfLine();
                    continue;
                }
                String r = address();
                if (r != null) {
                    return r;
                }
                if (at(i) == ',') {
                    i++;
                    skipBlanks();
                    if (at(i) == '+' || at(i) == '~') {
                        i++;
                    }
                    r = address();
                    if (r != null) {
                        return r;
                    }
                }
                skipBlanks();
                while (at(i) == '!') {
                    i++;
                    skipBlanks();
                }
                if (end()) {
                    return "the sed script ends after an address";
                }
                char c = s.charAt(i++);
                switch (c) {
                    case '{', '}', '=', 'd', 'D', 'g', 'G', 'h', 'H', 'n', 'N', 'p', 'P', 'x', 'z', 'F' -> {
                    }
                    case 'l', 'L', 'q', 'Q' -> {
                        skipBlanks();
                        while (Character.isDigit(at(i))) {
                            i++;
                        }
                    }
                    case ':', 'b', 't', 'T', 'v' -> label();
                    case 'a', 'i', 'c' -> text();
                    case 'r', 'R' -> toEndOfLine();
                    case 'w', 'W' -> {
                        return "the sed command '" + c + "' writes a file";
                    }
                    case 'e' -> {
                        return "the sed command 'e' runs a command";
                    }
                    case 's' -> {
                        r = substitute();
                        if (r != null) {
                            return r;
                        }
                    }
                    case 'y' -> {
                        char d = at(i++);
                        if (d == '\0' || d == '\\' || d == '\n') {
                            return "the sed 'y' command has no delimiter";
                        }
                        r = delimited(d);
                        if (r == null) {
                            r = delimited(d);
                        }
                        if (r != null) {
                            return r;
                        }
                    }
                    default -> {
                        return "the sed script has a command the check does not know ('" + c + "')";
                    }
                }
            }
        }

        private String address() {
            char c = at(i);
            if (Character.isDigit(c)) {
                while (Character.isDigit(at(i))) {
                    i++;
                }
                if (at(i) == '~') {
                    i++;
                    while (Character.isDigit(at(i))) {
                        i++;
                    }
                }
            } else if (c == '$') {
                i++;
            } else if (c == '/' || c == '\\') {
                char d = '/';
                if (c == '\\') {
                    i++;
                    d = at(i);
                    if (d == '\0' || d == '\n') {
                        return "the sed script has an address without delimiter";
                    }
                }
                i++;
                String r = delimited(d);
                if (r != null) {
                    return r;
                }
                while (at(i) == 'I' || at(i) == 'M') {
                    i++;
                }
            }
            return null;
        }

        /** Skips to after the next unescaped delimiter (i is just after the opening one). */
        private String delimited(char d) {
            while (!end()) {
                char c = s.charAt(i);
                if (c == '\\') {
                    i += 2;
                    continue;
                }
                i++;
                if (c == d) {
                    return null;
                }
            }
            return "the sed script has an unterminated regular expression or replacement";
        }

        private String substitute() {
            char d = at(i++);
            if (d == '\0' || d == '\\' || d == '\n') {
                return "the sed 's' command has no delimiter";
            }
            String r = delimited(d);
            if (r == null) {
                r = delimited(d);
            }
            if (r != null) {
                return r;
            }
            while (!end()) {
                char f = s.charAt(i);
                if (f == 'e') {
                    return "the sed flag 's///e' runs the pattern space as a command";
                }
                if (f == 'w') {
                    return "the sed flag 's///w' writes a file";
                }
                if (f == 'g' || f == 'p' || f == 'i' || f == 'I' || f == 'm' || f == 'M' || Character.isDigit(f)) {
                    i++;
                    continue;
                }
                if (f == ';' || f == '\n' || f == '}' || f == '#' || f == ' ' || f == '\t') {
                    return null;
                }
                return "the sed 's' command has a flag the check does not know ('" + f + "')";
            }
            return null;
        }

        private void label() {
            while (!end() && s.charAt(i) != ';' && s.charAt(i) != '\n') {
                i++;
            }
        }

        /** a, i, c: their text runs to an unescaped end of line. */
        private void text() {
            while (!end()) {
                char c = s.charAt(i);
                if (c == '\\') {
                    i += 2;
                    continue;
                }
                i++;
                if (c == '\n') {
                    return;
                }
            }
        }

        private void toEndOfLine() {
            while (!end() && s.charAt(i) != '\n') {
                i++;
            }
        }

        private void skipBlanks() {
            while (at(i) == ' ' || at(i) == '\t') {
                i++;
            }
        }
    }
}
