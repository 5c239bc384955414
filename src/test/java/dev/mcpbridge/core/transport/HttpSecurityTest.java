package dev.mcpbridge.core.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mcpbridge.core.TestBridges;
import dev.mcpbridge.core.app.Bridge;
import dev.mcpbridge.core.config.BridgeConfig;
import dev.mcpbridge.core.config.ConfigException;
import io.modelcontextprotocol.json.McpJsonDefaults;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class HttpSecurityTest {

    private static final String INITIALIZE = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":"
            + "{\"protocolVersion\":\"2025-06-18\",\"capabilities\":{},\"clientInfo\":{\"name\":\"t\",\"version\":\"1\"}}}";

    private static Bridge bridge;
    private static HttpServer server;
    private static final HttpClient CLIENT = HttpClient.newHttpClient();

    @BeforeAll
    static void start() throws Exception {
        bridge = TestBridges.testkit().startCamelInBackground();
        BridgeConfig.Http http = new BridgeConfig.Http();
        http.port = 0;
        http.token = "s3cret-token";
        http.maxRequestBytes = 64 * 1024;
        server = new HttpServer(bridge.serverFactory(), McpJsonDefaults.getMapper(), http, bridge.all(),
                bridge.served().stream().map(bridge::only).toList()).start();
    }

    @AfterAll
    static void stop() {
        server.close();
        bridge.close();
    }

    private static HttpResponse<String> post(String path, String body, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
                .header("Content-Type", "application/json").header("Accept", "application/json, text/event-stream")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void noTokenGets401SayingWhatToSendAndNothingOfTheToken() throws Exception {
        HttpResponse<String> response = post("/mcp", INITIALIZE);
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("WWW-Authenticate")).hasValue("Bearer");
        assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("application/json");
        assertThat(response.body()).isEqualTo("{\"jsonrpc\":\"2.0\",\"id\":null,\"error\":{\"code\":-32000,"
                + "\"message\":\"Unauthorized: a bearer token is required; send 'Authorization: Bearer <token>' with "
                + "the bridge's http.token (MCP_BRIDGE_HTTP_TOKEN) or one of its http.tokens\"}}");
        assertThat(post("/sse", INITIALIZE).statusCode()).isEqualTo(401);
    }

    /** The official TypeScript client without an auth provider shows the body as its whole message. */
    @Test
    void aWrongTokenGets401WithTheRfc6750ErrorInTheHeaderAndInWordsInTheBody() throws Exception {
        HttpResponse<String> response = post("/mcp", INITIALIZE, "Authorization", "Bearer wrong-token-1234");
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("WWW-Authenticate")).hasValue("Bearer error=\"invalid_token\", "
                + "error_description=\"the token is not one of the bridge's tokens\"");
        assertThat(response.body()).contains("\"message\":\"Unauthorized (invalid_token): the token is not one of "
                + "the bridge's tokens; send 'Authorization: Bearer <token>'")
                .doesNotContain("wrong-token-1234", "s3cret-token");
    }

    @Test
    void theRightTokenIsServed() throws Exception {
        HttpResponse<String> response = post("/mcp", INITIALIZE, "Authorization", "Bearer s3cret-token");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("\"serverInfo\"");
        HttpResponse<String> alone = post("/mcp/testkit", INITIALIZE, "Authorization", "Bearer s3cret-token");
        assertThat(alone.statusCode()).isEqualTo(200);
        assertThat(alone.body()).contains("mcp-bridge-testkit");
    }

    @Test
    void legacySseServesEveryAdapterAndEachAlone() throws Exception {
        for (String path : new String[] {"/sse", "/sse/testkit"}) {
            HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
                    .header("Accept", "text/event-stream").header("Authorization", "Bearer s3cret-token").GET().build();
            HttpResponse<java.io.InputStream> response = CLIENT.send(request, HttpResponse.BodyHandlers.ofInputStream());
            assertThat(response.statusCode()).as(path).isEqualTo(200);
            try (java.io.BufferedReader events = new java.io.BufferedReader(new java.io.InputStreamReader(
                    response.body(), java.nio.charset.StandardCharsets.UTF_8))) {
                String line;
                String endpoint = null;
                while (endpoint == null && (line = events.readLine()) != null) {
                    if (line.startsWith("data:")) {
                        endpoint = line.substring(5).strip();
                    }
                }
                assertThat(endpoint).as(path).startsWith(path.replace("/sse", "/message") + "?sessionId=");
            }
        }
    }

    @Test
    void aForeignOriginGets403() throws Exception {
        HttpResponse<String> response = post("/mcp", INITIALIZE, "Authorization", "Bearer s3cret-token",
                "Origin", "http://evil.example.com");
        assertThat(response.statusCode()).isEqualTo(403);
    }

    @Test
    void anOversizedRequestIsRefused() throws Exception {
        String huge = INITIALIZE.replace("\"t\"", "\"" + "x".repeat(200_000) + "\"");
        try {
            HttpResponse<String> response = post("/mcp", huge, "Authorization", "Bearer s3cret-token");
            assertThat(response.statusCode()).isGreaterThanOrEqualTo(400).isLessThan(500);
        } catch (java.io.IOException closedEarly) {
            // The server may answer and close before the client has sent the whole body: refused all the same.
            assertThat(closedEarly).isNotNull();
        }
    }

    @Test
    void aNonLoopbackBindWithoutTokenRefusesToStart() {
        BridgeConfig.Http http = new BridgeConfig.Http();
        http.bind = "0.0.0.0";
        http.port = 0;
        assertThatThrownBy(() -> new HttpServer(bridge.serverFactory(), McpJsonDefaults.getMapper(), http,
                bridge.all(), List.of())).isInstanceOf(ConfigException.class)
                .hasMessageContaining("needs a bearer token");
    }
}
