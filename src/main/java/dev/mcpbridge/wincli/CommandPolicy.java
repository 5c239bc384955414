package dev.mcpbridge.wincli;

import dev.mcpbridge.wincli.ParsedLine.SimpleCommand;
import dev.mcpbridge.wincli.ParsedLine.Use;
import dev.mcpbridge.wincli.ParsedLine.Word;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Decides whether a command line may run. The line is parsed with its shell's grammar — as written and again after
 * Unicode normalisation (NFKC), so look-alike characters cannot smuggle an operator or a blocked name past the
 * check — and then:
 * <ul>
 * <li>with injection protection on, every construct (separator, pipe, substitution, redirection, escape...) is
 * refused unless {@code allowedOperators} lists it, and some never pass (here-documents, -EncodedCommand, .NET
 * method calls, assignments, keywords...); starting another shell or a command runner (eval, xargs, env CMD,
 * Invoke-Expression, cmd's call...) is refused;</li>
 * <li>every simple command in the line — not only the first, and including those nested in substitutions — must
 * have a literal name that the policy allows: in an allowlist, or not in a blocklist (aliases resolved);</li>
 * <li>no argument may equal a blocked argument (compared literally, case-insensitively).</li>
 * </ul>
 */
public final class CommandPolicy {

    public enum Mode { ALLOWLIST, BLOCKLIST }

    /** The tokens {@code allowedOperators} may list. */
    public static final Set<String> OPERATOR_TOKENS = tokens();

    private static final Pattern SHORT_NAME = Pattern.compile(".*~[0-9].*");

    private final Mode mode;
    private final Set<String> allowed;
    private final Set<String> allowedPaths;
    private final Set<String> blocked;
    private final List<String> blockedArguments;
    private final boolean protection;
    private final Set<String> allowedOperators;
    private final int maxCommandLength;

    public CommandPolicy(Mode mode, Collection<String> allowedCommands, Collection<String> blockedCommands,
            Collection<String> blockedArguments, boolean protection, Collection<String> allowedOperators,
            int maxCommandLength) {
        this.mode = mode;
        Set<String> names = new LinkedHashSet<>();
        Set<String> paths = new LinkedHashSet<>();
        for (String c : allowedCommands) {
            if (CommandNames.hasPath(c)) {
                paths.add(pathKey(c));
            } else {
                names.add(CommandNames.canonical(c));
            }
        }
        this.allowed = Set.copyOf(names);
        this.allowedPaths = Set.copyOf(paths);
        Set<String> b = new LinkedHashSet<>();
        blockedCommands.forEach(c -> b.add(CommandNames.canonical(c)));
        this.blocked = Set.copyOf(b);
        this.blockedArguments = blockedArguments.stream().map(CommandNames::normalize).distinct().toList();
        this.protection = protection;
        for (String op : allowedOperators) {
            if (!OPERATOR_TOKENS.contains(op)) {
                throw new IllegalArgumentException("allowedOperators: '" + op + "' is not an operator (known: "
                        + String.join(" ", OPERATOR_TOKENS) + ")");
            }
        }
        this.allowedOperators = Set.copyOf(allowedOperators);
        this.maxCommandLength = maxCommandLength;
    }

    private static Set<String> tokens() {
        Set<String> t = new LinkedHashSet<>();
        for (Construct c : Construct.values()) {
            if (c.configurable()) {
                t.add(c.token());
            }
        }
        return Set.copyOf(t);
    }

    public Mode mode() {
        return mode;
    }

    public boolean protection() {
        return protection;
    }

    /**
     * Checks a command line for a shell; throws a {@link Refusal} naming the first problem.
     *
     * @return the line as parsed (as written)
     */
    public ParsedLine check(Dialect dialect, String line) {
        if (line == null || line.isBlank()) {
            throw new Refusal("the command is empty");
        }
        if (line.length() > maxCommandLength) {
            throw new Refusal("the command is " + line.length() + " characters long; the limit is "
                    + maxCommandLength + " (maxCommandLength)");
        }
        characters(line);
        if (protection && !allowedOperators.contains(Construct.NEWLINE.token())
                && (line.indexOf('\n') >= 0 || line.indexOf('\r') >= 0)) {
            // Even quoted: a command line is one line.
            throw new Refusal(Construct.NEWLINE.description() + " is not allowed (injection protection; the "
                    + "operator can allow it by adding newline to allowedOperators)");
        }
        String normalized = Normalizer.normalize(line, Normalizer.Form.NFKC);
        if (!normalized.equals(line)) {
            // Look-alikes first: the refusal then names them, rather than an odd command name they produce.
            String note = "after Unicode normalisation (NFKC) of look-alike characters, ";
            try {
                characters(normalized);
                check(dialect, dialect.parse(normalized), note);
            } catch (Refusal r) {
                throw r.reason().startsWith(note) ? r : new Refusal(note + r.reason());
            }
        }
        ParsedLine parsed = dialect.parse(line);
        check(dialect, parsed, "");
        return parsed;
    }

    /**
     * Control, invisible and direction-changing characters (Unicode "format" characters such as zero-width spaces,
     * bidirectional overrides, soft hyphens and tag characters) are never part of a legitimate command line.
     */
    private static void characters(String line) {
        line.codePoints().forEach(c -> {
            if (c == '\n' || c == '\r' || c == '\t') {
                return;
            }
            if (c == 0) {
                throw new Refusal("the command contains a NUL character");
            }
            if (c < 0x20 || (c >= 0x7f && c <= 0x9f)) {
                throw new Refusal(String.format("the command contains the control character U+%04X", c));
            }
            int type = Character.getType(c);
            if (type == Character.FORMAT || type == Character.LINE_SEPARATOR || type == Character.PARAGRAPH_SEPARATOR
                    || c == 0x180e) {
                throw new Refusal(String.format("the command contains the invisible or direction-changing "
                        + "character U+%04X", c));
            }
        });
    }

    private void check(Dialect dialect, ParsedLine parsed, String note) {
        if (protection) {
            for (Use use : parsed.uses()) {
                Construct c = use.construct();
                if (!c.configurable()) {
                    throw new Refusal(note + c.description() + " ('" + use.text() + "') is not allowed");
                }
                if (!allowedOperators.contains(c.token())) {
                    String shown = use.text().equals(c.token()) || c.description().contains("'" + use.text() + "'")
                            ? "" : " ('" + use.text() + "')";
                    throw new Refusal(note + c.description() + shown + " is not allowed (injection protection; the "
                            + "operator can allow it by adding " + c.token() + " to allowedOperators)");
                }
            }
        }
        for (SimpleCommand command : parsed.commands()) {
            command(dialect, command, note);
        }
    }

    private void command(Dialect dialect, SimpleCommand command, String note) {
        Word nameWord = command.name();
        String raw = nameWord.value();
        List<String> args = new ArrayList<>();
        command.arguments().forEach(w -> args.add(w.value()));
        if (dialect == Dialect.CMD) {
            // cmd ends a command name at '/': dir/w is dir with the switch /w.
            int slash = raw.indexOf('/');
            if (slash > 0 && raw.indexOf('\\') < 0 && raw.indexOf(':') < 0) {
                args.add(0, raw.substring(slash));
                raw = raw.substring(0, slash);
            }
        }
        String where = command.via().isEmpty() ? "" : " (inside " + command.via() + ")";
        if (!nameWord.literal()) {
            throw new Refusal(note + "the command name '" + raw + "'" + where + " is not literal: it contains a "
                    + "variable, substitution, wildcard, brace or tilde, so what would run cannot be checked");
        }
        if (raw.isBlank()) {
            throw new Refusal(note + "a command name is empty" + where);
        }
        Set<String> names = CommandNames.names(raw, dialect);
        String shown = "'" + raw + "'" + where;
        // What a command runs or writes through its arguments does not depend on the shell's operators: these
        // checks hold whatever the injection protection.
        if (CommandNames.isShell(names)) {
            throw new Refusal(note + shown + " starts another shell, whose commands could not be checked");
        }
        String wrapper = dialect == Dialect.BASH || dialect == Dialect.SH
                ? names.stream().filter(Wrappers::known).findFirst().orElse(null) : null;
        int wrapped = wrapper == null || args.size() != command.arguments().size() ? -1
                : Wrappers.commandIndex(wrapper, args);
        if (wrapped >= 0 && !command.arguments().subList(0, wrapped + 1).stream().allMatch(Word::literal)) {
            wrapped = -1; // an expansion among the options could split into words and move the command
        }
        String runner = wrapped >= 0 ? null : CommandNames.runnerReason(names, args, dialect);
        if (runner != null) {
            throw new Refusal(note + runner + where + "; its command could not be checked");
        }
        if (protection) {
            if (dialect == Dialect.POWERSHELL || names.contains("powershell") || names.contains("pwsh")) {
                for (String a : args) {
                    if (CommandNames.isEncodedCommand(a)) {
                        throw new Refusal(note + Construct.ENCODED_COMMAND.description() + " ('" + a
                                + "') is not allowed");
                    }
                }
            }
            if ((dialect == Dialect.CMD || dialect == Dialect.POWERSHELL) && SHORT_NAME.matcher(raw).matches()) {
                throw new Refusal(note + shown + " looks like an 8.3 short file name, which could stand for "
                        + "any command; use the full name");
            }
        }
        if (mode == Mode.ALLOWLIST) {
            allowlist(dialect, raw, names, shown, note);
        } else {
            for (String n : names) {
                if (blocked.contains(n)) {
                    String as = n.equals(CommandNames.canonical(raw)) ? "" : " (it stands for '" + n + "')";
                    throw new Refusal(note + shown + " is a blocked command" + as + " (blockedCommands)");
                }
            }
        }
        for (String n : names) {
            String argument = ArgumentPolicy.reason(n, args, dialect, mode == Mode.BLOCKLIST);
            if (argument != null) {
                throw new Refusal(note + argument + where);
            }
        }
        for (String a : args) {
            String arg = CommandNames.normalize(a);
            for (String b : blockedArguments) {
                if (arg.equals(b) || arg.startsWith(b + "=") || arg.startsWith(b + ":")) {
                    throw new Refusal(note + "the argument '" + a + "' of " + shown
                            + " is blocked (blockedArguments)");
                }
            }
        }
        if (wrapped >= 0) {
            // The wrapper passed as a command of its own; what it runs must pass as one too.
            List<Word> words = command.arguments().subList(wrapped, command.arguments().size());
            command(dialect, new SimpleCommand(words, command.via(), false), note);
        }
    }

    private void allowlist(Dialect dialect, String raw, Set<String> names, String shown, String note) {
        if (CommandNames.hasPath(raw) && !(dialect == Dialect.POWERSHELL && isModuleQualified(raw))) {
            if (allowedPaths.contains(pathKey(raw))) {
                return;
            }
            throw new Refusal(note + shown + " is given by path; with the allowlist policy only commands found on "
                    + "PATH, or paths listed in allowedCommands, may run");
        }
        String canonical = CommandNames.canonical(raw);
        boolean ok = allowed.contains(canonical);
        if (dialect == Dialect.POWERSHELL) {
            String target = CommandNames.POWERSHELL_ALIASES.get(canonical);
            ok |= target != null && allowed.contains(target);
        }
        if (dialect == Dialect.CMD) {
            for (String n : names) {
                ok &= allowed.contains(n);
            }
        }
        if (!ok) {
            throw new Refusal(note + shown + " is not an allowed command (policy: allowlist). To allow it, add it "
                    + "to allowedCommands: WINCLI_ALLOWED_COMMANDS=default," + canonical + " (or --set "
                    + "win-cli.allowedCommands=default," + canonical + ")");
        }
    }

    /** Module\Cmdlet in PowerShell names a cmdlet, not a file. */
    private static boolean isModuleQualified(String raw) {
        return raw.indexOf('/') < 0 && raw.indexOf(':') < 0 && raw.indexOf('\\') == raw.lastIndexOf('\\')
                && raw.indexOf('\\') > 0 && !raw.startsWith(".") && raw.substring(raw.indexOf('\\') + 1).contains("-");
    }

    private static String pathKey(String path) {
        return CommandNames.normalize(path).replace('\\', '/').toLowerCase(Locale.ROOT);
    }

    /** The resolved lists, for cli://config. */
    public java.util.Map<String, Object> describe() {
        java.util.Map<String, Object> d = new java.util.LinkedHashMap<>();
        d.put("policy", mode.name().toLowerCase(Locale.ROOT));
        List<String> a = new ArrayList<>(allowed);
        a.addAll(allowedPaths);
        d.put("allowedCommands", a.stream().sorted().toList());
        d.put("blockedCommands", blocked.stream().sorted().toList());
        d.put("blockedArguments", blockedArguments);
        d.put("enableInjectionProtection", protection);
        d.put("allowedOperators", allowedOperators.stream().sorted().toList());
        d.put("maxCommandLength", maxCommandLength);
        return d;
    }
}
