package dev.mcpbridge.core.transport;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mcpbridge.core.Eventually;
import dev.mcpbridge.core.StatelessRequests;
import dev.mcpbridge.core.TestBridges;
import dev.mcpbridge.core.app.Bridge;
import dev.mcpbridge.core.auth.Authenticator;
import dev.mcpbridge.core.auth.CallLimits;
import dev.mcpbridge.core.auth.StaticTokens;
import dev.mcpbridge.core.config.BridgeConfig;
import io.modelcontextprotocol.json.McpJsonDefaults;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Access rules and rate limits as an HTTP client meets them: the tools a token may not call are missing from its
 * tools/list (session and 2026-07-28 requests alike) and refused when called anyway, the audit log names the
 * caller, and a caller over its rate gets 429 with Retry-After before anything runs.
 */
class AccessOverHttpTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient CLIENT = HttpClient.newHttpClient();
    private static final String CI = "ci-token-0123456789";
    private static final String ERA = "era-token-0123456789";
    private static final String OPS = "ops-token-0123456789";
    private static final String BURST = "burst-token-0123456789";

    @TempDir
    static Path dir;
    private static Path audit;
    private static Bridge bridge;
    private static HttpServer server;

    @BeforeAll
    static void start() throws Exception {
        audit = dir.resolve("audit.jsonl");
        BridgeConfig[] used = new BridgeConfig[1];
        bridge = TestBridges.testkit(Map.of("TESTKIT_API_KEY", "sk-test-0123456789"), config -> {
            config.auditLog = audit.toString();
            BridgeConfig.Rule readOnly = new BridgeConfig.Rule();
            readOnly.caller.token = List.of("ci", "era");
            readOnly.allow = new BridgeConfig.Tools();
            readOnly.allow.readOnly = true;
            readOnly.deny = new BridgeConfig.Tools();
            readOnly.deny.tools = List.of("sl*p");
            config.access.rules = List.of(readOnly);
            // An hour: the third call of a window is refused however slow the machine.
            config.limits.calls = 2;
            config.limits.window = "1h";
            used[0] = config;
        }).startCamelInBackground();
        BridgeConfig.Http http = new BridgeConfig.Http();
        http.port = 0;
        Authenticator auth = new Authenticator(new StaticTokens(Map.of("ci", CI, "era", ERA, "ops", OPS,
                "burst", BURST)), null, List.of());
        server = new HttpServer(bridge.serverFactory(), McpJsonDefaults.getMapper(), http, bridge.all(),
                bridge.served().stream().map(bridge::only).toList(), auth, CallLimits.from(used[0])).start();
    }

    @AfterAll
    static void stop() {
        server.close();
        bridge.close();
    }

    private static HttpResponse<String> post(String token, String session, Map<String, Object> message)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/mcp"))
                .header("Content-Type", "application/json").header("Accept", "application/json, text/event-stream")
                .header("Authorization", "Bearer " + token)
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(message)));
        if (session != null) {
            request.header("Mcp-Session-Id", session);
        }
        return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String session(String token) throws Exception {
        HttpResponse<String> init = post(token, null, Map.of("jsonrpc", "2.0", "id", 1, "method", "initialize",
                "params", Map.of("protocolVersion", "2025-06-18", "capabilities", Map.of(), "clientInfo",
                        Map.of("name", "access-test", "version", "1"))));
        assertThat(init.statusCode()).isEqualTo(200);
        String session = init.headers().firstValue("Mcp-Session-Id").orElseThrow();
        post(token, session, Map.of("jsonrpc", "2.0", "method", "notifications/initialized"));
        return session;
    }

    /** The JSON-RPC message of a response, whether sent as JSON or as one SSE event. */
    private static JsonNode body(HttpResponse<String> response) throws Exception {
        String text = response.body().strip();
        if (text.startsWith("{")) {
            return JSON.readTree(text);
        }
        String data = text.lines().filter(l -> l.startsWith("data:")).reduce((a, b) -> b).orElseThrow();
        return JSON.readTree(data.substring(5).strip());
    }

    private static List<String> names(JsonNode listResult) {
        List<String> names = new ArrayList<>();
        listResult.path("result").path("tools").forEach(t -> names.add(t.get("name").asText()));
        return names;
    }

    private static Map<String, Object> call(String tool, Map<String, Object> arguments) {
        return Map.of("jsonrpc", "2.0", "id", 3, "method", "tools/call", "params", Map.of("name", tool,
                "arguments", arguments));
    }

    @Test
    void aTokenSeesAndCallsOnlyWhatItsRuleAllowsAndTheAuditNamesIt() throws Exception {
        String session = session(CI);

        List<String> listed = names(body(post(CI, session, Map.of("jsonrpc", "2.0", "id", 2, "method", "tools/list"))));
        JsonNode refused = body(post(CI, session, call("boom", Map.of())));
        JsonNode greeted = body(post(CI, session, call("greet", Map.of("name", "ci"))));

        assertThat(listed).containsExactlyInAnyOrder("greet", "stats");
        assertThat(refused.path("result").path("isError").asBoolean()).isTrue();
        assertThat(refused.path("result").path("content").get(0).path("text").asText())
                .contains("Tool 'boom' is not allowed for token:ci by the access rules");
        assertThat(greeted.path("result").path("isError").asBoolean()).isFalse();
        Eventually.until(Duration.ofSeconds(30), () -> auditLines().stream().anyMatch(l -> l.contains("token:ci")));
        JsonNode line = JSON.readTree(auditLines().stream().filter(l -> l.contains("token:ci")).findFirst()
                .orElseThrow());
        assertThat(line.get("caller").asText()).isEqualTo("token:ci");
        assertThat(line.get("tool").asText()).isEqualTo("greet");
        assertThat(auditLines()).noneMatch(l -> l.contains("\"boom\""));
    }

    @Test
    void aTokenNoRuleMatchesSeesEverythingWhileOAuthIsOff() throws Exception {
        String session = session(OPS);

        List<String> listed = names(body(post(OPS, session, Map.of("jsonrpc", "2.0", "id", 2, "method", "tools/list"))));

        assertThat(listed).contains("greet", "sleep", "boom", "refuse", "stats", "leak");
    }

    @Test
    void the20260728RevisionListsAndRefusesTheSame() throws Exception {
        String url = "http://127.0.0.1:" + server.port() + "/mcp";
        JsonNode listed = JSON.readTree(StatelessRequests.post(url, StatelessRequests.request("tools/list", Map.of(),
                StatelessRequests.meta(Map.of())), "Authorization", "Bearer " + ERA).body());
        HttpResponse<String> refused = StatelessRequests.post(url, StatelessRequests.request("tools/call",
                Map.of("name", "sleep", "arguments", Map.of("millis", 1)), StatelessRequests.meta(Map.of())),
                "Authorization", "Bearer " + ERA);

        assertThat(names(listed)).containsExactlyInAnyOrder("greet", "stats");
        assertThat(body(refused).path("result").path("isError").asBoolean()).isTrue();
        assertThat(refused.body()).contains("Tool 'sleep' is not allowed for token:era");
    }

    @Test
    void overItsRateACallerGets429WithRetryAfterAndNothingRuns() throws Exception {
        String session = session(BURST);
        assertThat(post(BURST, session, call("greet", Map.of("name", "one"))).statusCode()).isEqualTo(200);
        assertThat(post(BURST, session, call("greet", Map.of("name", "two"))).statusCode()).isEqualTo(200);

        HttpResponse<String> third = post(BURST, session, call("greet", Map.of("name", "three")));

        assertThat(third.statusCode()).isEqualTo(429);
        long retryAfter = Long.parseLong(third.headers().firstValue("Retry-After").orElseThrow());
        assertThat(retryAfter).isBetween(1L, 3600L);
        assertThat(body(third).path("error").path("message").asText())
                .startsWith("Rate limit: token:burst may make 2 tool call(s) per 60 min")
                .contains("retry after " + retryAfter + " s");
        assertThat(body(third).path("id").asInt()).isEqualTo(3);
        assertThat(post(BURST, session, Map.of("jsonrpc", "2.0", "id", 4, "method", "tools/list")).statusCode())
                .as("only tool calls are counted").isEqualTo(200);
        assertThat(post(OPS, session(OPS), call("greet", Map.of("name", "ops"))).statusCode())
                .as("another caller's window").isEqualTo(200);
    }

    private static List<String> auditLines() {
        try {
            return Files.exists(audit) ? Files.readAllLines(audit) : List.of();
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }
}
