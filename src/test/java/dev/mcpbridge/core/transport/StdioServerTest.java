package dev.mcpbridge.core.transport;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mcpbridge.core.Eventually;
import dev.mcpbridge.core.TestBridges;
import dev.mcpbridge.core.app.Bridge;
import io.modelcontextprotocol.json.McpJsonDefaults;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Drives the stdio server in-process through pipes, as a client would through the process's stdin and stdout. */
class StdioServerTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private Bridge bridge;
    private PipedOutputStream stdin;
    private final ByteArrayOutputStream stdout = new ByteArrayOutputStream();
    private CompletableFuture<Void> serving;

    @BeforeEach
    void start() throws IOException {
        bridge = TestBridges.testkit().startCamelInBackground();
        stdin = new PipedOutputStream();
        PipedInputStream in = new PipedInputStream(stdin, 1 << 20);
        StdioServer server = new StdioServer(bridge.serverFactory(), McpJsonDefaults.getMapper());
        serving = CompletableFuture.runAsync(() -> {
            try {
                server.run(bridge.all(), in, stdout);
            } catch (IOException e) {
                throw new RuntimeException(e);
            }
        });
    }

    @AfterEach
    void stop() throws IOException {
        stdin.close();
        bridge.close();
    }

    private void send(String line) throws IOException {
        stdin.write((line + "\n").getBytes(StandardCharsets.UTF_8));
        stdin.flush();
    }

    private List<JsonNode> lines() throws IOException {
        List<JsonNode> nodes = new ArrayList<>();
        for (String line : stdout.toString(StandardCharsets.UTF_8).split("\n")) {
            if (!line.isEmpty()) {
                nodes.add(JSON.readTree(line));
            }
        }
        return nodes;
    }

    private JsonNode answer(int id) throws IOException {
        Eventually.within(Duration.ofSeconds(20), () -> {
            try {
                assertThat(lines()).anyMatch(n -> n.path("id").asInt(-1) == id);
            } catch (IOException e) {
                throw new AssertionError(e);
            }
        });
        return lines().stream().filter(n -> n.path("id").asInt(-1) == id).findFirst().orElseThrow();
    }

    private void initialize() throws IOException {
        send("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"protocolVersion\":\"2025-06-18\","
                + "\"capabilities\":{},\"clientInfo\":{\"name\":\"test\",\"version\":\"1\"}}}");
        assertThat(answer(1).path("result").path("serverInfo").path("name").asText()).isEqualTo("mcp-bridge");
        send("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}");
    }

    @Test
    void aWholeSessionWritesNothingButJsonRpcToStdout() throws IOException {
        initialize();
        send("{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/list\"}");
        assertThat(answer(2).path("result").path("tools").findValuesAsText("name")).contains("greet", "sleep");
        send("{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"tools/call\",\"params\":{\"name\":\"greet\",\"arguments\":{\"name\":\"Ada\"}}}");
        assertThat(answer(3).path("result").path("content").get(0).path("text").asText()).isEqualTo("hello, Ada!");
        send("{\"jsonrpc\":\"2.0\",\"id\":4,\"method\":\"tools/call\",\"params\":{\"name\":\"boom\",\"arguments\":{}}}");
        assertThat(answer(4).path("result").path("isError").asBoolean()).isTrue();
        String raw = stdout.toString(StandardCharsets.UTF_8);
        assertThat(raw).endsWith("\n");
        for (String line : raw.split("\n")) {
            JsonNode node = JSON.readTree(line);
            assertThat(node.path("jsonrpc").asText()).as(line).isEqualTo("2.0");
        }
    }

    @Test
    void aMalformedLineGetsAParseErrorAndTheSessionGoesOn() throws IOException {
        initialize();
        send("{this is not json");
        Eventually.within(Duration.ofSeconds(5), () -> {
            try {
                assertThat(lines()).anyMatch(n -> n.path("error").path("code").asInt() == -32700);
            } catch (IOException e) {
                throw new AssertionError(e);
            }
        });
        send("{\"jsonrpc\":\"2.0\",\"id\":7,\"bogus\":true}");
        assertThat(answer(7).path("error").path("code").asInt()).isEqualTo(-32600);
        send("{\"jsonrpc\":\"2.0\",\"id\":8,\"method\":\"tools/call\",\"params\":{\"name\":\"greet\",\"arguments\":{\"name\":\"Bo\"}}}");
        assertThat(answer(8).path("result").path("content").get(0).path("text").asText()).isEqualTo("hello, Bo!");
    }

    @Test
    void notificationsCancelledStopsTheCallWithoutAnAnswer() throws Exception {
        initialize();
        send("{\"jsonrpc\":\"2.0\",\"id\":9,\"method\":\"tools/call\",\"params\":{\"name\":\"sleep\",\"arguments\":{\"millis\":1500}}}");
        Eventually.until(Duration.ofSeconds(10), () -> dev.mcpbridge.testkit.TestkitService.RUNNING.get() > 0);
        int interrupted = dev.mcpbridge.testkit.TestkitService.INTERRUPTED.get();
        send("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/cancelled\",\"params\":{\"requestId\":9,\"reason\":\"user\"}}");
        Eventually.within(Duration.ofSeconds(5), () -> assertThat(
                dev.mcpbridge.testkit.TestkitService.INTERRUPTED.get()).isGreaterThan(interrupted));
        send("{\"jsonrpc\":\"2.0\",\"id\":10,\"method\":\"ping\"}");
        answer(10);
        Thread.sleep(1700);
        assertThat(lines()).noneMatch(n -> n.path("id").asInt(-1) == 9);
    }

    @Test
    void manyPipelinedCallsAreAllAnswered() throws IOException {
        initialize();
        // Answers leave from many worker threads at once; every one must arrive (the SDK's stdio sink drops
        // concurrent sends unless they are serialised).
        StringBuilder batch = new StringBuilder();
        for (int i = 100; i < 1100; i++) {
            String call = i % 2 == 0 ? "{\"name\":\"greet\",\"arguments\":{\"name\":\"n" + i + "\"}}"
                    : "{\"name\":\"sleep\",\"arguments\":{\"millis\":" + (i % 7) + "}}";
            batch.append("{\"jsonrpc\":\"2.0\",\"id\":").append(i).append(",\"method\":\"tools/call\",\"params\":")
                    .append(call).append("}\n");
        }
        stdin.write(batch.toString().getBytes(StandardCharsets.UTF_8));
        stdin.flush();
        Eventually.within(Duration.ofSeconds(60), () -> {
            try {
                assertThat(lines().stream().filter(n -> n.path("id").asInt(-1) >= 100).count()).isEqualTo(1000);
            } catch (IOException e) {
                throw new AssertionError(e);
            }
        });
        assertThat(lines()).filteredOn(n -> n.path("id").asInt(-1) == 778).first()
                .satisfies(n -> assertThat(n.path("result").path("content").get(0).path("text").asText())
                        .isEqualTo("hello, n778!"));
    }

    @Test
    void endOfStdinEndsTheServerWithinASecond() throws Exception {
        initialize();
        long start = System.nanoTime();
        stdin.close();
        serving.get(5, java.util.concurrent.TimeUnit.SECONDS);
        assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(1_000);
    }
}
