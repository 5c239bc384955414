package dev.mcpbridge.wincli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.mcpbridge.core.adapter.Durations;
import dev.mcpbridge.core.spi.Secrets;
import dev.mcpbridge.core.spi.TextResult;
import dev.mcpbridge.core.spi.ToolCallContext;
import dev.mcpbridge.core.spi.ToolException;
import dev.mcpbridge.core.spi.PathGuard;
import io.modelcontextprotocol.spec.McpSchema;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.apache.camel.ExchangeProperty;

/**
 * The win-cli adapter's tools: win-cli-mcp-server's names and arguments, without its holes. Every command line is
 * checked by {@link CommandPolicy} with its shell's grammar before anything runs; it runs as an argument vector
 * (never a string glued for a second parser), in a working directory contained in the allowed paths, with a
 * scrubbed environment, a timeout that kills the whole process tree, and capped output; every command, run or
 * refused, goes to the audit log and the history.
 */
public class WinCliTools {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    /**
     * bash/sh builtins with no executable of the same behaviour: they run through the shell. (echo, printf, pwd,
     * test, true, false have executables that behave as the builtins do, and run directly.)
     */
    private static final Set<String> SHELL_BUILTINS = Set.of("cd", "type", "alias", "unalias", "export", "readonly",
            "set", "unset", "shopt", "ulimit", "umask", "hash", "history", "help", "jobs", "fg", "bg", "wait", "read",
            "getopts", "declare", "typeset", "local", "let", "shift", "times", "dirs", "pushd", "popd", "disown",
            "suspend", "logout", "exit", "return", "break", "continue", "caller", "compgen", "complete", "compopt",
            "mapfile", "readarray", "enable", "fc");

    // ---- settings, as strings from routes/win-cli.yaml ----
    private String shells = "";
    private String shellPaths = "";
    private String policy = "allowlist";
    private String allowedCommands = "default";
    private String blockedCommands = "default";
    private String blockedArguments = "default";
    private String allowedOperators = "";
    private boolean enableInjectionProtection = true;
    private String allowedPaths = "";
    private boolean restrictWorkingDirectory = true;
    private String commandTimeout = "30";
    private int maxCommandLength = 2000;
    private int maxOutputBytes = 65536;
    private boolean logCommands = true;
    private int maxHistorySize = 1000;
    private String auditLog = "~/.mcp-bridge/logs/win-cli-audit.jsonl";
    private boolean sshEnabled;
    private String sshConnectionsFile = "~/.mcp-bridge/ssh-connections.yaml";
    private String sshKnownHosts = "~/.ssh/known_hosts";
    private String sshHostKeyPolicy = "strict";
    private String sshCommandTimeout = "30";
    private long sshKeepaliveInterval = 10_000;
    private int sshKeepaliveCountMax = 3;
    private long sshReadyTimeout = 20_000;
    private String windowsRules = "auto";
    private String passEnvironment = "";
    private String sandbox = "auto";
    private boolean sandboxNetwork = true;
    private Secrets secrets = new Secrets();

    /** The environment children start from (the bridge's own); tests substitute theirs. */
    Supplier<Map<String, String>> baseEnvironment = System::getenv;
    /** The directory the bridge was started in. */
    Path startDirectory = Path.of("").toAbsolutePath();
    boolean windows = Shell.windowsHost();

    // ---- built by init() ----
    private CommandPolicy commandPolicy;
    private final Map<Shell, Path> available = new LinkedHashMap<>();
    private final Set<Shell> enabled = new LinkedHashSet<>();
    private PathGuard guard;
    private Containment containment;
    private Path defaultDirectory;
    private long commandTimeoutMillis;
    private long sshTimeoutMillis;
    private CommandHistory history;
    private AuditLog audit;
    private SshConnections connections;
    private SshPool pool;

    // ---- bean properties ----

    public void setShells(String v) {
        shells = v;
    }

    public void setShellPaths(String v) {
        shellPaths = v;
    }

    public void setPolicy(String v) {
        policy = v;
    }

    public void setAllowedCommands(String v) {
        allowedCommands = v;
    }

    public void setBlockedCommands(String v) {
        blockedCommands = v;
    }

    public void setBlockedArguments(String v) {
        blockedArguments = v;
    }

    public void setAllowedOperators(String v) {
        allowedOperators = v;
    }

    public void setEnableInjectionProtection(String v) {
        enableInjectionProtection = bool("enableInjectionProtection", v, true);
    }

    public void setAllowedPaths(String v) {
        allowedPaths = v;
    }

    public void setRestrictWorkingDirectory(String v) {
        restrictWorkingDirectory = bool("restrictWorkingDirectory", v, true);
    }

    public void setCommandTimeout(String v) {
        commandTimeout = v;
    }

    public void setMaxCommandLength(String v) {
        maxCommandLength = (int) number("maxCommandLength", v, 2000, 1, 1_000_000);
    }

    public void setMaxOutputBytes(String v) {
        maxOutputBytes = (int) number("maxOutputBytes", v, 65536, 64, 64L * 1024 * 1024);
    }

    public void setLogCommands(String v) {
        logCommands = bool("logCommands", v, true);
    }

    public void setMaxHistorySize(String v) {
        maxHistorySize = (int) number("maxHistorySize", v, 1000, 1, 1_000_000);
    }

    public void setAuditLog(String v) {
        auditLog = v;
    }

    public void setSshEnabled(String v) {
        sshEnabled = bool("sshEnabled", v, false);
    }

    public void setSshConnectionsFile(String v) {
        sshConnectionsFile = v;
    }

    public void setSshKnownHosts(String v) {
        sshKnownHosts = v;
    }

    public void setSshHostKeyPolicy(String v) {
        sshHostKeyPolicy = v;
    }

    public void setSshCommandTimeout(String v) {
        sshCommandTimeout = v;
    }

    public void setSshKeepaliveInterval(String v) {
        sshKeepaliveInterval = number("sshKeepaliveInterval", v, 10_000, 1000, Long.MAX_VALUE);
    }

    public void setSshKeepaliveCountMax(String v) {
        sshKeepaliveCountMax = (int) number("sshKeepaliveCountMax", v, 3, 1, 1000);
    }

    public void setSshReadyTimeout(String v) {
        sshReadyTimeout = number("sshReadyTimeout", v, 20_000, 1000, Long.MAX_VALUE);
    }

    public void setWindowsRules(String v) {
        windowsRules = v;
    }

    public void setPassEnvironment(String v) {
        passEnvironment = v == null ? "" : v;
    }

    public void setSandbox(String v) {
        sandbox = v;
    }

    public void setSandboxNetwork(String v) {
        sandboxNetwork = bool("sandboxNetwork", v, true);
    }

    public void setSecrets(Secrets secrets) {
        this.secrets = secrets;
    }

    private static boolean bool(String name, String v, boolean fallback) {
        if (v == null || v.isBlank()) {
            return fallback;
        }
        return switch (v.strip().toLowerCase(Locale.ROOT)) {
            case "true", "yes", "on", "1" -> true;
            case "false", "no", "off", "0" -> false;
            default -> throw new IllegalArgumentException("win-cli." + name + " must be true or false, not '" + v + "'");
        };
    }

    private static long number(String name, String v, long fallback, long min, long max) {
        if (v == null || v.isBlank()) {
            return fallback;
        }
        try {
            long n = Long.parseLong(v.strip());
            if (n < min || n > max) {
                throw new IllegalArgumentException("win-cli." + name + " must be between " + min + " and " + max);
            }
            return n;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("win-cli." + name + " must be a number, not '" + v + "'");
        }
    }

    /** Seconds as win-cli wrote them ("30"), or a duration ("30s", "2m", "500ms"). */
    static long seconds(String name, String v, long fallbackMillis) {
        if (v == null || v.isBlank()) {
            return fallbackMillis;
        }
        String t = v.strip();
        try {
            long millis = t.matches("\\d+") ? Long.parseLong(t) * 1000 : Durations.parseMillis(t);
            if (millis < 100 || millis > 24L * 3600 * 1000) {
                throw new IllegalArgumentException("win-cli." + name + " must be between 100 ms and 24 h");
            }
            return millis;
        } catch (IllegalArgumentException e) {
            throw e.getMessage() != null && e.getMessage().startsWith("win-cli.") ? e
                    : new IllegalArgumentException("win-cli." + name + ": " + e.getMessage());
        }
    }

    /** Entries separated by commas, whitespace or newlines; "default" expands to the default list, "none" is none. */
    static List<String> list(String value, List<String> defaults) {
        List<String> out = new ArrayList<>();
        if (value == null || value.isBlank()) {
            return new ArrayList<>(defaults);
        }
        for (String item : value.split("[,\\s]+")) {
            if (item.isBlank() || item.equalsIgnoreCase("none")) {
                continue;
            }
            if (item.equalsIgnoreCase("default")) {
                out.addAll(defaults);
            } else {
                out.add(item.strip());
            }
        }
        return out;
    }

    static String expandHome(String path) {
        if (path.equals("~") || path.startsWith("~/") || path.startsWith("~\\")) {
            return System.getProperty("user.home") + path.substring(1);
        }
        return path;
    }

    private static Path optionalPath(String value) {
        if (value == null || value.isBlank() || value.strip().equalsIgnoreCase("none")) {
            return null;
        }
        return Path.of(expandHome(value.strip())).toAbsolutePath().normalize();
    }

    /** Checks and applies the settings at start-up, so a bad one stops the bridge with a clear message. */
    public void init() {
        CommandPolicy.Mode mode = switch (policy.strip().toLowerCase(Locale.ROOT)) {
            case "allowlist", "" -> CommandPolicy.Mode.ALLOWLIST;
            case "blocklist" -> CommandPolicy.Mode.BLOCKLIST;
            default -> throw new IllegalArgumentException("win-cli.policy must be allowlist or blocklist, not '"
                    + policy + "'");
        };
        List<String> blockedArgs = list(blockedArguments, mode == CommandPolicy.Mode.BLOCKLIST
                ? CommandNames.WIN_CLI_BLOCKED_ARGUMENTS : List.of());
        List<String> operators = new ArrayList<>();
        for (String op : allowedOperators == null ? new String[0] : allowedOperators.strip().split("[,\\s]+")) {
            if (!op.isBlank() && !op.equalsIgnoreCase("none")) {
                operators.add(op);
            }
        }
        try {
            commandPolicy = new CommandPolicy(mode, list(allowedCommands, CommandNames.DEFAULT_ALLOWED),
                    list(blockedCommands, CommandNames.DEFAULT_BLOCKED), blockedArgs, enableInjectionProtection,
                    operators, maxCommandLength);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("win-cli." + e.getMessage());
        }
        commandTimeoutMillis = seconds("commandTimeout", commandTimeout, 30_000);
        sshTimeoutMillis = seconds("sshCommandTimeout", sshCommandTimeout, 30_000);
        shells();
        directories();
        containment = Containment.create(sandbox, sandboxNetwork, guard.roots(), baseEnvironment.get().get("PATH"),
                windows);
        history = new CommandHistory(maxHistorySize);
        audit = new AuditLog(optionalPath(auditLog), secrets);
        secrets.addLookingSecret(baseEnvironment.get());
        Path connectionsFile = optionalPath(sshConnectionsFile);
        if (connectionsFile == null) {
            throw new IllegalArgumentException("win-cli.sshConnectionsFile must name a file");
        }
        connections = new SshConnections(connectionsFile, secrets, baseEnvironment.get(), sshKeepaliveInterval,
                sshKeepaliveCountMax, sshReadyTimeout);
        String hostKeys = sshHostKeyPolicy.strip().toLowerCase(Locale.ROOT);
        if (!hostKeys.equals("strict") && !hostKeys.equals("accept-new")) {
            throw new IllegalArgumentException("win-cli.sshHostKeyPolicy must be strict or accept-new, not '"
                    + sshHostKeyPolicy + "'");
        }
        Path knownHosts = optionalPath(sshKnownHosts);
        if (knownHosts == null) {
            throw new IllegalArgumentException("win-cli.sshKnownHosts must name a known_hosts file");
        }
        pool = new SshPool(knownHosts, hostKeys.equals("accept-new"));
        if (sshEnabled) {
            // Registers the stored passwords as secrets now, so they are masked from the first call on.
            try {
                connections.all();
            } catch (ToolException e) {
                throw new IllegalArgumentException("win-cli.sshConnectionsFile: " + e.getMessage());
            }
        }
    }

    private void shells() {
        Map<String, String> paths = new LinkedHashMap<>();
        for (String entry : shellPaths == null ? new String[0] : shellPaths.split("[\\n,]")) {
            if (entry.isBlank()) {
                continue;
            }
            int eq = entry.indexOf('=');
            if (eq <= 0 || Shell.byId(entry.substring(0, eq)).isEmpty()) {
                throw new IllegalArgumentException("win-cli.shellPaths: '" + entry.strip() + "' is not shell=path "
                        + "(shells: bash, sh, gitbash, powershell, pwsh, cmd)");
            }
            paths.put(Shell.byId(entry.substring(0, eq)).get().id(), entry.substring(eq + 1).strip());
        }
        String pathVariable = baseEnvironment.get().get("PATH");
        if (pathVariable == null) {
            pathVariable = baseEnvironment.get().get("Path");
        }
        String wanted = shells == null ? "" : shells.strip().toLowerCase(Locale.ROOT);
        List<Shell> candidates = new ArrayList<>();
        if (wanted.equals("auto")) {
            candidates.addAll(List.of(Shell.values()));
        } else if (!wanted.isEmpty() && !wanted.equals("none")) {
            for (String id : wanted.split("[,\\s]+")) {
                candidates.add(Shell.byId(id).orElseThrow(() -> new IllegalArgumentException("win-cli.shells: '"
                        + id + "' is not a shell (bash, sh, gitbash, powershell, pwsh, cmd, or auto, none)")));
            }
        }
        for (Shell s : candidates) {
            enabled.add(s);
            s.locate(paths.get(s.id()), pathVariable).ifPresent(p -> available.put(s, p));
        }
    }

    private void directories() {
        List<String> dirs = new ArrayList<>();
        if (allowedPaths != null) {
            for (String line : allowedPaths.split("\n")) {
                for (String part : line.split(java.io.File.pathSeparator)) {
                    if (!part.isBlank()) {
                        dirs.add(part.strip());
                    }
                }
            }
        }
        // The start directory is the default working directory, so it is always allowed.
        defaultDirectory = startDirectory;
        dirs.add(0, startDirectory.toString());
        boolean rules = windowsRules == null || windowsRules.isBlank() || windowsRules.strip().equalsIgnoreCase("auto")
                ? windows : Boolean.parseBoolean(windowsRules.strip());
        try {
            guard = PathGuard.of(dirs, rules);
            defaultDirectory = startDirectory.toRealPath();
        } catch (ToolException | IOException e) {
            throw new IllegalArgumentException("win-cli.allowedPaths: " + e.getMessage());
        }
    }

    /** Stops the SSH client; called when Camel stops. */
    public void close() {
        if (pool != null) {
            pool.close();
        }
    }

    // ---- tools ----

    public Object executeCommand(Map<String, Object> args, @ExchangeProperty(ToolCallContext.PROPERTY) ToolCallContext ctx) {
        String shellId = text(args, "shell");
        String command = text(args, "command");
        String workingDir = text(args, "workingDir");
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("tool", "execute_command");
        entry.put("shell", shellId);
        entry.put("command", command);
        Shell shell = Shell.byId(shellId == null ? "" : shellId).orElse(null);
        if (shell == null || !available.containsKey(shell)) {
            throw refused(entry, new ToolException("Shell '" + shellId + "' is not available here (available: "
                    + String.join(", ", available.keySet().stream().map(Shell::id).toList())
                    + (available.isEmpty() ? "none: set win-cli.shells" : "") + ")"));
        }
        ParsedLine parsed;
        Path dir;
        HeldDirectory held;
        try {
            parsed = commandPolicy.check(shell.dialect(), command);
            dir = workingDirectory(workingDir);
            held = windows ? new HeldDirectory(dir, null) : HeldDirectory.of(dir);
        } catch (ToolException e) {
            throw refused(entry, e);
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
            ToolException failure = new ToolException("the command could not be started ("
                    + e.getClass().getSimpleName() + ")");
            entry.put("blocked", false);
            entry.put("why", failure.getMessage());
            record(entry, failure.getMessage(), null);
            throw failure;
        } catch (ToolException e) {
            entry.put("blocked", false);
            entry.put("why", e.getMessage());
            record(entry, e.getMessage(), null);
            throw e;
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
        String text = describe(o.exitCode(), o.stdout(), o.stderr(), o.timedOut(), commandTimeoutMillis, o.killed(),
                o.strays()) + "\n[exit code " + (o.exitCode() == null ? "none" : o.exitCode()) + " · "
                + o.durationMs() + " ms · " + shell.id() + " · " + dir + "]";
        entry.put("exitCode", o.exitCode());
        entry.put("durationMs", o.durationMs());
        entry.put("timedOut", o.timedOut() ? Boolean.TRUE : null);
        entry.put("blocked", false);
        record(entry, text, o.exitCode());
        return result(secrets.redact(text), data, o.timedOut() || o.exitCode() == null || o.exitCode() != 0);
    }

    public TextResult getCommandHistory(Map<String, Object> args) {
        if (!logCommands) {
            return new TextResult("Command history is disabled in configuration (win-cli.logCommands).",
                    Map.of("history", List.of()));
        }
        int limit = 10;
        Object l = args == null ? null : args.get("limit");
        if (l instanceof Number n) {
            limit = (int) Math.max(1, Math.min(n.longValue(), history.cap()));
        }
        List<Map<String, Object>> entries = history.last(limit);
        return new TextResult(json(entries), Map.of("history", entries));
    }

    public String getCurrentDirectory() {
        return defaultDirectory.toString();
    }

    public Object sshExecute(Map<String, Object> args, @ExchangeProperty(ToolCallContext.PROPERTY) ToolCallContext ctx) {
        requireSsh();
        String id = text(args, "connectionId");
        String command = text(args, "command");
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("tool", "ssh_execute");
        entry.put("connectionId", id);
        entry.put("command", command);
        SshConnections.Target target;
        try {
            target = connections.target(id);
            entry.put("shell", target.shell().id());
            commandPolicy.check(target.shell().dialect(), command);
        } catch (ToolException e) {
            throw refused(entry, e);
        }
        long timeout = target.commandTimeoutMillis() != null ? target.commandTimeoutMillis() : sshTimeoutMillis;
        SshPool.Result r;
        try {
            r = pool.exec(target, command, timeout, maxOutputBytes, () -> ctx != null && ctx.cancelled());
        } catch (ToolException e) {
            entry.put("blocked", false);
            entry.put("why", e.getMessage());
            record(entry, e.getMessage(), null);
            throw e;
        }
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("exitCode", r.exitCode());
        data.put("stdout", secrets.redact(r.stdout()));
        data.put("stderr", secrets.redact(r.stderr()));
        data.put("durationMs", r.durationMs());
        data.put("connectionId", id);
        data.put("shell", target.shell().id());
        data.put("timedOut", r.timedOut());
        data.put("truncated", r.truncated());
        data.put("reusedConnection", r.reused());
        data.put("remoteKilled", r.killed());
        String text = describe(r.exitCode(), r.stdout(), r.stderr(), r.timedOut(), timeout,
                Boolean.FALSE.equals(r.killed()) ? -2 : -1, 0)
                + "\n[exit code " + (r.exitCode() == null ? "none" : r.exitCode()) + " · " + r.durationMs() + " ms · "
                + id + " (" + target.shell().id() + ")]";
        entry.put("exitCode", r.exitCode());
        entry.put("durationMs", r.durationMs());
        entry.put("timedOut", r.timedOut() ? Boolean.TRUE : null);
        entry.put("blocked", false);
        record(entry, text, r.exitCode());
        return result(secrets.redact(text), data, r.timedOut() || r.exitCode() == null || r.exitCode() != 0);
    }

    public String sshDisconnect(Map<String, Object> args) {
        requireSsh();
        String id = text(args, "connectionId");
        return pool.disconnect(id) ? "Disconnected from " + id : "SSH connection '" + id + "' was not connected";
    }

    public String createSshConnection(Map<String, Object> args) {
        requireSsh();
        String id = text(args, "connectionId");
        connections.create(id, config(args));
        audit.write(Map.of("tool", "create_ssh_connection", "connectionId", id));
        return "SSH connection '" + id + "' created in " + connections.file();
    }

    public TextResult readSshConnections() {
        requireSsh();
        Map<String, Map<String, Object>> masked = connections.masked();
        return new TextResult(secrets.redact(json(masked)), Map.of("connections", masked));
    }

    public String updateSshConnection(Map<String, Object> args) {
        requireSsh();
        String id = text(args, "connectionId");
        connections.update(id, config(args));
        pool.drop(id);
        audit.write(Map.of("tool", "update_ssh_connection", "connectionId", id));
        return "SSH connection '" + id + "' updated in " + connections.file();
    }

    public String deleteSshConnection(Map<String, Object> args) {
        requireSsh();
        String id = text(args, "connectionId");
        connections.delete(id);
        pool.drop(id);
        audit.write(Map.of("tool", "delete_ssh_connection", "connectionId", id));
        return "SSH connection '" + id + "' deleted from " + connections.file();
    }

    // ---- resources ----

    public String configResource() {
        Map<String, Object> security = new LinkedHashMap<>(commandPolicy.describe());
        security.put("allowedPaths", guard.roots().stream().map(Path::toString).toList());
        security.put("restrictWorkingDirectory", restrictWorkingDirectory);
        security.put("logCommands", logCommands);
        security.put("maxHistorySize", maxHistorySize);
        security.put("commandTimeout", commandTimeoutMillis / 1000.0);
        security.put("maxOutputBytes", maxOutputBytes);
        security.put("auditLog", audit.file() == null ? null : audit.file().toString());
        security.put("containment", containment.describe());
        Map<String, Object> shellInfo = new LinkedHashMap<>();
        for (Shell s : Shell.values()) {
            Map<String, Object> info = new LinkedHashMap<>();
            info.put("enabled", enabled.contains(s));
            info.put("available", available.containsKey(s));
            Path exe = available.get(s);
            info.put("command", exe == null ? null : exe.toString());
            info.put("args", s.argv("", "<command>", false).subList(1, s.argv("", "<command>", false).size()));
            shellInfo.put(s.id(), info);
        }
        Map<String, Object> ssh = new LinkedHashMap<>();
        ssh.put("enabled", sshEnabled);
        int count = 0;
        if (sshEnabled) {
            try {
                count = connections.all().size();
            } catch (ToolException e) {
                count = -1;
            }
        }
        ssh.put("connections", count);
        Map<String, Object> all = new LinkedHashMap<>();
        all.put("security", security);
        all.put("shells", shellInfo);
        all.put("ssh", ssh);
        return secrets.redact(json(all));
    }

    public String currentDirResource() {
        return defaultDirectory.toString();
    }

    public String sshConfigResource() {
        Map<String, Object> ssh = new LinkedHashMap<>();
        ssh.put("enabled", sshEnabled);
        ssh.put("connectionsFile", connections.file().toString());
        ssh.put("knownHosts", optionalPath(sshKnownHosts).toString());
        ssh.put("hostKeyPolicy", sshHostKeyPolicy.strip().toLowerCase(Locale.ROOT));
        ssh.put("defaultTimeout", sshTimeoutMillis / 1000.0);
        ssh.put("keepaliveInterval", sshKeepaliveInterval);
        ssh.put("keepaliveCountMax", sshKeepaliveCountMax);
        ssh.put("readyTimeout", sshReadyTimeout);
        Map<String, Map<String, Object>> masked = Map.of();
        if (sshEnabled) {
            try {
                masked = connections.masked();
            } catch (ToolException e) {
                ssh.put("error", e.getMessage());
            }
        }
        ssh.put("connections", masked);
        return secrets.redact(json(ssh));
    }

    // ---- helpers ----

    private void requireSsh() {
        if (!sshEnabled) {
            throw new ToolException("SSH support is disabled in configuration (win-cli.sshEnabled)");
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> config(Map<String, Object> args) {
        Object c = args.get("connectionConfig");
        if (!(c instanceof Map<?, ?>)) {
            throw new ToolException("connectionConfig is required");
        }
        return new LinkedHashMap<>((Map<String, Object>) c);
    }

    /** The working directory: given (relative ones against the start directory) or the start directory. */
    Path workingDirectory(String requested) {
        if (requested == null || requested.isBlank()) {
            return defaultDirectory;
        }
        if (!restrictWorkingDirectory) {
            Path p = defaultDirectory.resolve(expandHome(requested.strip())).normalize();
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
        return new ChildEnvironment(list(passEnvironment, List.of()), secrets).from(baseEnvironment.get());
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

    private RuntimeException refused(Map<String, Object> entry, ToolException e) {
        entry.put("blocked", true);
        entry.put("why", e instanceof Refusal r ? r.reason() : e.getMessage());
        record(entry, e.getMessage(), null);
        return e;
    }

    private void record(Map<String, Object> entry, String output, Integer exitCode) {
        audit.write(entry);
        if (logCommands) {
            Map<String, Object> h = new LinkedHashMap<>();
            h.put("command", secrets.redact(String.valueOf(entry.get("command"))));
            if (entry.get("connectionId") != null) {
                h.put("connectionId", entry.get("connectionId"));
            }
            if (entry.get("shell") != null) {
                h.put("shell", entry.get("shell"));
            }
            if (entry.get("dir") != null) {
                h.put("workingDirectory", entry.get("dir"));
            }
            String out = output == null ? "" : secrets.redact(output);
            h.put("output", out.length() > 1000 ? out.substring(0, 1000) : out);
            h.put("timestamp", Instant.now().toString());
            h.put("exitCode", exitCode == null ? -1 : exitCode);
            if (Boolean.TRUE.equals(entry.get("blocked"))) {
                h.put("blocked", true);
            }
            history.add(h);
        }
    }

    static String describe(Integer exitCode, String stdout, String stderr, boolean timedOut, long timeoutMillis,
            int killed, int strays) {
        StringBuilder b = new StringBuilder();
        if (timedOut) {
            b.append("Command timed out after ").append(human(timeoutMillis));
            if (killed >= 0) {
                b.append("; the process and its ").append(Math.max(0, killed - 1)).append(" child process")
                        .append(killed - 1 == 1 ? " were" : "es were").append(" killed");
            } else if (killed == -1) {
                b.append("; the remote command was killed and its channel closed");
            } else {
                b.append("; its channel was closed, but the server refused to signal the command (OpenSSH "
                        + "refuses signals for root logins; use a non-root user, or pty: true), so it may still "
                        + "be running");
            }
            b.append(killed >= 0 ? " (commandTimeout)." : " (sshCommandTimeout, or the connection's commandTimeout).");
            if (!stdout.isEmpty()) {
                b.append("\nStandard output so far:\n").append(stdout);
            }
            if (!stderr.isEmpty()) {
                b.append("\nError output so far:\n").append(stderr);
            }
        } else if (exitCode != null && exitCode == 0) {
            if (stdout.isEmpty() && stderr.isEmpty()) {
                b.append("Command completed successfully (no output)");
            } else {
                b.append(stdout);
                if (!stderr.isEmpty()) {
                    b.append(stdout.isEmpty() || stdout.endsWith("\n") ? "" : "\n").append("[stderr]\n").append(stderr);
                }
            }
        } else {
            b.append("Command failed with exit code ").append(exitCode).append('\n');
            if (!stderr.isEmpty()) {
                b.append("Error output:\n").append(stderr).append(stderr.endsWith("\n") ? "" : "\n");
            }
            if (!stdout.isEmpty()) {
                b.append("Standard output:\n").append(stdout);
            }
            if (stderr.isEmpty() && stdout.isEmpty()) {
                b.append("No error message or output was provided");
            }
        }
        if (strays > 0) {
            b.append(b.charAt(b.length() - 1) == '\n' ? "" : "\n").append("(").append(strays)
                    .append(" background process").append(strays == 1 ? "" : "es")
                    .append(" left running by the command ").append(strays == 1 ? "was" : "were").append(" stopped)");
        }
        String text = b.toString();
        return text.endsWith("\n") ? text.substring(0, text.length() - 1) : text;
    }

    private static String human(long millis) {
        return millis % 1000 == 0 ? millis / 1000 + " s" : millis + " ms";
    }

    private static Object result(String text, Map<String, Object> data, boolean error) {
        if (!error) {
            return new TextResult(text, data);
        }
        Object structured = new ObjectMapper().convertValue(data, Object.class);
        return McpSchema.CallToolResult.builder().addTextContent(text).structuredContent(structured).isError(true)
                .build();
    }

    private static String text(Map<String, Object> args, String key) {
        Object v = args == null ? null : args.get(key);
        return v == null ? null : String.valueOf(v);
    }

    private static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
