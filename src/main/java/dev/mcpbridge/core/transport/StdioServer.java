package dev.mcpbridge.core.transport;

import dev.mcpbridge.core.mcp.CancellableSessionProvider;
import dev.mcpbridge.core.mcp.McpServerFactory;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.server.McpAsyncServer;
import io.modelcontextprotocol.server.transport.StdioServerTransportProvider;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves MCP over stdin/stdout. Lines are checked before the SDK sees them (a malformed one gets a JSON-RPC error
 * and the session goes on); stdout carries nothing but protocol lines; {@link #run} returns soon after stdin ends.
 */
public final class StdioServer {

    private static final Logger LOG = LoggerFactory.getLogger(StdioServer.class);
    private static final int PIPE_BUFFER = 1 << 20;

    private final McpServerFactory factory;
    private final McpJsonMapper json;

    public StdioServer(McpServerFactory factory, McpJsonMapper json) {
        this.factory = factory;
        this.json = json;
    }

    /**
     * After stdin ends, requests already read still get their answers (a client may write its last request and
     * close at once), but the process never lingers: at most {@link #DRAIN_MILLIS}.
     */
    private static void awaitAnswers(LineWriter writer, int requests) {
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.MILLISECONDS.toNanos(DRAIN_MILLIS);
        while (writer.responses() < requests && System.nanoTime() < deadline) {
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private static final long DRAIN_MILLIS = 700;

    /** Serves until {@code in} ends. */
    public void run(McpServerFactory.Served served, InputStream in, OutputStream out) throws IOException {
        LineWriter writer = new LineWriter(out);
        PipedOutputStream toSdk = new PipedOutputStream();
        PipedInputStream sdkInput = new PipedInputStream(toSdk, PIPE_BUFFER);
        StdioServerTransportProvider transport = new StdioServerTransportProvider(json, sdkInput, writer);
        McpAsyncServer server = factory.build(new CancellableSessionProvider(transport), served);
        InboundLineCheck check = new InboundLineCheck();
        int requests = 0;
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                if (line.isBlank()) {
                    continue;
                }
                String error = check.check(line);
                if (error != null) {
                    writer.writeLine(error);
                    continue;
                }
                if (line.contains("\"method\"") && line.contains("\"id\"")) {
                    requests++;
                }
                toSdk.write((line + "\n").getBytes(StandardCharsets.UTF_8));
                toSdk.flush();
            }
        } finally {
            LOG.debug("stdin closed; shutting down");
            // The SDK closes its session as soon as its input ends: answer what was asked first.
            awaitAnswers(writer, requests);
            toSdk.close();
            try {
                server.closeGracefully().block(Duration.ofMillis(500));
            } catch (RuntimeException e) {
                LOG.debug("server did not close gracefully", e);
            }
        }
    }
}
