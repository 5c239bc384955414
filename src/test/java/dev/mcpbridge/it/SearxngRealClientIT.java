package dev.mcpbridge.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mcpbridge.searxng.SearxServer;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The searxng adapter of the built jar, over stdio, driven by the official MCP TypeScript SDK client
 * ({@code src/test/resources/searxng/searxng-client-check.mjs}) against a real searx (Debian's package) on loopback
 * with two offline sqlite engines that share a URL, and a page served here for web_url_read.
 *
 * <p>The searx start-up is a copy of the minimal logic of {@code dev.mcpbridge.searxng.SearxServer} (package-private
 * there); its settings script is {@code src/test/resources/searxng/searx_setup.py}.
 */
class SearxngRealClientIT {

    private static final long CLIENT_TIMEOUT_SECONDS = 150;
    private static final List<String> TOOLS = List.of("searxng_web_search", "searxng_search_suggestions",
            "searxng_instance_info", "web_url_read");
    private static final String PAGE = """
            <!doctype html>
            <html><head><meta charset="utf-8"><title>Loopback test page</title>
            <script>var tracking = 'must not be read';</script></head>
            <body><nav><a href="/elsewhere">Navigation that must not be read</a></nav>
            <main>
              <h1>Loopback test page</h1>
              <p>First paragraph about <a href="/camel">Camel routes</a>.</p>
              <h2>Second section</h2>
              <p>Text of the second section.</p>
              <table><thead><tr><th>engine</th><th>score</th></tr></thead>
                <tbody><tr><td>alpha</td><td>2</td></tr></tbody></table>
              <pre><code class="language-yaml">from: direct:start</code></pre>
              <h2>Third section</h2>
              <p>Text of the third section.</p>
            </main></body></html>
            """;

    private static Path dir;
    private static SearxServer searx;
    private static String searxUrl;
    private static HttpServer pages;

    private final ObjectMapper json = new ObjectMapper();

    /** Why the test cannot run on this machine, or null. Checked here, reported as a skip by {@link #assumeReady}. */
    private static String missing;

    @BeforeAll
    static void startServers() throws Exception {
        Path sdk = ItEnv.jsDir().resolve("node_modules/@modelcontextprotocol/sdk");
        missing = SearxServer.missing();
        if (missing == null && !Files.isDirectory(sdk)) {
            missing = sdk + " is missing: the JS dependencies are not installed (run `npm ci` in src/test/js, or "
                    + "build without -Dskip.npm)";
        }
        if (missing != null) {
            return;
        }
        dir = Files.createTempDirectory("searx-it");
        searx = SearxServer.start(dir);
        searxUrl = searx.url();
        pages = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        pages.createContext("/page.html", exchange -> {
            byte[] body = PAGE.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        pages.start();
    }

    @AfterAll
    static void stopServers() {
        if (pages != null) {
            pages.stop(0);
        }
        if (searx != null) {
            searx.close();
        }
        if (dir != null) {
            try (var files = Files.walk(dir)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            } catch (IOException e) {
                // a temporary directory left behind is harmless
            }
        }
    }

    @BeforeEach
    void assumeReady() {
        // A skip in @BeforeAll would not be counted as one; here the test shows as skipped, with the reason.
        assumeTrue(missing == null, () -> missing);
        ItEnv.assumeJsDeps("@modelcontextprotocol/sdk"); // also fails (not skips) when the jar is not built
    }

    @Test
    void theTypeScriptClientUsesEveryTool() throws Exception {
        int pagePort = pages.getAddress().getPort();
        String pageUrl = "http://127.0.0.1:" + pagePort + "/page.html";
        JsonNode r = runClient(pageUrl, searxUrl + "/config");
        String where = "report " + r;

        assertThat(r.at("/initialize/ok").asBoolean()).as("initialize; %s", where).isTrue();
        assertThat(r.path("transportErrors")).as("transport errors; %s", where).isEmpty();

        List<String> names = new ArrayList<>();
        r.at("/toolsList/names").forEach(n -> names.add(n.asText()));
        assertThat(names).as("tools/list; %s", where).containsExactlyInAnyOrderElementsOf(TOOLS);
        List<String> withSchema = new ArrayList<>();
        r.at("/toolsList/withOutputSchema").forEach(n -> withSchema.add(n.asText()));
        assertThat(withSchema).as("tools with an outputSchema; %s", where)
                .contains("searxng_web_search", "searxng_search_suggestions", "searxng_instance_info");

        // One result found by two engines (the SDK has validated structuredContent against the outputSchema).
        JsonNode search = r.path("search");
        assertThat(search.path("ok").asBoolean()).as("search answered; %s", where).isTrue();
        assertThat(search.path("isError").asBoolean()).as("search isError; %s", where).isFalse();
        JsonNode data = search.path("structuredContent");
        assertThat(data.isObject()).as("search structuredContent; %s", where).isTrue();
        assertThat(data.path("query").asText()).isEqualTo("camel");
        List<JsonNode> both = new ArrayList<>();
        data.path("results").forEach(res -> {
            if (engines(res).containsAll(List.of("alpha", "beta"))) {
                both.add(res);
            }
        });
        assertThat(both).as("results found by alpha and beta; %s", where).hasSize(1);
        assertThat(both.get(0).path("url").asText()).isEqualTo("https://example.org/camel");
        assertThat(engines(both.get(0))).containsExactly("alpha", "beta");
        assertThat(data.path("results").get(0).path("url").asText()).as("best result first; %s", where)
                .isEqualTo("https://example.org/camel");
        assertThat(data.path("unresponsive_engines")).as("unresponsive engines; %s", where).isEmpty();
        assertThat(data.path("served_by").toString()).contains(searxUrl);
        assertThat(search.path("text").asText()).as("search text; %s", where)
                .contains("URL: https://example.org/camel", "Engines: alpha, beta", "Relevance Score:",
                        "URL: https://example.org/other");

        JsonNode info = r.path("instanceInfo");
        assertThat(info.path("isError").asBoolean()).as("instance info; %s", where).isFalse();
        JsonNode instance = info.at("/structuredContent/instances/0");
        assertThat(instance.path("url").asText()).isEqualTo(searxUrl);
        assertThat(instance.path("categories").toString()).contains("\"general\"", "\"it\"");
        assertThat(instance.path("engines").toString()).contains("\"alpha\"", "\"beta\"", "\"broken\"");

        // searx 1.1 offers only online autocompleters, so the test instance has autocomplete off: no suggestions,
        // and a result that says so rather than an error.
        JsonNode suggestions = r.path("suggestions");
        assertThat(suggestions.path("ok").asBoolean()).as("suggestions answered; %s", where).isTrue();
        assertThat(suggestions.path("isError").asBoolean()).as("suggestions isError; %s", where).isFalse();
        assertThat(suggestions.at("/structuredContent/query").asText()).isEqualTo("cam");
        assertThat(suggestions.at("/structuredContent/suggestions").isArray()).as(where).isTrue();
        assertThat(suggestions.path("text").asText()).contains("No suggestions for \"cam\"");

        JsonNode page = r.path("urlRead");
        assertThat(page.path("isError").asBoolean()).as("web_url_read; %s", where).isFalse();
        assertThat(page.path("text").asText()).as("web_url_read Markdown; %s", where)
                .contains("# Loopback test page", "## Second section", "Text of the third section.",
                        "[Camel routes](http://127.0.0.1:" + pagePort + "/camel)", "| engine | score |",
                        "```", "from: direct:start")
                .doesNotContain("must not be read");
        JsonNode section = r.path("urlReadSection");
        assertThat(section.path("isError").asBoolean()).as("web_url_read section; %s", where).isFalse();
        assertThat(section.path("text").asText()).as("web_url_read section; %s", where)
                .startsWith("## Second section").contains("Text of the second section.")
                .doesNotContain("Third section");
        assertThat(r.at("/urlReadHeadings/text").asText()).as("web_url_read headings; %s", where)
                .isEqualTo("- Loopback test page\n  - Second section\n  - Third section");
        // Only 127.0.0.1:<page port> is allowed: the searx port on the same address is still refused.
        JsonNode forbidden = r.path("urlReadForbidden");
        assertThat(forbidden.path("ok").asBoolean()).as("forbidden read answered; %s", where).isTrue();
        assertThat(forbidden.path("isError").asBoolean()).as("forbidden read isError; %s", where).isTrue();
        assertThat(forbidden.path("text").asText()).contains("loopback");

        // Invalid arguments are a tool execution error the model can read, not a protocol error.
        JsonNode validation = r.path("validation");
        assertThat(validation.path("ok").asBoolean()).as("validation answered with a result; %s", where).isTrue();
        assertThat(validation.path("isError").asBoolean()).as("validation isError; %s", where).isTrue();
        assertThat(validation.path("text").asText()).as("validation text; %s", where)
                .startsWith("Invalid arguments for tool 'searxng_web_search'").contains("query");
    }

    private static List<String> engines(JsonNode result) {
        List<String> engines = new ArrayList<>();
        result.path("engines").forEach(e -> engines.add(e.asText()));
        return engines;
    }

    /** Runs searxng-client-check.mjs against {@code java -jar mcp-bridge.jar --adapter searxng}. */
    private JsonNode runClient(String pageUrl, String forbiddenUrl) throws Exception {
        Path script = resource("searxng/searxng-client-check.mjs");
        Path logs = ItEnv.logDir();
        Path out = logs.resolve("SearxngRealClientIT.client.stdout.log");
        Path err = logs.resolve("SearxngRealClientIT.client.stderr.log");
        List<String> command = new ArrayList<>(List.of(ItEnv.node(), script.toString(),
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xlog:disable", "-Xlog:all=warning:stderr", "-jar", ItEnv.jar().toString(), "--adapter", "searxng"));
        ProcessBuilder builder = new ProcessBuilder(command).directory(ItEnv.jsDir().toFile())
                .redirectInput(ProcessBuilder.Redirect.PIPE)
                .redirectOutput(out.toFile())
                .redirectError(err.toFile());
        Map<String, String> env = builder.environment();
        env.put("MCP_SDK_DIR", ItEnv.jsDir().toString());
        env.put("PAGE_URL", pageUrl);
        env.put("FORBIDDEN_URL", forbiddenUrl);
        env.put("SEARXNG_URL", searxUrl);
        env.put("SEARXNG_TIMEOUT_MS", "10000");
        env.put("WEB_URL_READ_ALLOW_HOSTS", "127.0.0.1:" + java.net.URI.create(pageUrl).getPort());
        env.remove("WEB_URL_READ_ALLOW_PRIVATE");
        env.remove("HTTPS_PROXY");
        Process process = builder.start();
        try {
            process.getOutputStream().close();
            boolean done = process.waitFor(CLIENT_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            assertThat(done).as("searxng-client-check finished within %d s; stderr (%s):%n%s", CLIENT_TIMEOUT_SECONDS,
                    err, ItEnv.tail(err, 40)).isTrue();
            assertThat(process.exitValue()).as("searxng-client-check exit code; stderr (%s):%n%s", err,
                    ItEnv.tail(err, 40)).isZero();
        } finally {
            ItEnv.stop(process);
        }
        String stdout = Files.readString(out, StandardCharsets.UTF_8).strip();
        assertThat(stdout).as("searxng-client-check stdout (%s)", out).isNotEmpty().doesNotContain("\n");
        return json.readTree(stdout);
    }

    private static Path resource(String name) throws Exception {
        URL url = SearxngRealClientIT.class.getClassLoader().getResource(name);
        assertThat(url).as("test resource %s", name).isNotNull();
        return Path.of(url.toURI());
    }
}
