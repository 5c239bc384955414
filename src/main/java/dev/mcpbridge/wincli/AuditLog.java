package dev.mcpbridge.wincli;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mcpbridge.core.spi.Secrets;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The audit trail: one JSON object per line for every command, run or refused — time, tool, shell or connection,
 * command, directory, exit code, duration, blocked and why — with the bridge's secrets redacted. The file is
 * created readable by its owner only, and each line is written and flushed whole.
 */
final class AuditLog {

    private static final Logger LOG = LoggerFactory.getLogger("mcp-bridge.win-cli.audit");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path file;
    private final Secrets secrets;
    private boolean warned;

    /** @param file null for no audit file */
    AuditLog(Path file, Secrets secrets) {
        this.file = file;
        this.secrets = secrets;
        if (file != null) {
            try {
                Path parent = file.toAbsolutePath().getParent();
                if (parent != null) {
                    Files.createDirectories(parent);
                }
                if (!Files.exists(file)) {
                    Files.createFile(file);
                    try {
                        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
                    } catch (UnsupportedOperationException e) {
                        // not a POSIX file system
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException("win-cli.auditLog: cannot create " + file + ": " + e.getMessage(), e);
            }
        }
    }

    Path file() {
        return file;
    }

    /** One entry; values are redacted, nulls left out. */
    synchronized void write(Map<String, Object> entry) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("time", Instant.now().toString());
        entry.forEach((k, v) -> {
            if (v != null) {
                line.put(k, v instanceof String text ? secrets.redact(text) : v);
            }
        });
        if (LOG.isDebugEnabled()) {
            LOG.debug("{}", line);
        }
        if (file == null) {
            return;
        }
        try {
            Files.write(file, (JSON.writeValueAsString(line) + "\n").getBytes(StandardCharsets.UTF_8),
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND, StandardOpenOption.WRITE);
        } catch (IOException e) {
            if (!warned) {
                warned = true;
                LOG.warn("win-cli: cannot write the audit log {}: {}", file, e.getMessage());
            }
        }
    }
}
