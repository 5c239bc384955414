package dev.mcpbridge.wincli;

import dev.mcpbridge.core.spi.Arguments;
import dev.mcpbridge.core.spi.Secrets;
import dev.mcpbridge.core.spi.TextResult;
import dev.mcpbridge.core.spi.ToolCallContext;
import dev.mcpbridge.core.spi.ToolException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every command, run or refused, local or over SSH: its fields (shell or connection, command, directory, exit code,
 * duration, blocked and why) added to the call's line in the bridge's audit log, and (when logCommands is on) kept
 * in the history that get_command_history reads. Secrets are masked before either sees a command or its output.
 */
public class CommandLog {

    private final Secrets secrets;
    private final boolean logCommands;
    private final int maxHistorySize;
    private final CommandHistory history;
    private final Path auditFile;

    public CommandLog(WinCliSettings settings, Secrets secrets) {
        this.secrets = secrets;
        this.logCommands = settings.logCommands();
        this.maxHistorySize = settings.maxHistorySize();
        this.history = new CommandHistory(maxHistorySize);
        this.auditFile = WinCliValues.optionalPath(settings.auditLog());
    }

    public TextResult getCommandHistory(Arguments args) {
        if (!logCommands) {
            return new TextResult("Command history is disabled in configuration (win-cli.logCommands).",
                    Map.of("history", List.of()));
        }
        int limit = 10;
        Object l = args.asMap().get("limit");
        if (l instanceof Number n) {
            limit = (int) Math.max(1, Math.min(n.longValue(), history.cap()));
        }
        List<Map<String, Object>> entries = history.last(limit);
        return new TextResult(CommandResults.json(entries), Map.of("history", entries));
    }

    /** A refused command: recorded with why, and the refusal returned for the caller to throw. */
    RuntimeException refused(ToolCallContext ctx, Map<String, Object> entry, ToolException e) {
        entry.put("blocked", true);
        entry.put("why", e instanceof Refusal r ? r.reason() : e.getMessage());
        record(ctx, entry, e.getMessage(), null);
        return e;
    }

    void record(ToolCallContext ctx, Map<String, Object> entry, String output, Integer exitCode) {
        if (ctx != null) {
            entry.forEach((field, value) -> {
                if (!"tool".equals(field)) {
                    ctx.audit(field, value);
                }
            });
        }
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

    /** A command that was allowed but could not run (not started, cancelled): recorded, and returned to throw. */
    ToolException failed(ToolCallContext ctx, Map<String, Object> entry, ToolException e) {
        entry.put("blocked", false);
        entry.put("why", e.getMessage());
        record(ctx, entry, e.getMessage(), null);
        return e;
    }

    /** A command that ran, whatever its exit: recorded with its outcome and the text the model reads. */
    void ran(ToolCallContext ctx, Map<String, Object> entry, String text, Integer exitCode, long durationMs,
            boolean timedOut) {
        entry.put("exitCode", exitCode);
        entry.put("durationMs", durationMs);
        entry.put("timedOut", timedOut ? Boolean.TRUE : null);
        entry.put("blocked", false);
        record(ctx, entry, text, exitCode);
    }

    boolean logCommands() {
        return logCommands;
    }

    int maxHistorySize() {
        return maxHistorySize;
    }

    /** The file that gets the audit lines of win-cli's calls (the setting auditLog), or null for none. */
    Path auditFile() {
        return auditFile;
    }
}
