package dev.mcpbridge.core.transport;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mcpbridge.core.TestBridges;
import dev.mcpbridge.core.app.Bridge;
import dev.mcpbridge.core.config.BridgeConfig;
import io.modelcontextprotocol.json.McpJsonDefaults;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code --stateless}: two instances (two bridges, as two processes would be) serve the conformance fixtures with no
 * session, so a call can land on either; what needs a session answers cleanly instead of waiting for the client.
 */
class StatelessHttpTest {

    private static final String INITIALIZE = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":"
            + "{\"protocolVersion\":\"2025-06-18\",\"capabilities\":{\"sampling\":{},\"elicitation\":{},"
            + "\"roots\":{}},\"clientInfo\":{\"name\":\"t\",\"version\":\"1\"}}}";
    private static final HttpClient CLIENT = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();

    private static Bridge first;
    private static Bridge second;
    private static HttpServer one;
    private static HttpServer two;

    @BeforeAll
    static void start() throws Exception {
        first = conformance().startCamelInBackground();
        second = conformance().startCamelInBackground();
        one = stateless(first);
        two = stateless(second);
    }

    private static Bridge conformance() {
        BridgeConfig config = new BridgeConfig();
        config.adapterFolders = List.of(TestBridges.CONFORMANCE);
        config.adapters = List.of("conformance");
        return Bridge.create(config, Map.of(), Map.of());
    }

    private static HttpServer stateless(Bridge bridge) throws Exception {
        BridgeConfig.Http http = new BridgeConfig.Http();
        http.port = 0;
        http.stateless = true;
        return new HttpServer(bridge.serverFactory(), McpJsonDefaults.getMapper(), http, bridge.all(),
                bridge.served().stream().map(bridge::only).toList()).start();
    }

    @AfterAll
    static void stop() {
        for (AutoCloseable c : new AutoCloseable[] {one, two, first, second}) {
            try {
                if (c != null) {
                    c.close();
                }
            } catch (Exception ignored) {
                // closing the rest matters more
            }
        }
    }

    private static HttpResponse<String> post(HttpServer server, String path, String body, String... headers)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
                .header("Content-Type", "application/json").header("Accept", "application/json, text/event-stream")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String call(int id, String tool, String arguments) {
        return "{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"method\":\"tools/call\",\"params\":{\"name\":\"" + tool
                + "\",\"arguments\":" + arguments + "}}";
    }

    @Test
    void initializeAnswersWithoutASessionAndWithoutWhatNeedsOne() throws Exception {
        HttpResponse<String> response = post(one, "/mcp", INITIALIZE);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Mcp-Session-Id")).isEmpty();
        JsonNode capabilities = JSON.readTree(response.body()).at("/result/capabilities");
        assertThat(capabilities.has("tools")).isTrue();
        assertThat(capabilities.has("logging")).as("logging/setLevel needs a session").isFalse();
        assertThat(capabilities.at("/resources/subscribe").asBoolean()).as("subscriptions need a session").isFalse();
    }

    @Test
    void aCallAfterInitializeOnAnotherInstanceWorks() throws Exception {
        assertThat(post(one, "/mcp", INITIALIZE).statusCode()).isEqualTo(200);
        HttpResponse<String> initialized = post(two, "/mcp",
                "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}");
        assertThat(initialized.statusCode()).isEqualTo(202);

        HttpResponse<String> response = post(two, "/mcp", call(2, "test_simple_text", "{}"));
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode result = JSON.readTree(response.body()).get("result");
        assertThat(result.get("isError").asBoolean()).isFalse();
        assertThat(result.at("/content/0/text").asText()).isEqualTo("This is a simple text response for testing.");
    }

    @Test
    void theOneAdapterEndpointIsStatelessToo() throws Exception {
        HttpResponse<String> response = post(two, "/mcp/conformance", call(3, "test_simple_text", "{}"));
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(response.body()).at("/result/isError").asBoolean()).isFalse();
    }

    @Test
    void aToolThatAsksTheClientGetsAClearErrorAtOnce() throws Exception {
        for (String[] tool : new String[][] {{"test_sampling", "{\"prompt\":\"hi\"}", "sampling/createMessage"},
                {"test_elicitation", "{\"message\":\"hi\"}", "elicitation/create"}}) {
            HttpResponse<String> response = post(one, "/mcp", call(4, tool[0], tool[1]));
            assertThat(response.statusCode()).as(tool[0]).isEqualTo(200);
            JsonNode result = JSON.readTree(response.body()).get("result");
            assertThat(result.get("isError").asBoolean()).as(tool[0]).isTrue();
            assertThat(result.at("/content/0/text").asText()).as(tool[0])
                    .contains("'" + tool[2] + "' is not available").contains("--stateless");
        }
    }

    @Test
    void progressAndLoggingToolsStillAnswer() throws Exception {
        String progress = "{\"jsonrpc\":\"2.0\",\"id\":5,\"method\":\"tools/call\",\"params\":{\"name\":"
                + "\"test_tool_with_progress\",\"arguments\":{},\"_meta\":{\"progressToken\":\"p1\"}}}";
        for (String request : List.of(progress, call(6, "test_tool_with_logging", "{}"))) {
            HttpResponse<String> response = post(two, "/mcp", request);
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("application/json");
            assertThat(JSON.readTree(response.body()).at("/result/isError").asBoolean()).as(request).isFalse();
        }
    }

    @Test
    void thereIsNoListeningStreamAndNoLegacySse() throws Exception {
        HttpResponse<String> get = CLIENT.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + one.port()
                + "/mcp")).header("Accept", "text/event-stream").GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(get.statusCode()).isEqualTo(405);
        HttpResponse<String> sse = CLIENT.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + one.port()
                + "/sse")).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(sse.statusCode()).isEqualTo(404);
    }
}
