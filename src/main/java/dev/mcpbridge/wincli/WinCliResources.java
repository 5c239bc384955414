package dev.mcpbridge.wincli;

import dev.mcpbridge.core.spi.Secrets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** The win-cli resources that show the configuration in effect across its parts (cli://config, cli://currentdir). */
public class WinCliResources {

    private final Secrets secrets;
    private final CommandRules rules;
    private final CommandLog log;
    private final LocalCommands local;
    private final SshCommands ssh;

    public WinCliResources(Secrets secrets, CommandRules rules, CommandLog log, LocalCommands local, SshCommands ssh) {
        this.secrets = secrets;
        this.rules = rules;
        this.log = log;
        this.local = local;
        this.ssh = ssh;
    }

    /** cli://config: the command policy, shells, paths and limits in effect (no secrets). */
    public String configResource() {
        Map<String, Object> security = new LinkedHashMap<>(rules.describe());
        security.put("allowedPaths", local.allowedPaths().stream().map(Path::toString).toList());
        security.put("restrictWorkingDirectory", local.restrictWorkingDirectory());
        security.put("logCommands", log.logCommands());
        security.put("maxHistorySize", log.maxHistorySize());
        security.put("commandTimeout", local.commandTimeoutMillis() / 1000.0);
        security.put("maxOutputBytes", local.maxOutputBytes());
        security.put("auditLog", log.auditFile() == null ? null : log.auditFile().toString());
        security.put("containment", local.containment().describe());
        Map<String, Object> shellInfo = new LinkedHashMap<>();
        for (Shell s : Shell.values()) {
            Map<String, Object> info = new LinkedHashMap<>();
            info.put("enabled", local.enabled(s));
            Path exe = local.executable(s);
            info.put("available", exe != null);
            info.put("command", exe == null ? null : exe.toString());
            info.put("args", s.argv("", "<command>", false).subList(1, s.argv("", "<command>", false).size()));
            shellInfo.put(s.id(), info);
        }
        Map<String, Object> sshInfo = new LinkedHashMap<>();
        sshInfo.put("enabled", ssh.enabled());
        sshInfo.put("connections", ssh.connectionCount());
        Map<String, Object> all = new LinkedHashMap<>();
        all.put("security", security);
        all.put("shells", shellInfo);
        all.put("ssh", sshInfo);
        return secrets.redact(CommandResults.json(all));
    }

    /** cli://currentdir: the start directory, the default working directory. */
    public String currentDirResource() {
        return local.defaultDirectory().toString();
    }
}
