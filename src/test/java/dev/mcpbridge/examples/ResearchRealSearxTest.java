package dev.mcpbridge.examples;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.mcpbridge.core.app.Bridge;
import dev.mcpbridge.core.config.BridgeConfig;
import dev.mcpbridge.core.invoke.CallContext;
import dev.mcpbridge.searxng.SearxServer;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The workflow example (examples/research) against a real SearXNG-API server (Debian's searx, two offline engines
 * whose results point at pages served here on loopback): what a user runs, with nothing standing in for the search.
 * Skipped, with the reason, where searx is not installed.
 */
class ResearchRealSearxTest {

    @TempDir
    static Path searxDir;
    @TempDir
    static Path reports;
    private static HttpServer pages;
    private static SearxServer searx;
    private static Bridge bridge;

    @BeforeAll
    static void start() throws Exception {
        pages = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        pages.createContext("/page/", ResearchRealSearxTest::page);
        pages.start();
        searx = SearxServer.start(searxDir, "http://127.0.0.1:" + pages.getAddress().getPort() + "/page");
        BridgeConfig config = new BridgeConfig();
        config.adapterFolders = List.of("examples/research");
        config.adapters = List.of("research", "searxng", "jinavigator", "filesystem");
        bridge = Bridge.create(config, Map.of(), Map.of("SEARXNG_URL", searx.url(), "JINA_ALLOW_PRIVATE", "true",
                "FILESYSTEM_DIRECTORIES", reports.toString()));
        bridge.camel().startNow();
    }

    @AfterAll
    static void stop() {
        if (bridge != null) {
            bridge.close();
        }
        if (searx != null) {
            searx.close();
        }
        if (pages != null) {
            pages.stop(0);
        }
    }

    /** The page about Camel routes exists; the "other" result's page is gone (404). */
    private static void page(HttpExchange exchange) throws IOException {
        boolean camel = exchange.getRequestURI().getPath().equals("/page/camel");
        byte[] body = (camel ? "<html><head><title>Camel</title></head><body><article><h1>Camel routes</h1>"
                + "<p>A route reads from one endpoint and sends to another, step by step.</p></article></body></html>"
                : "<p>not here</p>").getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
        exchange.sendResponseHeaders(camel ? 200 : 404, body.length);
        try (var out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    @Test
    void theReportHoldsTheAggregatedResultsPageAndNamesThePageThatIsGone() throws IOException {
        Path report = reports.resolve("camel.md");
        CallToolResult r = bridge.invoker().call(bridge.registry().find("research_report").orElseThrow(),
                Map.of("topic", "camel", "path", report.toString()), CallContext.detached("research_report"))
                .block(Duration.ofSeconds(120));

        String text = ((McpSchema.TextContent) r.content().get(0)).text();
        assertThat(r.isError()).as(text).isFalse();
        String markdown = Files.readString(report);
        // searx merged alpha's and beta's entry for /page/camel into one result; beta alone found /page/other.
        assertThat(markdown).startsWith("# camel\n").contains("2 pages found.")
                .contains("/page/camel").contains("A route reads from one endpoint")
                .contains("/page/other").contains("could not be read");
        assertThat(markdown.split("\n## ", -1)).hasSize(3);
    }
}
