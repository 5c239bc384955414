package dev.mcpbridge.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The bridge as an OAuth 2.1 resource server in front of a real authorization server on loopback
 * (oauth2-mock-server: discovery, JWKS, RS256 tokens): a good token calls a tool; each bad one is refused with its
 * status and challenge, and the tool it carried never runs.
 */
class OAuthIT {

    private static final String AUDIENCE = "https://bridge.test/mcp";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    static Path files;
    private static Process issuer;
    private static JsonNode tokens;
    private static HttpBridge bridge;

    @BeforeAll
    static void start() throws Exception {
        ItEnv.assumeJsDeps("oauth2-mock-server");
        ProcessBuilder builder = new ProcessBuilder(ItEnv.node(), "oauth-issuer.mjs",
                Integer.toString(ItEnv.freePort()), AUDIENCE).directory(ItEnv.jsDir().toFile())
                .redirectError(ItEnv.logDir().resolve("OAuthIT.issuer.log").toFile());
        issuer = builder.start();
        String line = new BufferedReader(new InputStreamReader(issuer.getInputStream(), StandardCharsets.UTF_8))
                .readLine();
        assertThat(line).as("the authorization server's tokens").isNotNull();
        tokens = JSON.readTree(line);
        // With OAuth on, a caller no rule allows may call nothing: alice's scope opens the filesystem, less one tool.
        Path config = Files.createTempDirectory("oauth-it").resolve("mcp-bridge.yaml");
        Files.writeString(config, """
                access:
                  rules:
                    - caller: { scope: mcp }
                      allow: { adapters: [filesystem] }
                    - caller: { sub: alice }
                      deny: { tools: [move_file] }
                """);
        bridge = HttpBridge.start("OAuthIT", "--config", config.toString(), "--oauth-issuer", tokens.get("issuer").asText(), "--oauth-audience",
                AUDIENCE, "--oauth-scopes", "mcp", "--adapter", "filesystem", files.toString());
    }

    @AfterAll
    static void stop() throws Exception {
        if (bridge != null) {
            bridge.close();
        }
        if (issuer != null) {
            issuer.getOutputStream().close();
            ItEnv.stop(issuer);
        }
    }

    private static HttpResponse<String> post(String token, String session, Map<String, Object> message)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(bridge.url("/mcp")))
                .timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/json").header("Accept", "application/json, text/event-stream")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(message)));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (session != null) {
            request.header("Mcp-Session-Id", session);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static Map<String, Object> initialize() {
        return Map.of("jsonrpc", "2.0", "id", 1, "method", "initialize", "params", Map.of("protocolVersion",
                "2025-06-18", "capabilities", Map.of(), "clientInfo", Map.of("name", "oauth-it", "version", "1")));
    }

    private static Map<String, Object> writeFile(String name) {
        return Map.of("jsonrpc", "2.0", "id", 2, "method", "tools/call", "params", Map.of("name", "write_file",
                "arguments", Map.of("path", files.resolve(name).toString(), "content", "written")));
    }

    @Test
    void aGoodTokenOpensASessionAndCallsATool() throws Exception {
        String good = tokens.get("good").asText();
        HttpResponse<String> init = post(good, null, initialize());
        assertThat(init.statusCode()).isEqualTo(200);
        String session = init.headers().firstValue("Mcp-Session-Id").orElseThrow();
        post(good, session, Map.of("jsonrpc", "2.0", "method", "notifications/initialized"));

        HttpResponse<String> call = post(good, session, writeFile("good.txt"));

        assertThat(call.statusCode()).isEqualTo(200);
        assertThat(call.body()).contains("Successfully wrote");
        assertThat(files.resolve("good.txt")).hasContent("written");
    }

    @Test
    void aToolTheRulesDenyIsNotListedAndACallOfItIsRefused() throws Exception {
        String good = tokens.get("good").asText();
        String session = post(good, null, initialize()).headers().firstValue("Mcp-Session-Id").orElseThrow();
        post(good, session, Map.of("jsonrpc", "2.0", "method", "notifications/initialized"));
        Files.writeString(files.resolve("stay.txt"), "here");

        HttpResponse<String> list = post(good, session, Map.of("jsonrpc", "2.0", "id", 3, "method", "tools/list"));
        HttpResponse<String> call = post(good, session, Map.of("jsonrpc", "2.0", "id", 4, "method", "tools/call",
                "params", Map.of("name", "move_file", "arguments", Map.of("source", files.resolve("stay.txt")
                        .toString(), "destination", files.resolve("gone.txt").toString()))));

        assertThat(list.body()).contains("\"write_file\"").doesNotContain("\"move_file\"");
        assertThat(call.statusCode()).isEqualTo(200);
        assertThat(call.body()).contains("\"isError\":true")
                .contains("Tool 'move_file' is not allowed for oauth:alice");
        assertThat(files.resolve("stay.txt")).exists();
        assertThat(files.resolve("gone.txt")).doesNotExist();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "none,          401, ''",
        "expired,       401, invalid_token",
        "wrongAudience, 401, invalid_token",
        "wrongIssuer,   401, invalid_token",
        "badSignature,  401, invalid_token",
        "algNone,       401, invalid_token",
        "missingScope,  403, insufficient_scope",
    })
    void aBadTokenIsRefusedWithItsChallengeAndNothingRuns(String which, int status, String error) throws Exception {
        String token = which.equals("none") ? null : tokens.get(which).asText();

        HttpResponse<String> call = post(token, null, writeFile(which + ".txt"));

        assertThat(call.statusCode()).isEqualTo(status);
        String challenge = call.headers().firstValue("WWW-Authenticate").orElseThrow();
        assertThat(challenge).startsWith("Bearer ").contains("resource_metadata=\"")
                .contains("/.well-known/oauth-protected-resource/mcp\"").contains("scope=\"mcp\"");
        if (error.isEmpty()) {
            assertThat(challenge).doesNotContain("error=");
        } else {
            assertThat(challenge).contains("error=\"" + error + "\"");
        }
        assertThat(call.body()).doesNotContain(token == null ? "\u0000" : token);
        assertThat(Files.exists(files.resolve(which + ".txt"))).isFalse();
    }

    @Test
    void theProtectedResourceMetadataNamesTheAuthorizationServer() throws Exception {
        HttpResponse<String> metadata = HTTP.send(HttpRequest.newBuilder(
                URI.create(bridge.url("/.well-known/oauth-protected-resource/mcp"))).GET().build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(metadata.statusCode()).isEqualTo(200);
        JsonNode body = JSON.readTree(metadata.body());
        assertThat(body.get("resource").asText()).isEqualTo(AUDIENCE);
        assertThat(body.get("authorization_servers").get(0).asText()).isEqualTo(tokens.get("issuer").asText());
        assertThat(body.get("scopes_supported").get(0).asText()).isEqualTo("mcp");
    }
}
