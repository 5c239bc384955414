package dev.mcpbridge.core.pipeline;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.mcpbridge.core.config.ConfigException;
import dev.mcpbridge.core.spi.Secrets;
import dev.mcpbridge.core.spi.ToolCallContext;
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
 * the arguments (never their values, so no secret argument can be read back), outcome, error kind, duration, and the
 * {@code details} the tool added ({@code ToolCallContext.audit}: a shell tool's command and exit code), masked of
 * secrets — written where {@code MCP_BRIDGE_AUDIT_LOG} (or {@code auditLog:} in the configuration file) says, and
 * an adapter's calls also to its own audit file when it declares one (a setting of {@code kind: auditFile}). Files
 * are made readable by their owner only; each line is appended whole by one writer. The route sends it a copy of
 * the exchange (wireTap), so the caller never waits for the disk.
 */
public final class CallAudit implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger("mcp-bridge.audit");
    private static final ObjectMapper JSON = new ObjectMapper().configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);

    private final Secrets secrets;
    /** Each file once, however many adapters (and the bridge) write to it. */
    private final Map<Path, FileChannel> channels = new LinkedHashMap<>();
    /** Where each adapter's lines go; the key null is the bridge's log, for every adapter. */
    private final Map<String, Path> files = new java.util.HashMap<>();
    private final java.util.Set<Path> warned = new java.util.HashSet<>();

    /** @param files the bridge's audit file under the key null, an adapter's own under its name; null files for none */
    public CallAudit(Map<String, Path> files, Secrets secrets) {
        this.secrets = secrets;
        try {
            files.forEach((adapter, file) -> {
                if (file != null) {
                    Path key = file.toAbsolutePath().normalize();
                    this.files.put(adapter, key);
                    if (!channels.containsKey(key)) {
                        channels.put(key, open(key));
                    }
                }
            });
        } catch (RuntimeException e) {
            close();
            throw e;
        }
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
        return !channels.isEmpty();
    }

    /** Step of the audit route: one line for the call the exchange carries. */
    public void write(Exchange exchange) {
        if (channels.isEmpty()) {
            return;
        }
        CallRecord call = CallRecord.of(exchange);
        java.util.Set<Path> targets = new java.util.LinkedHashSet<>();
        if (files.get(null) != null) {
            targets.add(files.get(null));
        }
        if (files.get(call.adapter()) != null) {
            targets.add(files.get(call.adapter()));
        }
        if (targets.isEmpty()) {
            return;
        }
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
        ToolCallContext context = exchange.getProperty(ToolCallContext.PROPERTY, ToolCallContext.class);
        Map<String, Object> details = context == null ? Map.of() : context.audited();
        if (!details.isEmpty()) {
            Map<String, Object> masked = new LinkedHashMap<>();
            details.forEach((k, v) -> masked.put(k, v instanceof String text ? secrets.redact(text) : v));
            line.put("details", masked);
        }
        byte[] bytes;
        try {
            bytes = (JSON.writeValueAsString(line) + "\n").getBytes(StandardCharsets.UTF_8);
        } catch (IOException e) {
            LOG.warn("cannot write an audit line for {}: {}", call.tool(), e.getMessage());
            return;
        }
        targets.forEach(file -> append(file, bytes));
    }

    private synchronized void append(Path file, byte[] line) {
        try {
            ByteBuffer bytes = ByteBuffer.wrap(line);
            FileChannel channel = channels.get(file);
            while (bytes.hasRemaining()) {
                channel.write(bytes);
            }
        } catch (IOException e) {
            if (warned.add(file)) {
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
        for (FileChannel channel : channels.values()) {
            try {
                channel.close();
            } catch (IOException e) {
                LOG.debug("audit log did not close cleanly", e);
            }
        }
    }
}
