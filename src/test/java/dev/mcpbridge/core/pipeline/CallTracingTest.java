package dev.mcpbridge.core.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.mcpbridge.core.TestBridges;
import dev.mcpbridge.core.app.Bridge;
import dev.mcpbridge.core.invoke.CallContext;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** A span per call reaches a local OTLP receiver, as a child of the trace context the client sent. */
class CallTracingTest {

    private static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";
    private static final String PARENT = "00-" + TRACE_ID + "-00f067aa0ba902b7-01";

    @Test
    void eachCallExportsOneSpanUnderTheCallersTraceparent() throws Exception {
        List<byte[]> exports = new CopyOnWriteArrayList<>();
        List<String> paths = new CopyOnWriteArrayList<>();
        HttpServer receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/", exchange -> {
            paths.add(exchange.getRequestURI().getPath());
            exports.add(exchange.getRequestBody().readAllBytes());
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        receiver.start();
        try {
            String endpoint = "http://127.0.0.1:" + receiver.getAddress().getPort();
            Bridge bridge = TestBridges.testkit(Map.of("TESTKIT_API_KEY", "sk-test-0123456789",
                    "OTEL_EXPORTER_OTLP_ENDPOINT", endpoint, "OTEL_EXPORTER_OTLP_PROTOCOL", "http/protobuf"), c -> {
                    });
            try {
                bridge.camel().startNow();
                CallToolResult ok = bridge.invoker().call(bridge.registry().find("greet").orElseThrow(),
                        Map.of("name", "Ada"), traced("greet")).block(Duration.ofSeconds(30));
                assertThat(ok.isError()).isFalse();
                CallToolResult refused = TestBridges.call(bridge, "refuse", Map.of());
                assertThat(refused.isError()).isTrue();
            } finally {
                // Closing flushes the batch of spans.
                bridge.close();
            }
            assertThat(paths).isNotEmpty().allMatch("/v1/traces"::equals);
            byte[] all = concat(exports);
            String text = new String(all, StandardCharsets.ISO_8859_1);
            assertThat(text).contains("tools/call greet").contains("tools/call refuse")
                    .contains("gen_ai.tool.name").contains("mcp.bridge.outcome").contains("ToolException");
            // OTLP carries trace ids as raw bytes: the client's trace id is the greet span's.
            assertThat(text).contains(new String(HexFormat.of().parseHex(TRACE_ID), StandardCharsets.ISO_8859_1));
        } finally {
            receiver.stop(0);
        }
    }

    private static CallContext traced(String tool) {
        CallContext detached = CallContext.detached(tool);
        return new CallContext(tool) {
            @Override
            public Map<String, String> traceContext() {
                return Map.of("traceparent", PARENT);
            }

            @Override
            public void progress(double progress, Double total, String message) {
            }

            @Override
            public void log(String level, String message) {
            }

            @Override
            public Map<String, Object> requestFromClient(String method, Map<String, Object> params) {
                return detached.requestFromClient(method, params);
            }

            @Override
            public List<String> roots() {
                return List.of();
            }
        };
    }

    private static byte[] concat(List<byte[]> parts) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        parts.forEach(out::writeBytes);
        return out.toByteArray();
    }
}
