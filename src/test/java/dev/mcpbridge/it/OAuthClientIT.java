package dev.mcpbridge.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The official TypeScript client SDK (1.x, as Roo uses it) logs in to the bridge on its own: its first request gets
 * the 401, it follows {@code resource_metadata} to the authorization server (oauth2-mock-server on loopback), gets
 * a token by client_credentials for the bridge's resource, lists and calls; a token the same server issued for
 * another resource is refused (see oauth-client-check.mjs).
 */
class OAuthClientIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path files;
    private static Process flow;
    private static HttpBridge bridge;
    private static JsonNode report;
    private static String bridgeUrl;

    @BeforeAll
    static void run() throws Exception {
        ItEnv.assumeJsDeps("oauth2-mock-server", "@modelcontextprotocol/sdk");
        flow = new ProcessBuilder(ItEnv.node(), "oauth-client-check.mjs", Integer.toString(ItEnv.freePort()),
                files.resolve("by-oauth.txt").toString()).directory(ItEnv.jsDir().toFile())
                .redirectError(ItEnv.logDir().resolve("OAuthClientIT.client.log").toFile()).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(flow.getInputStream(), StandardCharsets.UTF_8));
        String issuer = JSON.readTree(out.readLine()).get("issuer").asText();
        Path config = Files.createTempDirectory("oauth-client-it").resolve("mcp-bridge.yaml");
        Files.writeString(config, """
                access:
                  rules:
                    - caller: { sub: roo-agent, scope: mcp }
                      allow: { adapters: [filesystem], tools: [write_file, list_allowed_directories] }
                """);
        int port = ItEnv.freePort();
        bridgeUrl = "http://127.0.0.1:" + port + "/mcp";
        bridge = HttpBridge.startOn(port, "OAuthClientIT", Map.of(), "--config", config.toString(),
                "--oauth-issuer", issuer, "--public-url", bridgeUrl, "--oauth-scopes", "mcp",
                "--adapter", "filesystem", files.toString());
        OutputStream in = flow.getOutputStream();
        in.write((bridgeUrl + "\n").getBytes(StandardCharsets.UTF_8));
        in.flush();
        String line = out.readLine();
        assertThat(line).as("the client's report").isNotNull();
        report = JSON.readTree(line);
    }

    @AfterAll
    static void stop() throws Exception {
        if (bridge != null) {
            bridge.close();
        }
        if (flow != null) {
            flow.getOutputStream().close();
            ItEnv.stop(flow);
        }
    }

    @Test
    void theClientFindsTheAuthorizationServerGetsATokenForTheBridgeAndCalls() throws Exception {
        assertThat(report.has("flowError")).as(report.path("flowError").asText()).isFalse();
        assertThat(report.get("tokenRequests").get(0).get("grant").asText()).isEqualTo("client_credentials");
        assertThat(report.get("tokenRequests").get(0).get("resource").asText()).isEqualTo(bridgeUrl);
        assertThat(report.get("token").get("aud").asText()).isEqualTo(bridgeUrl);
        assertThat(report.get("token").get("sub").asText()).isEqualTo("roo-agent");
        List<String> tools = new ArrayList<>();
        report.get("tools").forEach(t -> tools.add(t.asText()));
        assertThat(tools).containsExactlyInAnyOrder("write_file", "list_allowed_directories");
        assertThat(report.get("call").get("isError").asBoolean()).as(report.get("call").toString()).isFalse();
        assertThat(files.resolve("by-oauth.txt")).hasContent("by oauth");
    }

    @Test
    void aTokenForAnotherResourceIsRefused() {
        JsonNode other = report.get("otherAudience");
        assertThat(report.has("otherError")).as(report.path("otherError").asText()).isFalse();
        assertThat(other.get("aud").asText()).isEqualTo("https://other.example/mcp");
        assertThat(other.get("status").asInt()).isEqualTo(401);
        assertThat(other.get("challenge").asText()).contains("error=\"invalid_token\"")
                .contains("resource_metadata=\"http://127.0.0.1:");
        assertThat(other.get("connected").asBoolean()).isFalse();
        assertThat(other.get("errorCode").asInt()).as(other.get("error").asText()).isEqualTo(401);
    }
}
