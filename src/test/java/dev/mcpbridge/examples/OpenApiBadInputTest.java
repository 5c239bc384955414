package dev.mcpbridge.examples;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.mcpbridge.core.TestBridges;
import dev.mcpbridge.core.app.Bridge;
import dev.mcpbridge.core.config.BridgeConfig;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bad-input matrix of a {@code kind: openapi} adapter (the example's spec, with a descriptor of the test's
 * that sets {@code timeout: 2s}): each case is a tool error that names the problem, and the API is not called for
 * a call the contract refuses.
 */
class OpenApiBadInputTest {

    @TempDir
    static Path folder;
    private static HttpServer api;
    private static ExecutorService apiThreads;
    private static final CountDownLatch release = new CountDownLatch(1);
    private static final List<String> received = new java.util.concurrent.CopyOnWriteArrayList<>();
    private static Bridge bridge;

    @BeforeAll
    static void start() throws IOException {
        api = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        apiThreads = Executors.newFixedThreadPool(4);
        api.setExecutor(apiThreads);
        api.createContext("/", exchange -> {
            received.add(exchange.getRequestMethod() + " " + exchange.getRequestURI().getRawPath());
            String path = exchange.getRequestURI().getPath();
            switch (path) {
                case "/todos/boom" -> send(exchange, 500, "text/plain", "upstream exploded\n".getBytes(StandardCharsets.UTF_8));
                case "/todos/huge" -> send(exchange, 200, "application/json",
                        ("{\"id\":\"huge\",\"title\":\"" + "x".repeat(2 << 20) + "\",\"done\":false}")
                                .getBytes(StandardCharsets.UTF_8));
                case "/todos/slow" -> {
                    try {
                        release.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    send(exchange, 200, "application/json", "{\"id\":\"slow\",\"title\":\"late\",\"done\":false}"
                            .getBytes(StandardCharsets.UTF_8));
                }
                case "/todos/notjson" -> send(exchange, 200, "application/json", "<html>oops</html>"
                        .getBytes(StandardCharsets.UTF_8));
                default -> send(exchange, 200, "application/json", "{\"id\":\"t-1\",\"title\":\"ok\",\"done\":false}"
                        .getBytes(StandardCharsets.UTF_8));
            }
        });
        api.start();
        Path adapters = Files.createDirectories(folder.resolve("adapters"));
        Files.writeString(adapters.resolve("todo-api.yaml"), "adapter: todo-api\nkind: openapi\nspec: "
                + Path.of("examples/openapi/todo-api.openapi.yaml").toAbsolutePath() + "\nexclude: { tags: [admin] }\n"
                + "timeout: 2s\n");
        BridgeConfig config = new BridgeConfig();
        config.adapterFolders = List.of(folder.toString());
        config.adapters = List.of("todo-api");
        bridge = Bridge.create(config, Map.of(), Map.of("TODO_API_BASE_URL",
                "http://127.0.0.1:" + api.getAddress().getPort(), "TODO_API_TOKEN", "secret-token-0123456789"));
        bridge.camel().startNow();
    }

    @AfterAll
    static void stop() {
        release.countDown();
        bridge.close();
        api.stop(0);
        apiThreads.shutdownNow();
    }

    private static void send(com.sun.net.httpserver.HttpExchange exchange, int status, String type, byte[] body)
            throws IOException {
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        } catch (IOException e) {
            // The bridge stopped reading (the size cap): nothing more to send.
        }
    }

    private static String error(String tool, Map<String, Object> args) {
        CallToolResult r = TestBridges.call(bridge, tool, args);
        String text = TestBridges.text(r);
        assertThat(r.isError()).as(text).isTrue();
        assertThat(text).doesNotContain("Exception").doesNotContain("\tat ").doesNotContain("secret-token");
        return text;
    }

    @Test
    void anExcludedOperationIsNoTool() {
        assertThat(bridge.registry().find("purge_all")).isEmpty();
    }

    @Test
    void aMissingRequiredParameterIsRefusedBeforeTheApiIsCalled() {
        int before = received.size();
        assertThat(error("get_todo", Map.of())).contains("todoId");
        assertThat(error("create_todo", Map.of("body", Map.of("due", "2026-12-24")))).contains("title");
        assertThat(received).hasSize(before);
    }

    @Test
    void aWrongTypeIsRefusedNamingTheParameter() {
        int before = received.size();
        assertThat(error("list_todos", Map.of("limit", "many"))).contains("limit");
        assertThat(error("list_todos", Map.of("limit", 1000))).contains("limit");
        assertThat(error("list_todos", Map.of("done", "perhaps"))).contains("done");
        assertThat(received).hasSize(before);
    }

    @Test
    void aServerErrorNamesTheStatusAndTheApisText() {
        assertThat(error("get_todo", Map.of("todoId", "boom")))
                .isEqualTo("the API answered HTTP 500 Internal Server Error: upstream exploded");
    }

    @Test
    void anAnswerOverTheCapIsRefused() {
        assertThat(error("get_todo", Map.of("todoId", "huge"))).contains("larger than 1048576 bytes");
    }

    @Test
    void anAnswerThatIsNotTheJsonItAnnouncedIsSaidSo() {
        assertThat(error("get_todo", Map.of("todoId", "notjson"))).contains("not the JSON it announced");
    }

    @Test
    void aSlowApiTimesOutWithTheDescriptorsTimeoutAndTheNextCallIsServed() {
        assertThat(error("get_todo", Map.of("todoId", "slow"))).contains("timed out").contains("2");
        CallToolResult next = TestBridges.call(bridge, "get_todo", Map.of("todoId", "t-1"));
        assertThat(next.isError()).as(TestBridges.text(next)).isFalse();
    }
}
