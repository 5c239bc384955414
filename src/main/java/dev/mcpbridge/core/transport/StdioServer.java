package dev.mcpbridge.core.transport;

import dev.mcpbridge.core.mcp.McpServerFactory;
import dev.mcpbridge.core.registry.RegisteredTool;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.server.McpAsyncServer;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves MCP over stdin/stdout with {@link StdioTransport}: stdout carries nothing but protocol lines, and
 * {@link #run} returns as soon as the last request read has been answered after stdin ends.
 */
public final class StdioServer {

    private static final Logger LOG = LoggerFactory.getLogger(StdioServer.class);

    /** Default cap on one stdin line: far above any real request, far below what would hurt memory. */
    public static final int DEFAULT_MAX_LINE_BYTES = 8 * 1024 * 1024;

    /** Beyond the longest tool timeout, the time a timed-out call needs to be answered. */
    private static final Duration DRAIN_SLACK = Duration.ofSeconds(30);

    private final McpServerFactory factory;
    private final McpJsonMapper json;
    private final int maxLineBytes;

    public StdioServer(McpServerFactory factory, McpJsonMapper json) {
        this(factory, json, DEFAULT_MAX_LINE_BYTES);
    }

    public StdioServer(McpServerFactory factory, McpJsonMapper json, int maxLineBytes) {
        this.factory = factory;
        this.json = json;
        this.maxLineBytes = maxLineBytes;
    }

    /** Serves until {@code in} ends and every request read from it has been answered. */
    public void run(McpServerFactory.Served served, InputStream in, OutputStream out) {
        run(served, in, out, () -> {
        });
    }

    /**
     * @param backendStart starts what serves the calls; run once the first answer is written, or as soon as a
     *     request needs it (see {@link StdioTransport})
     */
    public void run(McpServerFactory.Served served, InputStream in, OutputStream out, Runnable backendStart) {
        StdioTransport transport = new StdioTransport(json, in, out, maxLineBytes, drainLimit(served),
                backendStart);
        McpAsyncServer server = factory.build(transport, served);
        transport.statelessEra(factory.buildStatelessEra(served));
        transport.unknownTools(factory.unknownTools(served));
        try {
            transport.serve();
        } finally {
            try {
                server.closeGracefully().block(Duration.ofSeconds(1));
            } catch (RuntimeException e) {
                LOG.debug("server did not close gracefully", e);
            }
        }
    }

    private static Duration drainLimit(McpServerFactory.Served served) {
        Duration longest = served.registry().tools().stream().map(RegisteredTool::timeout)
                .max(Duration::compareTo).orElse(Duration.ofSeconds(60));
        return longest.plus(DRAIN_SLACK);
    }
}
