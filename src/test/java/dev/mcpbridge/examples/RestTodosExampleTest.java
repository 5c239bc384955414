package dev.mcpbridge.examples;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.mcpbridge.core.app.Bridge;
import dev.mcpbridge.core.config.BridgeConfig;
import dev.mcpbridge.core.invoke.CallContext;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The README's user-written REST adapter (examples/rest-todos), against WireMock standing in for the API. */
class RestTodosExampleTest {

    private static final String TOKEN = "tok-example-123456";
    private static WireMockServer api;
    private static Bridge bridge;

    @BeforeAll
    static void start() {
        api = new WireMockServer(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"));
        api.start();
        BridgeConfig config = new BridgeConfig();
        config.adapterFolders = List.of("examples/rest-todos");
        config.adapters = List.of("todos");
        bridge = Bridge.create(config, Map.of(),
                Map.of("TODOS_API_URL", "http://127.0.0.1:" + api.port() + "/api", "TODOS_API_TOKEN", TOKEN));
        bridge.camel().startNow();
    }

    @AfterAll
    static void stop() {
        bridge.close();
        api.stop();
    }

    @BeforeEach
    void reset() {
        api.resetAll();
    }

    private static CallToolResult call(String tool, Map<String, Object> args) {
        return bridge.invoker().call(bridge.registry().find(tool).orElseThrow(), args, CallContext.detached(tool))
                .block(Duration.ofSeconds(20));
    }

    private static String text(CallToolResult r) {
        return ((McpSchema.TextContent) r.content().get(0)).text();
    }

    @Test
    void getTodoReturnsStructuredContentAndSendsTheToken() {
        api.stubFor(get("/api/todos/1").willReturn(aResponse().withHeader("Content-Type", "application/json")
                .withBody("{\"userId\":1,\"id\":1,\"title\":\"write the README\",\"completed\":false}")));
        CallToolResult r = call("get_todo", Map.of("id", "1"));
        assertThat(r.isError()).isFalse();
        assertThat(r.structuredContent()).isEqualTo(Map.of("userId", 1, "id", 1, "title", "write the README",
                "completed", false));
        api.verify(getRequestedFor(urlEqualTo("/api/todos/1")).withHeader("Authorization", equalTo("Bearer " + TOKEN))
                .withHeader("Accept", equalTo("application/json")));
    }

    @Test
    void aPathArgumentCannotEscapeItsSegment() {
        api.stubFor(get(urlPathEqualTo("/api/todos/..%2Fadmin%3Fx%3D1")).willReturn(aResponse().withStatus(404)));
        CallToolResult r = call("get_todo", Map.of("id", "../admin?x=1"));
        assertThat(r.isError()).isTrue();
        api.verify(getRequestedFor(urlEqualTo("/api/todos/..%2Fadmin%3Fx%3D1")));
        assertThat(api.findAll(getRequestedFor(urlPathEqualTo("/api/admin")))).isEmpty();
    }

    @Test
    void dotSegmentsAreRefusedByTheContract() {
        for (String id : new String[] {"..", "."}) {
            CallToolResult r = call("get_todo", Map.of("id", id));
            assertThat(r.isError()).isTrue();
            assertThat(text(r)).startsWith("Invalid arguments for tool 'get_todo'");
        }
        assertThat(api.getAllServeEvents()).isEmpty();
    }

    @Test
    void listTodosPassesTheOptionalQuery() {
        api.stubFor(get(urlPathEqualTo("/api/todos")).willReturn(aResponse()
                .withHeader("Content-Type", "application/json").withBody("[{\"id\":3,\"title\":\"x\",\"completed\":true}]")));
        assertThat(text(call("list_todos", Map.of("userId", 2)))).contains("\"id\":3");
        api.verify(getRequestedFor(urlEqualTo("/api/todos?userId=2")));
        call("list_todos", Map.of());
        api.verify(getRequestedFor(urlEqualTo("/api/todos")).withQueryParam("userId", absent()));
    }

    @Test
    void createTodoPostsTheArgumentsAsJson() {
        api.stubFor(post("/api/todos").willReturn(aResponse().withStatus(201)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"id\":201,\"title\":\"ship it\",\"userId\":5,\"completed\":false}")));
        CallToolResult r = call("create_todo", Map.of("title", "ship it", "userId", 5));
        assertThat(r.isError()).isFalse();
        assertThat(text(r)).contains("\"id\":201");
        api.verify(postRequestedFor(urlEqualTo("/api/todos"))
                .withRequestBody(equalToJson("{\"title\":\"ship it\",\"userId\":5}")));
    }

    @Test
    void httpFailuresAreClearToolErrorsWithoutTheToken() {
        api.stubFor(get("/api/todos/9").willReturn(aResponse().withStatus(404).withBody("no such item " + TOKEN)));
        CallToolResult r = call("get_todo", Map.of("id", "9"));
        assertThat(r.isError()).isTrue();
        assertThat(text(r)).isEqualTo("the service answered HTTP 404 Not Found").doesNotContain(TOKEN);
    }

    @Test
    void badArgumentsNeverReachTheApi() {
        CallToolResult r = call("create_todo", Map.of("title", ""));
        assertThat(r.isError()).isTrue();
        assertThat(text(r)).startsWith("Invalid arguments for tool 'create_todo'");
        assertThat(api.getAllServeEvents()).isEmpty();
    }
}
