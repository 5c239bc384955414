package dev.mcpbridge.wincli;

import dev.mcpbridge.core.spi.HomePaths;
import dev.mcpbridge.core.spi.Arguments;
import dev.mcpbridge.core.spi.Secrets;
import dev.mcpbridge.core.spi.SettingsException;
import dev.mcpbridge.core.spi.ToolCallContext;
import dev.mcpbridge.core.spi.ToolException;
import dev.mcpbridge.lib.files.PathGuard;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Commands on this machine (execute_command, get_current_directory): win-cli-mcp-server's names and arguments,
 * without its holes. A line is checked by the {@link CommandRules} before anything runs; it runs as an argument
 * vector (never a string glued for a second parser), in a working directory contained in the allowed paths, with a
 * scrubbed environment, a timeout that kills the whole process tree, and capped output; the {@link CommandLog}
 * records it, run or refused.
 */
public class LocalCommands {

    /**
     * bash/sh builtins with no executable of the same behaviour: they run through the shell. (echo, printf, pwd,
     * test, true, false have executables that behave as the builtins do, and run directly.)
     */
    private static final Set<String> SHELL_BUILTINS = Set.of("cd", "type", "alias", "unalias", "export", "readonly",
            "set", "unset", "shopt", "ulimit", "umask", "hash", "history", "help", "jobs", "fg", "bg", "wait", "read",
            "getopts", "declare", "typeset", "local", "let", "shift", "times", "dirs", "pushd", "popd", "disown",
            "suspend", "logout", "exit", "return", "break", "continue", "caller", "compgen", "complete", "compopt",
            "mapfile", "readarray", "enable", "fc");

    private final Secrets secrets;
    private final CommandRules rules;
    private final CommandLog log;
    /** The environment children start from (the bridge's own); tests substitute theirs. */
    private final Supplier<Map<String, String>> baseEnvironment;
    /** The directory the bridge was started in. */
    private final Path startDirectory;
    private final boolean windows;
    private final boolean restrictWorkingDirectory;
    private final long commandTimeoutMillis;
    private final int maxOutputBytes;
    private final Map<Shell, Path> available = new LinkedHashMap<>();
    private final Set<Shell> enabled = new LinkedHashSet<>();
    private final List<String> passEnvironment;
    private PathGuard guard;
    private Path defaultDirectory;
    private final Containment containment;

    public LocalCommands(WinCliSettings settings, Secrets secrets, CommandRules rules, CommandLog log) {
        this(settings, secrets, rules, log, System::getenv, Path.of("").toAbsolutePath(), Shell.windowsHost());
    }

    /** For tests: another environment, start directory or platform. */
    LocalCommands(WinCliSettings settings, Secrets secrets, CommandRules rules, CommandLog log,
            Supplier<Map<String, String>> baseEnvironment, Path startDirectory, boolean windows) {
        this.secrets = secrets;
        this.rules = rules;
        this.log = log;
        this.baseEnvironment = baseEnvironment;
        this.startDirectory = startDirectory;
        this.windows = windows;
        this.restrictWorkingDirectory = settings.restrictWorkingDirectory();
        this.maxOutputBytes = settings.maxOutputBytes();
        this.commandTimeoutMillis = WinCliValues.seconds("commandTimeout", settings.commandTimeout(), 30_000);
        this.passEnvironment = WinCliValues.list(settings.passEnvironment(), List.of());
        locateShells(settings);
        allowDirectories(settings);
        containment = Containment.create(settings.sandbox() == null ? "auto" : settings.sandbox(),
                settings.sandboxNetwork(), guard.roots(), baseEnvironment.get().get("PATH"), windows);
        secrets.addLookingSecret(baseEnvironment.get());
    }

    Containment containment() {
        return containment;
    }

    private void locateShells(WinCliSettings settings) {
        Map<String, String> paths = new LinkedHashMap<>();
        for (String entry : settings.shellPaths() == null ? new String[0] : settings.shellPaths().split("[\\n,]")) {
            if (entry.isBlank()) {
                continue;
            }
            int eq = entry.indexOf('=');
            if (eq <= 0 || Shell.byId(entry.substring(0, eq)).isEmpty()) {
                throw new SettingsException("shellPaths", "'" + entry.strip() + "' is not shell=path "
                        + "(shells: bash, sh, gitbash, powershell, pwsh, cmd)");
            }
            paths.put(Shell.byId(entry.substring(0, eq)).get().id(), entry.substring(eq + 1).strip());
        }
        String pathVariable = baseEnvironment.get().get("PATH");
        if (pathVariable == null) {
            pathVariable = baseEnvironment.get().get("Path");
        }
        String wanted = settings.shells() == null ? "" : settings.shells().strip().toLowerCase(Locale.ROOT);
        List<Shell> candidates = new ArrayList<>();
        if (wanted.equals("auto")) {
            candidates.addAll(List.of(Shell.values()));
        } else if (!wanted.isEmpty() && !wanted.equals("none")) {
            for (String id : wanted.split("[,\\s]+")) {
                candidates.add(Shell.byId(id).orElseThrow(() -> new SettingsException("shells", "'"
                        + id + "' is not a shell (bash, sh, gitbash, powershell, pwsh, cmd, or auto, none)")));
            }
        }
        for (Shell s : candidates) {
            enabled.add(s);
            s.locate(paths.get(s.id()), pathVariable).ifPresent(p -> available.put(s, p));
        }
    }

    private void allowDirectories(WinCliSettings settings) {
        List<String> dirs = new ArrayList<>();
        if (settings.allowedPaths() != null) {
            for (String line : settings.allowedPaths().split("\n")) {
                for (String part : line.split(java.io.File.pathSeparator)) {
                    if (!part.isBlank()) {
                        dirs.add(part.strip());
                    }
                }
            }
        }
        // The start directory is the default working directory, so it is always allowed.
        Path start = startDirectory(dirs);
        defaultDirectory = start;
        if (!dirs.contains(start.toString())) {
            dirs.add(0, start.toString());
        }
        String windowsRules = settings.windowsRules();
        boolean rules = windowsRules == null || windowsRules.isBlank() || windowsRules.strip().equalsIgnoreCase("auto")
                ? windows : dev.mcpbridge.core.spi.Booleans.parse(windowsRules);
        try {
            guard = PathGuard.of(dirs, rules);
            defaultDirectory = start.toRealPath();
        } catch (ToolException | IOException e) {
            throw new SettingsException("allowedPaths", e.getMessage());
        }
    }

    /**
     * The directory commands start in by default: the bridge's own, unless that is a file system root, as when Roo
     * starts the bridge with no folder open. Allowing {@code /} would allow every directory, so then win-cli starts
     * where its users expect a shell to (win-cli-mcp-server allowed the home directory by default): the first
     * allowed path, else the home directory.
     */
    private Path startDirectory(List<String> allowed) {
        if (startDirectory.getParent() != null) {
            return startDirectory;
        }
        if (!allowed.isEmpty()) {
            return Path.of(HomePaths.expand(allowed.get(0))).toAbsolutePath().normalize();
        }
        String home = HomePaths.home(baseEnvironment.get());
        if (home == null || home.isBlank() || Path.of(home).toAbsolutePath().getParent() == null) {
            throw new SettingsException("allowedPaths", "the bridge was started in '" + startDirectory
                    + "' and there is no home directory to start commands in instead; set allowedPaths "
                    + "(WINCLI_ALLOWED_PATHS) to the directories commands may run in");
        }
        return Path.of(home).toAbsolutePath().normalize();
    }

    // ---- tools ----

    public Object executeCommand(Arguments args, ToolCallContext ctx) {
        String shellId = CommandResults.text(args, "shell");
        String command = CommandResults.text(args, "command");
        String workingDir = CommandResults.text(args, "workingDir");
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("tool", "execute_command");
        entry.put("shell", shellId);
        entry.put("command", command);
        Shell shell = Shell.byId(shellId == null ? "" : shellId).orElse(null);
        if (shell == null || !available.containsKey(shell)) {
            throw log.refused(ctx, entry, new ToolException("Shell '" + shellId + "' is not available here (available: "
                    + String.join(", ", available.keySet().stream().map(Shell::id).toList())
                    + (available.isEmpty() ? "none: set win-cli.shells" : "") + ")"));
        }
        ParsedLine parsed;
        Path dir;
        HeldDirectory held;
        try {
            parsed = rules.check(shell.dialect(), command);
            dir = workingDirectory(workingDir);
            held = windows ? new HeldDirectory(dir, null) : HeldDirectory.of(dir);
        } catch (ToolException e) {
            throw log.refused(ctx, entry, e);
        }
        entry.put("dir", dir.toString());
        Map<String, String> env = childEnvironment();
        List<String> direct = directArgv(shell, parsed, dir, env);
        List<String> argv = containment.wrap(direct != null ? direct
                : shell.argv(available.get(shell).toString(), command, windows), held);
        ProcessRunner.Outcome o;
        try {
            boolean background = parsed.uses().stream().anyMatch(u -> u.construct() == Construct.BACKGROUND);
            o = ProcessRunner.run(argv, dir, env, commandTimeoutMillis, maxOutputBytes,
                    () -> ctx != null && ctx.cancelled(), background);
        } catch (IOException e) {
            throw log.failed(ctx, entry, new ToolException("the command could not be started ("
                    + e.getClass().getSimpleName() + ")"));
        } catch (ToolException e) {
            throw log.failed(ctx, entry, e);
        }
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("exitCode", o.exitCode());
        data.put("stdout", secrets.redact(o.stdout()));
        data.put("stderr", secrets.redact(o.stderr()));
        data.put("durationMs", o.durationMs());
        data.put("shell", shell.id());
        data.put("workingDirectory", dir.toString());
        data.put("timedOut", o.timedOut());
        data.put("truncated", o.truncated());
        data.put("execution", direct != null ? "direct" : "shell");
        data.put("killedProcesses", o.killed() + o.strays());
        String text = CommandResults.describe(o.exitCode(), o.stdout(), o.stderr(), o.timedOut(), commandTimeoutMillis, o.killed(),
                o.strays()) + "\n[exit code " + (o.exitCode() == null ? "none" : o.exitCode()) + " · "
                + o.durationMs() + " ms · " + shell.id() + " · " + dir + "]";
        log.ran(ctx, entry, text, o.exitCode(), o.durationMs(), o.timedOut());
        return CommandResults.result(secrets.redact(text), data, o.timedOut() || o.exitCode() == null || o.exitCode() != 0);
    }

    public String getCurrentDirectory() {
        return defaultDirectory.toString();
    }

    // ---- what the resources show ----

    Path defaultDirectory() {
        return defaultDirectory;
    }

    List<Path> allowedPaths() {
        return guard.roots();
    }

    boolean restrictWorkingDirectory() {
        return restrictWorkingDirectory;
    }

    long commandTimeoutMillis() {
        return commandTimeoutMillis;
    }

    int maxOutputBytes() {
        return maxOutputBytes;
    }

    boolean enabled(Shell shell) {
        return enabled.contains(shell);
    }

    Path executable(Shell shell) {
        return available.get(shell);
    }

    /** The environment children start from, for SSH connections that read the user's agent. */
    Map<String, String> baseEnvironment() {
        return baseEnvironment.get();
    }

    // ---- helpers ----

    /** The working directory: given (relative ones against the start directory) or the start directory. */
    Path workingDirectory(String requested) {
        if (requested == null || requested.isBlank()) {
            return defaultDirectory;
        }
        if (!restrictWorkingDirectory) {
            Path p = defaultDirectory.resolve(HomePaths.expand(requested.strip())).normalize();
            try {
                Path real = p.toRealPath();
                if (!Files.isDirectory(real)) {
                    throw new ToolException("Working directory '" + requested + "' is not a directory");
                }
                return real;
            } catch (IOException e) {
                throw new ToolException("Working directory '" + requested + "' does not exist");
            }
        }
        Path real;
        try {
            real = guard.resolve(requested, PathGuard.Intent.EXISTING);
        } catch (ToolException e) {
            throw new ToolException("Working directory " + e.getMessage().replace("access denied: ", "")
                    + (e.getMessage().startsWith("access denied") ? " (allowedPaths)" : ""));
        }
        if (!Files.isDirectory(real)) {
            throw new ToolException("Working directory '" + requested + "' is not a directory");
        }
        return real;
    }

    /** The allowlisted part of the bridge's environment, without anything secret (see {@link ChildEnvironment}). */
    Map<String, String> childEnvironment() {
        return new ChildEnvironment(passEnvironment, secrets).from(baseEnvironment.get());
    }

    /**
     * bash and sh: a single command of literal words, with nothing for the shell to expand, runs as that argument
     * vector with no shell at all; anything else runs as {@code bash -c <line>} — the exact line the parser checked.
     */
    private List<String> directArgv(Shell shell, ParsedLine parsed, Path dir, Map<String, String> env) {
        if (windows || (shell != Shell.BASH && shell != Shell.SH) || parsed.commands().size() != 1
                || !parsed.uses().isEmpty()) {
            return null;
        }
        ParsedLine.SimpleCommand c = parsed.commands().get(0);
        List<String> argv = new ArrayList<>();
        for (ParsedLine.Word w : c.words()) {
            if (!w.literal()) {
                return null;
            }
            argv.add(w.value());
        }
        String name = argv.get(0);
        if (SHELL_BUILTINS.contains(name)) {
            return null;
        }
        Optional<Path> exe;
        if (name.contains("/")) {
            Path p = dir.resolve(name);
            exe = Files.isRegularFile(p) && Files.isExecutable(p) ? Optional.of(p) : Optional.empty();
        } else {
            exe = Shell.onPath(name, env.get("PATH"));
        }
        if (exe.isEmpty()) {
            return null;
        }
        // A name found on the bridge's own PATH is left as it is (Java finds it the same way), so messages read
        // "ls: ..." as under a shell; otherwise the resolved path is used.
        if (name.contains("/") || !java.util.Objects.equals(env.get("PATH"), System.getenv("PATH"))) {
            argv.set(0, exe.get().toString());
        }
        return argv;
    }

}
