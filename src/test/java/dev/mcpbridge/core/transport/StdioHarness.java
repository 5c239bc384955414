package dev.mcpbridge.core.transport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mcpbridge.core.app.Bridge;
import io.modelcontextprotocol.json.McpJsonDefaults;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A stdio session driven in-process through pipes, as a client would drive the process: lines written to its stdin,
 * every stdout line handed over as it is written (no polling), and the end of the session observed as
 * {@link StdioServer#run} returning.
 */
final class StdioHarness implements AutoCloseable {

    static final ObjectMapper JSON = new ObjectMapper();
    /** Generous: only a broken server waits this long; a working one answers at once. */
    private static final long PATIENCE_SECONDS = 60;

    private final Bridge bridge;
    private final PipedOutputStream stdin = new PipedOutputStream();
    private final BlockingQueue<String> stdout = new LinkedBlockingQueue<>();
    private final List<String> seen = new ArrayList<>();
    private final CompletableFuture<Void> serving;

    StdioHarness(Bridge bridge) {
        this(bridge, StdioServer.DEFAULT_MAX_LINE_BYTES);
    }

    StdioHarness(Bridge bridge, int maxLineBytes) {
        this.bridge = bridge;
        PipedInputStream in;
        try {
            in = new PipedInputStream(stdin, 1 << 16);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        StdioServer server = new StdioServer(bridge.serverFactory(), McpJsonDefaults.getMapper(), maxLineBytes);
        OutputStream out = new LineSplitter(stdout);
        serving = CompletableFuture.runAsync(() -> server.run(bridge.all(), in, out));
    }

    void send(String line) {
        sendRaw((line + "\n").getBytes(StandardCharsets.UTF_8));
    }

    void sendRaw(byte[] bytes) {
        try {
            stdin.write(bytes);
            stdin.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void initialize(String capabilities) {
        send("{\"jsonrpc\":\"2.0\",\"id\":\"init\",\"method\":\"initialize\",\"params\":{\"protocolVersion\":"
                + "\"2025-06-18\",\"capabilities\":" + capabilities + ",\"clientInfo\":{\"name\":\"test\",\"version\":\"1\"}}}");
        next(n -> "init".equals(n.path("id").asText()));
        send("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}");
    }

    void initialize() {
        initialize("{}");
    }

    static String call(Object id, String tool, String arguments) {
        return "{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"method\":\"tools/call\",\"params\":{\"name\":\"" + tool
                + "\",\"arguments\":" + arguments + "}}";
    }

    /** The next stdout line that matches, skipping (and keeping) the others. */
    JsonNode next(Predicate<JsonNode> wanted) {
        while (true) {
            String line;
            try {
                line = stdout.poll(PATIENCE_SECONDS, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted");
            }
            if (line == null) {
                throw new AssertionError("no such line within " + PATIENCE_SECONDS + " s; seen: " + seen);
            }
            seen.add(line);
            JsonNode node = parse(line);
            if (wanted.test(node)) {
                return node;
            }
        }
    }

    JsonNode answer(int id) {
        return next(n -> n.path("id").isInt() && n.path("id").asInt() == id);
    }

    /** Closes stdin, waits for the server to end, and gives every line written since the last read. */
    List<JsonNode> endInput() {
        try {
            stdin.close();
            serving.get(PATIENCE_SECONDS * 3, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("the server did not end after stdin closed", e);
        }
        List<JsonNode> rest = new ArrayList<>();
        for (String line; (line = stdout.poll()) != null; ) {
            seen.add(line);
            rest.add(parse(line));
        }
        return rest;
    }

    /** Every line written so far, raw. */
    List<String> seen() {
        return seen;
    }

    private static JsonNode parse(String line) {
        try {
            return JSON.readTree(line);
        } catch (IOException e) {
            throw new AssertionError("stdout line is not JSON: " + line, e);
        }
    }

    @Override
    public void close() {
        try {
            stdin.close();
        } catch (IOException ignored) {
            // already closed
        }
        serving.orTimeout(PATIENCE_SECONDS, TimeUnit.SECONDS).exceptionally(e -> null).join();
        bridge.close();
    }

    /** Hands each complete line to the queue. */
    private static final class LineSplitter extends OutputStream {
        private final BlockingQueue<String> lines;
        private final ByteArrayOutputStream pending = new ByteArrayOutputStream();

        LineSplitter(BlockingQueue<String> lines) {
            this.lines = lines;
        }

        @Override
        public synchronized void write(int b) {
            if (b == '\n') {
                lines.add(pending.toString(StandardCharsets.UTF_8));
                pending.reset();
            } else {
                pending.write(b);
            }
        }

        @Override
        public synchronized void write(byte[] b, int off, int len) {
            for (int i = off; i < off + len; i++) {
                write(b[i]);
            }
        }
    }
}
