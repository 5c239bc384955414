package dev.mcpbridge.github;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.mcpbridge.core.app.Bridge;
import dev.mcpbridge.core.config.BridgeConfig;
import dev.mcpbridge.core.invoke.CallContext;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A bridge serving the github adapter (every toolset) against WireMock standing in for a GitHub Enterprise Server
 * at http://127.0.0.1:PORT, whose API lives under /api/v3. Fixtures in src/test/resources/github/fixtures are full
 * GitHub REST objects with their real field names. As a JUnit extension ({@code @RegisterExtension static final}),
 * it forgets WireMock's stubs and requests before each test and stops everything after the class.
 */
final class GitHubTestSupport implements AutoCloseable, org.junit.jupiter.api.extension.BeforeEachCallback,
        org.junit.jupiter.api.extension.AfterAllCallback {

    static final String TOKEN = "ghp_TestToken0123456789abcdefABCDEF012345";
    static final ObjectMapper JSON = new ObjectMapper();

    final WireMockServer api;
    final Bridge bridge;

    private GitHubTestSupport(WireMockServer api, Bridge bridge) {
        this.api = api;
        this.bridge = bridge;
    }

    static GitHubTestSupport start() {
        return start(Map.of());
    }

    /** @param env extra environment on top of the defaults (token, host, all toolsets, fast retries) */
    static GitHubTestSupport start(Map<String, String> env) {
        WireMockServer api = new WireMockServer(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"));
        api.start();
        Map<String, String> all = new LinkedHashMap<>();
        all.put("GITHUB_HOST", "http://127.0.0.1:" + api.port());
        all.put("GITHUB_PERSONAL_ACCESS_TOKEN", TOKEN);
        all.put("GITHUB_TOOLSETS", "all");
        all.putAll(env);
        all.values().removeIf(v -> v == null);
        BridgeConfig config = new BridgeConfig();
        config.adapters = List.of("github");
        Map<String, String> overrides = new LinkedHashMap<>();
        overrides.put("github.retryBackoffMillis", "10");
        overrides.put("github.maxRetryWait", "2");
        Bridge bridge = Bridge.create(config, overrides, all);
        bridge.camel().startNow();
        return new GitHubTestSupport(api, bridge);
    }

    @Override
    public void close() {
        bridge.close();
        api.stop();
    }

    @Override
    public void beforeEach(org.junit.jupiter.api.extension.ExtensionContext context) {
        api.resetAll();
    }

    @Override
    public void afterAll(org.junit.jupiter.api.extension.ExtensionContext context) {
        close();
    }

    GitHubClient client() {
        return bridge.camel().started().join().context().getRegistry().lookupByNameAndType("gitHubClient",
                GitHubClient.class);
    }

    CallToolResult call(String tool, Map<String, Object> args) {
        return bridge.invoker().call(bridge.registry().find(tool).orElseThrow(() -> new AssertionError(
                "tool not served: " + tool)), args, CallContext.detached(tool)).block(Duration.ofSeconds(30));
    }

    /** The JSON answer of a call that must succeed. */
    JsonNode succeeds(String tool, Map<String, Object> args) {
        CallToolResult r = call(tool, args);
        org.assertj.core.api.Assertions.assertThat(r.isError()).as("%s: %s", tool, text(r)).isFalse();
        return json(r);
    }

    /** The message of a call that must be a tool error. */
    String fails(String tool, Map<String, Object> args) {
        CallToolResult r = call(tool, args);
        org.assertj.core.api.Assertions.assertThat(r.isError()).as("%s: %s", tool, text(r)).isTrue();
        return text(r);
    }

    /** owner octocat, repo hello-world and the given name/value pairs. */
    static Map<String, Object> repoArgs(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>(Map.of("owner", "octocat", "repo", "hello-world"));
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }

    static String text(CallToolResult r) {
        StringBuilder s = new StringBuilder();
        for (McpSchema.Content c : r.content()) {
            if (c instanceof McpSchema.TextContent t) {
                s.append(t.text());
            }
        }
        return s.toString();
    }

    static JsonNode json(CallToolResult r) {
        try {
            return JSON.readTree(text(r));
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + text(r), e);
        }
    }

    /** The API path of a GitHub Enterprise Server: {@code /api/v3} + the REST path. */
    static String api(String path) {
        return "/api/v3" + path;
    }

    static String fixture(String name) {
        try (InputStream in = GitHubTestSupport.class.getResourceAsStream("/github/fixtures/" + name)) {
            if (in == null) {
                throw new AssertionError("missing fixture " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A 200 JSON answer as GitHub sends it: rate-limit headers, an ETag, Vary, and the fixture as body. */
    static ResponseDefinitionBuilder ok(String fixture) {
        return json(200, fixture(fixture));
    }

    static ResponseDefinitionBuilder json(int status, String body) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json; charset=utf-8")
                .withHeader("X-RateLimit-Limit", "5000").withHeader("X-RateLimit-Remaining", "4987")
                .withHeader("X-RateLimit-Used", "13").withHeader("X-RateLimit-Resource", "core")
                .withHeader("X-RateLimit-Reset", String.valueOf(Instant.now().plusSeconds(3600).getEpochSecond()))
                .withHeader("X-GitHub-Media-Type", "github.v3; format=json")
                .withHeader("Vary", "Accept, Authorization, Cookie, X-GitHub-OTP")
                .withHeader("Cache-Control", "private, max-age=60, s-maxage=60")
                .withHeader("X-GitHub-Request-Id", "C0DE:1234:5678:9ABC:65A1B2C3")
                .withBody(body);
    }

    /** A paged answer with GitHub's Link header (next and last pages). */
    static ResponseDefinitionBuilder paged(String fixture, String path, int page, int perPage, int last) {
        StringBuilder link = new StringBuilder();
        String base = "http://127.0.0.1/api/v3" + path + "?per_page=" + perPage + "&page=";
        if (page < last) {
            link.append('<').append(base).append(page + 1).append(">; rel=\"next\", <").append(base).append(last)
                    .append(">; rel=\"last\"");
        }
        if (page > 1) {
            link.append(link.length() == 0 ? "" : ", ").append('<').append(base).append(page - 1)
                    .append(">; rel=\"prev\", <").append(base).append(1).append(">; rel=\"first\"");
        }
        ResponseDefinitionBuilder b = ok(fixture);
        return link.length() == 0 ? b : b.withHeader("Link", link.toString());
    }

    static ResponseDefinitionBuilder error(int status, String message, String docs) {
        return json(status, "{\"message\":\"" + message + "\",\"documentation_url\":\"https://docs.github.com/rest/"
                + docs + "\",\"status\":\"" + status + "\"}");
    }

    List<LoggedRequest> requests() {
        return api.findAll(com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor(
                com.github.tomakehurst.wiremock.client.WireMock.anyUrl()));
    }
}
