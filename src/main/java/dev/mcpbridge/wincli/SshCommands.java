package dev.mcpbridge.wincli;

import dev.mcpbridge.core.spi.Arguments;
import dev.mcpbridge.core.spi.Secrets;
import dev.mcpbridge.core.spi.SettingsException;
import dev.mcpbridge.core.spi.TextResult;
import dev.mcpbridge.core.spi.ToolCallContext;
import dev.mcpbridge.core.spi.ToolException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Commands over SSH and the stored connections (ssh_execute, ssh_disconnect, create/read/update/delete_ssh_connection):
 * the same {@link CommandRules} and {@link CommandLog} as local commands, host keys checked against known_hosts,
 * connections kept open and reused. Served only when sshEnabled is true.
 */
public class SshCommands implements AutoCloseable {

    private final Secrets secrets;
    private final CommandRules rules;
    private final CommandLog log;
    private final boolean sshEnabled;
    private final long sshTimeoutMillis;
    private final int maxOutputBytes;
    private final String hostKeyPolicy;
    private final Path knownHosts;
    private final long keepaliveInterval;
    private final int keepaliveCountMax;
    private final long readyTimeout;
    private final SshConnections connections;
    private final SshPool pool;

    public SshCommands(WinCliSettings settings, Secrets secrets, CommandRules rules, CommandLog log) {
        this(settings, secrets, rules, log, System.getenv());
    }

    /** For tests: another environment for the SSH client (its agent, its home). */
    SshCommands(WinCliSettings settings, Secrets secrets, CommandRules rules, CommandLog log,
            Map<String, String> environment) {
        this.secrets = secrets;
        this.rules = rules;
        this.log = log;
        this.sshEnabled = settings.sshEnabled();
        this.maxOutputBytes = settings.maxOutputBytes();
        this.sshTimeoutMillis = WinCliValues.seconds("sshCommandTimeout", settings.sshCommandTimeout(), 30_000);
        this.keepaliveInterval = settings.sshKeepaliveInterval();
        this.keepaliveCountMax = settings.sshKeepaliveCountMax();
        this.readyTimeout = settings.sshReadyTimeout();
        Path connectionsFile = WinCliValues.optionalPath(settings.sshConnectionsFile());
        if (connectionsFile == null) {
            throw new SettingsException("sshConnectionsFile", "must name a file");
        }
        connections = new SshConnections(connectionsFile, secrets, environment, keepaliveInterval, keepaliveCountMax,
                readyTimeout);
        hostKeyPolicy = settings.sshHostKeyPolicy().strip().toLowerCase(Locale.ROOT);
        if (!hostKeyPolicy.equals("strict") && !hostKeyPolicy.equals("accept-new")) {
            throw new SettingsException("sshHostKeyPolicy", "must be strict or accept-new, not '"
                    + settings.sshHostKeyPolicy() + "'");
        }
        knownHosts = WinCliValues.optionalPath(settings.sshKnownHosts());
        if (knownHosts == null) {
            throw new SettingsException("sshKnownHosts", "must name a known_hosts file");
        }
        pool = new SshPool(knownHosts, hostKeyPolicy.equals("accept-new"));
        if (sshEnabled) {
            // Registers the stored passwords as secrets now, so they are masked from the first call on.
            try {
                connections.all();
            } catch (ToolException e) {
                throw new SettingsException("sshConnectionsFile", e.getMessage());
            }
        }
    }

    /** Stops the SSH client; called when the bridge stops. */
    @Override
    public void close() {
        pool.close();
    }

    public Object sshExecute(Arguments args, ToolCallContext ctx) {
        requireSsh();
        String id = CommandResults.text(args, "connectionId");
        String command = CommandResults.text(args, "command");
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("tool", "ssh_execute");
        entry.put("connectionId", id);
        entry.put("command", command);
        SshConnections.Target target;
        try {
            target = connections.target(id);
            entry.put("shell", target.shell().id());
            rules.check(target.shell().dialect(), command);
        } catch (ToolException e) {
            throw log.refused(ctx, entry, e);
        }
        long timeout = target.commandTimeoutMillis() != null ? target.commandTimeoutMillis() : sshTimeoutMillis;
        SshPool.Result r;
        try {
            r = pool.exec(target, command, timeout, maxOutputBytes, () -> ctx != null && ctx.cancelled());
        } catch (ToolException e) {
            throw log.failed(ctx, entry, e);
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
        String text = CommandResults.describe(r.exitCode(), r.stdout(), r.stderr(), r.timedOut(), timeout,
                Boolean.FALSE.equals(r.killed()) ? -2 : -1, 0)
                + "\n[exit code " + (r.exitCode() == null ? "none" : r.exitCode()) + " · " + r.durationMs() + " ms · "
                + id + " (" + target.shell().id() + ")]";
        log.ran(ctx, entry, text, r.exitCode(), r.durationMs(), r.timedOut());
        return CommandResults.result(secrets.redact(text), data, r.timedOut() || r.exitCode() == null || r.exitCode() != 0);
    }

    public String sshDisconnect(Arguments args) {
        requireSsh();
        String id = CommandResults.text(args, "connectionId");
        return pool.disconnect(id) ? "Disconnected from " + id : "SSH connection '" + id + "' was not connected";
    }

    public String createSshConnection(Arguments args, ToolCallContext ctx) {
        requireSsh();
        String id = CommandResults.text(args, "connectionId");
        connections.create(id, config(args));
        ctx.audit("connectionId", id);
        return "SSH connection '" + id + "' created in " + connections.file();
    }

    public TextResult readSshConnections() {
        requireSsh();
        Map<String, Map<String, Object>> masked = connections.masked();
        return new TextResult(secrets.redact(CommandResults.json(masked)), Map.of("connections", masked));
    }

    public String updateSshConnection(Arguments args, ToolCallContext ctx) {
        requireSsh();
        String id = CommandResults.text(args, "connectionId");
        connections.update(id, config(args));
        pool.drop(id);
        ctx.audit("connectionId", id);
        return "SSH connection '" + id + "' updated in " + connections.file();
    }

    public String deleteSshConnection(Arguments args, ToolCallContext ctx) {
        requireSsh();
        String id = CommandResults.text(args, "connectionId");
        connections.delete(id);
        pool.drop(id);
        ctx.audit("connectionId", id);
        return "SSH connection '" + id + "' deleted from " + connections.file();
    }

    // ---- what the resources show ----

    boolean enabled() {
        return sshEnabled;
    }

    /** How many connections are stored, or -1 when the file cannot be read. */
    int connectionCount() {
        if (!sshEnabled) {
            return 0;
        }
        try {
            return connections.all().size();
        } catch (ToolException e) {
            return -1;
        }
    }

    public String sshConfigResource() {
        Map<String, Object> ssh = new LinkedHashMap<>();
        ssh.put("enabled", sshEnabled);
        ssh.put("connectionsFile", connections.file().toString());
        ssh.put("knownHosts", knownHosts.toString());
        ssh.put("hostKeyPolicy", hostKeyPolicy);
        ssh.put("defaultTimeout", sshTimeoutMillis / 1000.0);
        ssh.put("keepaliveInterval", keepaliveInterval);
        ssh.put("keepaliveCountMax", keepaliveCountMax);
        ssh.put("readyTimeout", readyTimeout);
        Map<String, Map<String, Object>> masked = Map.of();
        if (sshEnabled) {
            try {
                masked = connections.masked();
            } catch (ToolException e) {
                ssh.put("error", e.getMessage());
            }
        }
        ssh.put("connections", masked);
        return secrets.redact(CommandResults.json(ssh));
    }

    private void requireSsh() {
        if (!sshEnabled) {
            throw new ToolException("SSH support is disabled in configuration (win-cli.sshEnabled)");
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> config(Arguments args) {
        Object c = args.asMap().get("connectionConfig");
        if (!(c instanceof Map<?, ?>)) {
            throw new ToolException("connectionConfig is required");
        }
        return new LinkedHashMap<>((Map<String, Object>) c);
    }

}
