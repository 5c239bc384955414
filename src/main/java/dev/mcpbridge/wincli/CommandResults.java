package dev.mcpbridge.wincli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.mcpbridge.core.spi.Arguments;
import dev.mcpbridge.core.spi.TextResult;
import dev.mcpbridge.core.spi.ToolResult;
import java.util.List;
import java.util.Map;

/** How a command's outcome reads, local or over SSH: the text for the model, and the result that carries it. */
final class CommandResults {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private CommandResults() {
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

    static String human(long millis) {
        return millis % 1000 == 0 ? millis / 1000 + " s" : millis + " ms";
    }

    /** A command that ran but failed is an error that still carries its data. */
    static Object result(String text, Map<String, Object> data, boolean error) {
        if (!error) {
            return new TextResult(text, data);
        }
        return new ToolResult(List.of(new ToolResult.Text(text)), data, true);
    }

    /** An argument as win-cli read it: its text, empty included, or null when absent. */
    static String text(Arguments args, String key) {
        Object v = args == null ? null : args.asMap().get(key);
        return v == null ? null : String.valueOf(v);
    }

    static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
