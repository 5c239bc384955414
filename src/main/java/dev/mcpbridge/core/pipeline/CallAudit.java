package dev.mcpbridge.core.pipeline;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.mcpbridge.core.config.ConfigException;
import dev.mcpbridge.core.spi.Secrets;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one audit log of every adapter: a JSON line per tool call — time, client, caller, adapter, tool, a SHA-256 digest of
 * the arguments (never their values, so no secret argument can be read back), outcome, error kind, duration — written where {@code MCP_BRIDGE_AUDIT_LOG} (or
 * {@code auditLog:} in the configuration file) says. The file is made readable by its owner only; each line is
 * appended whole by one writer. The route sends it a copy of the exchange (wireTap), so the caller never waits
 * for the disk.
 */
public final class CallAudit implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger("mcp-bridge.audit");
    private static final ObjectMapper JSON = new ObjectMapper().configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);

    private final Path file;
    private final Secrets secrets;
    private final FileChannel channel;
    private boolean warned;

    /** @param file the audit file, or null for none */
    public CallAudit(Path file, Secrets secrets) {
        this.file = file;
        this.secrets = secrets;
        this.channel = file == null ? null : open(file);
    }

    private static FileChannel open(Path file) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            if (!Files.exists(file)) {
                try {
                    Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
                } catch (UnsupportedOperationException notPosix) {
                    Files.createFile(file);
                }
            }
            return FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new ConfigException("auditLog: cannot write " + file + " (" + e.getMessage()
                    + "); give a writable file in MCP_BRIDGE_AUDIT_LOG or auditLog:");
        }
    }

    public boolean enabled() {
        return channel != null;
    }

    /** Step of the audit route: one line for the call the exchange carries. */
    public void write(Exchange exchange) {
        if (channel == null) {
            return;
        }
        CallRecord call = CallRecord.of(exchange);
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("time", call.start().toString());
        line.put("client", secrets.redact(call.client()));
        line.put("caller", secrets.redact(call.caller()));
        line.put("adapter", call.adapter());
        line.put("tool", call.tool());
        line.put("arguments_sha256", digest(call.arguments()));
        line.put("outcome", call.outcome().label());
        if (call.errorType() != null) {
            line.put("error", call.errorType());
        }
        line.put("duration_ms", call.durationNanos() / 1_000_000);
        append(line);
    }

    private synchronized void append(Map<String, Object> line) {
        try {
            ByteBuffer bytes = ByteBuffer.wrap((JSON.writeValueAsString(line) + "\n").getBytes(StandardCharsets.UTF_8));
            while (bytes.hasRemaining()) {
                channel.write(bytes);
            }
        } catch (IOException e) {
            if (!warned) {
                warned = true;
                LOG.warn("cannot write the audit log {}: {}", file, e.getMessage());
            }
        }
    }

    /** The digest of the arguments' canonical JSON (keys sorted), so equal calls have equal digests. */
    static String digest(Object arguments) {
        try {
            byte[] json = JSON.writeValueAsBytes(arguments == null ? Map.of() : arguments);
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(json));
        } catch (IOException | NoSuchAlgorithmException e) {
            return "unavailable";
        }
    }

    @Override
    public synchronized void close() {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException e) {
                LOG.debug("audit log did not close cleanly", e);
            }
        }
    }
}
