package dev.mcpbridge.core.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mcpbridge.core.Eventually;
import dev.mcpbridge.core.TestBridges;
import dev.mcpbridge.core.app.Bridge;
import dev.mcpbridge.core.config.BridgeConfig;
import dev.mcpbridge.core.config.ConfigException;
import dev.mcpbridge.testkit.TestkitService;
import io.modelcontextprotocol.json.McpJsonDefaults;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code /health} for load balancers, and the graceful stop: in-flight calls finish, new ones are refused unrun. */
class HealthAndDrainTest {

    private static final String TOKEN = "health-test-token";
    private static final HttpClient CLIENT = HttpClient.newHttpClient();

    private Bridge bridge;
    private HttpServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
        if (bridge != null) {
            bridge.close();
        }
    }

    private HttpServer start(boolean stateless, CompletableFuture<?> ready) throws Exception {
        bridge = TestBridges.testkit().startCamelInBackground();
        BridgeConfig.Http http = new BridgeConfig.Http();
        http.port = 0;
        http.token = TOKEN;
        http.stateless = stateless;
        http.shutdownTimeout = "2m";
        server = new HttpServer(bridge.serverFactory(), McpJsonDefaults.getMapper(), http, bridge.all(),
                bridge.served().stream().map(bridge::only).toList()).readyWhen(ready).start();
        return server;
    }

    private HttpResponse<String> get(String path) throws Exception {
        return CLIENT.send(HttpRequest.newBuilder(uri(path)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.port() + path);
    }

    private HttpResponse<String> post(String path, String body) throws Exception {
        return CLIENT.send(HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
                .header("Accept", "application/json, text/event-stream").header("Authorization", "Bearer " + TOKEN)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void healthNeedsNoTokenAndSaysOnlyOk() throws Exception {
        start(false, CompletableFuture.completedFuture(null));
        HttpResponse<String> health = get("/health");
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.body()).isEqualTo("{\"status\":\"ok\"}");
        assertThat(health.headers().firstValue("Cache-Control")).hasValue("no-store");
        assertThat(get("/mcp").statusCode()).as("everything else still needs the token").isEqualTo(401);
    }

    @Test
    void healthIsStartingUntilTheRoutesAreUpAndRefusesOtherMethods() throws Exception {
        CompletableFuture<Object> ready = new CompletableFuture<>();
        start(false, ready);
        HttpResponse<String> starting = get("/health");
        assertThat(starting.statusCode()).isEqualTo(503);
        assertThat(starting.body()).isEqualTo("{\"status\":\"starting\"}");
        ready.complete(null);
        assertThat(get("/health").statusCode()).isEqualTo(200);
        HttpResponse<String> post = CLIENT.send(HttpRequest.newBuilder(uri("/health"))
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(post.statusCode()).isEqualTo(405);
    }

    @ParameterizedTest(name = "stateless={0}")
    @ValueSource(booleans = {false, true})
    void aStopLetsTheRunningCallFinishAndRefusesNewOnesUnrun(boolean stateless) throws Exception {
        start(stateless, CompletableFuture.completedFuture(null));
        String session = null;
        if (!stateless) {
            HttpResponse<String> init = post("/mcp", "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\","
                    + "\"params\":{\"protocolVersion\":\"2025-06-18\",\"capabilities\":{},"
                    + "\"clientInfo\":{\"name\":\"t\",\"version\":\"1\"}}}");
            session = init.headers().firstValue("Mcp-Session-Id").orElseThrow();
        }
        int finishedBefore = TestkitService.FINISHED.get();
        int runningBefore = TestkitService.RUNNING.get();
        HttpRequest.Builder sleep = HttpRequest.newBuilder(uri("/mcp")).header("Content-Type", "application/json")
                .header("Accept", "application/json, text/event-stream").header("Authorization", "Bearer " + TOKEN)
                .POST(HttpRequest.BodyPublishers.ofString("{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/call\","
                        + "\"params\":{\"name\":\"sleep\",\"arguments\":{\"millis\":700}}}"));
        if (session != null) {
            sleep.header("Mcp-Session-Id", session);
        }
        CompletableFuture<HttpResponse<String>> running = CLIENT.sendAsync(sleep.build(),
                HttpResponse.BodyHandlers.ofString());
        Eventually.until(Duration.ofSeconds(30), () -> TestkitService.RUNNING.get() > runningBefore);

        URI health = uri("/health");
        CompletableFuture<Void> stopping = CompletableFuture.runAsync(server::drainAndClose);
        Eventually.within(Duration.ofSeconds(30), () -> {
            try {
                assertThat(get("/health").body()).isEqualTo("{\"status\":\"draining\"}");
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        });
        HttpResponse<String> refused = post("/mcp", "{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"tools/call\","
                + "\"params\":{\"name\":\"greet\",\"arguments\":{\"name\":\"late\"}}}");
        assertThat(refused.statusCode()).isEqualTo(503);
        assertThat(refused.body()).contains("was not run");

        HttpResponse<String> answer = running.get();
        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.body()).contains("slept 700 ms");
        assertThat(TestkitService.FINISHED.get()).isGreaterThan(finishedBefore);
        stopping.get();
        assertThatThrownBy(() -> CLIENT.send(HttpRequest.newBuilder(health).GET().build(),
                HttpResponse.BodyHandlers.ofString())).as("closed after the drain").isInstanceOf(java.io.IOException.class);
    }

    @Test
    void aBadShutdownTimeoutStopsStartUpNamingTheField() {
        bridge = TestBridges.testkit();
        BridgeConfig.Http http = new BridgeConfig.Http();
        http.port = 0;
        http.shutdownTimeout = "soon";
        assertThatThrownBy(() -> new HttpServer(bridge.serverFactory(), McpJsonDefaults.getMapper(), http,
                bridge.all(), List.of())).isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("http.shutdownTimeout: ");
    }
}
