package dev.mcpbridge.wincli;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The POSIX wrappers whose options are known well enough to find the command they run: {@code timeout 5 make},
 * {@code nice -n 10 tar ...}. That command is then checked like any other instead of the whole line being refused.
 * A wrapper used with an option not listed here stays refused (it may run code, write a file or act on another
 * process), and so do wrappers that change identity, namespaces or the environment, or read their command from
 * input ({@code sudo}, {@code env}, {@code xargs}: see {@link CommandNames#RUNNERS}).
 */
final class Wrappers {

    /** Options of one wrapper: flags alone, options that take the next word, and how many operands come first. */
    private record Grammar(Set<String> flags, Set<String> withValue, Set<String> longWithValue, int operands) {
    }

    private static final Map<String, Grammar> GRAMMARS = Map.of(
            "timeout", new Grammar(Set.of("--preserve-status", "--foreground", "-v", "--verbose"),
                    Set.of("-k", "-s"), Set.of("--kill-after", "--signal"), 1),
            "nice", new Grammar(Set.of(), Set.of("-n"), Set.of("--adjustment"), 0),
            "nohup", new Grammar(Set.of(), Set.of(), Set.of(), 0),
            "stdbuf", new Grammar(Set.of(), Set.of("-i", "-o", "-e"), Set.of("--input", "--output", "--error"), 0),
            "ionice", new Grammar(Set.of("-t", "--ignore"), Set.of("-c", "-n"), Set.of("--class", "--classdata"), 0));

    private Wrappers() {
    }

    /** Whether {@code name} is a wrapper this class can see through. */
    static boolean known(String name) {
        return GRAMMARS.containsKey(name);
    }

    /**
     * The index, in {@code arguments}, of the command the wrapper runs; -1 when the arguments are not read with
     * certainty (an unknown option, no command), and the wrapper must then be refused.
     */
    static int commandIndex(String wrapper, List<String> arguments) {
        Grammar grammar = GRAMMARS.get(wrapper);
        if (grammar == null) {
            return -1;
        }
        int i = 0;
        while (i < arguments.size()) {
            String a = arguments.get(i);
            if (a.equals("--")) {
                i++;
                break;
            }
            if (!a.startsWith("-") || a.equals("-")) {
                break;
            }
            int eq = a.indexOf('=');
            if (grammar.flags().contains(a)) {
                i++;
            } else if (grammar.withValue().contains(a) || grammar.longWithValue().contains(a)) {
                i += 2;
            } else if (a.startsWith("--") && eq > 0 && grammar.longWithValue().contains(a.substring(0, eq))) {
                i++;
            } else if (a.length() > 2 && grammar.withValue().contains(a.substring(0, 2))) {
                i++; // -n10, -oL
            } else if (wrapper.equals("nice") && a.matches("-[0-9]+")) {
                i++; // the old form: nice -10 make
            } else {
                return -1;
            }
        }
        i += grammar.operands();
        return i < arguments.size() ? i : -1;
    }
}
