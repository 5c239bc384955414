package dev.mcpbridge.examples;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.mcpbridge.core.TestBridges;
import dev.mcpbridge.core.app.Bridge;
import dev.mcpbridge.core.config.BridgeConfig;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * examples/openapi, a {@code kind: openapi} adapter that is its spec and six lines, against a small HTTP server of
 * the test's that records what it receives: the tools derived from the spec, and the requests they make — path
 * segments encoded, the bearer token sent (and nowhere else), the body as JSON, an API error as a tool error.
 * The Prism mock of the same spec runs in OpenApiPrismIT.
 */
class OpenApiExampleTest {

    private static final String TOKEN = "tok-" + Long.toHexString(System.nanoTime());

    private HttpServer api;
    private final List<String> received = new CopyOnWriteArrayList<>();
    private Bridge bridge;

    @BeforeEach
    void start() throws Exception {
        api = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        api.createContext("/", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            received.add(exchange.getRequestMethod() + " " + exchange.getRequestURI().getRawPath()
                    + (exchange.getRequestURI().getRawQuery() == null ? "" : "?" + exchange.getRequestURI().getRawQuery())
                    + " auth=" + exchange.getRequestHeaders().getFirst("Authorization") + " body=" + body);
            String path = exchange.getRequestURI().getPath();
            byte[] answer;
            int status;
            if (path.endsWith("/missing")) {
                status = 404;
                answer = "{\"message\":\"No to-do item has this id\"}".getBytes(StandardCharsets.UTF_8);
            } else if ("DELETE".equals(exchange.getRequestMethod())) {
                exchange.sendResponseHeaders(204, -1);
                exchange.close();
                return;
            } else if (path.equals("/todos") && "GET".equals(exchange.getRequestMethod())) {
                status = 200;
                answer = "{\"items\":[{\"id\":\"t-1\",\"title\":\"Water the plants\",\"done\":false}],\"total\":1}"
                        .getBytes(StandardCharsets.UTF_8);
            } else {
                status = "POST".equals(exchange.getRequestMethod()) ? 201 : 200;
                answer = "{\"id\":\"t-9\",\"title\":\"x\",\"done\":false}".getBytes(StandardCharsets.UTF_8);
            }
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(status, answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
        });
        api.start();
        BridgeConfig config = new BridgeConfig();
        config.adapterFolders = List.of("examples/openapi");
        config.adapters = List.of("todo-api");
        bridge = Bridge.create(config, Map.of(), Map.of("TODO_API_BASE_URL",
                "http://127.0.0.1:" + api.getAddress().getPort(), "TODO_API_TOKEN", TOKEN));
        bridge.camel().startNow();
    }

    @AfterEach
    void stop() {
        bridge.close();
        api.stop(0);
    }

    private CallToolResult call(String tool, Map<String, Object> args) {
        return TestBridges.call(bridge, tool, args);
    }

    @Test
    void theToolsComeFromTheOperations() {
        assertThat(bridge.registry().tools()).extracting(t -> t.exposedName())
                .containsExactly("list_todos", "create_todo", "get_todo", "update_todo", "delete_todo");
        var list = bridge.registry().find("list_todos").orElseThrow().spec();
        assertThat(list.readOnly()).isTrue();
        assertThat(list.inputSchema().toString()).contains("limit={maximum=100, minimum=1, type=integer");
        assertThat(list.outputSchema()).isNotNull();
        var delete = bridge.registry().find("delete_todo").orElseThrow().spec();
        assertThat(delete.annotations().destructiveHint()).isTrue();
        assertThat(delete.inputSchema().toString()).contains("required=[todoId]");
        assertThat(bridge.registry().find("create_todo").orElseThrow().spec().inputSchema().toString())
                .contains("body={required=[title]").contains("due={type=[string, null]");
    }

    @Test
    void requestsCarryEncodedSegmentsTheQueryTheBodyAndTheToken() {
        CallToolResult list = call("list_todos", Map.of("done", false, "limit", 5));
        assertThat(list.isError()).as(TestBridges.text(list)).isFalse();
        assertThat(list.structuredContent().toString()).contains("Water the plants");
        assertThat(call("get_todo", Map.of("todoId", "../admin/purge?x=1 2")).isError()).isFalse();
        assertThat(call("create_todo", Map.of("body", Map.of("title", "Buy milk"))).isError()).isFalse();
        assertThat(TestBridges.text(call("delete_todo", Map.of("todoId", "t-1")))).isEqualTo("done (HTTP 204)");
        assertThat(received).containsExactly(
                "GET /todos?done=false&limit=5 auth=Bearer " + TOKEN + " body=",
                "GET /todos/..%2Fadmin%2Fpurge%3Fx%3D1%202 auth=Bearer " + TOKEN + " body=",
                "POST /todos auth=Bearer " + TOKEN + " body={\"title\":\"Buy milk\"}",
                "DELETE /todos/t-1 auth=Bearer " + TOKEN + " body=");
    }

    @Test
    void anApiErrorIsAToolErrorInTheApisWordsAndADotSegmentIsRefused() {
        CallToolResult missing = call("get_todo", Map.of("todoId", "missing"));
        assertThat(missing.isError()).isTrue();
        assertThat(TestBridges.text(missing)).isEqualTo("the API answered HTTP 404 Not Found: No to-do item has this id");
        CallToolResult dots = call("get_todo", Map.of("todoId", ".."));
        assertThat(dots.isError()).isTrue();
        assertThat(TestBridges.text(dots)).contains("cannot be '..'");
        CallToolResult noTitle = call("create_todo", Map.of("body", Map.of()));
        assertThat(noTitle.isError()).isTrue();
        assertThat(TestBridges.text(noTitle)).contains("title");
        assertThat(received).noneMatch(r -> r.contains("/todos/..") && !r.contains("%2F"));
        assertThat(String.join("\n", received)).doesNotContain("admin");
    }
}
