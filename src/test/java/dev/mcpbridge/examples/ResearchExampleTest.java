package dev.mcpbridge.examples;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.mcpbridge.core.Eventually;
import dev.mcpbridge.core.app.Bridge;
import dev.mcpbridge.core.config.BridgeConfig;
import dev.mcpbridge.core.invoke.CallContext;
import dev.mcpbridge.core.registry.ToolRegistry;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The workflow example (examples/research): a route of {@code tool:} steps over searxng, jinavigator and
 * filesystem. A loopback server stands in for SearXNG's JSON API and for the result pages.
 */
class ResearchExampleTest {

    @TempDir
    static Path reports;
    private static HttpServer web;
    private static java.util.concurrent.ExecutorService webThreads;
    private static Bridge bridge;
    private static final ConcurrentLinkedQueue<String> searches = new ConcurrentLinkedQueue<>();
    private static volatile CountDownLatch slowPageReached = new CountDownLatch(1);

    @BeforeAll
    static void start() throws IOException {
        web = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        webThreads = java.util.concurrent.Executors.newFixedThreadPool(8);
        web.setExecutor(webThreads);
        web.createContext("/search", ResearchExampleTest::search);
        web.createContext("/page/", ResearchExampleTest::page);
        web.start();
        BridgeConfig config = new BridgeConfig();
        config.adapterFolders = List.of("examples/research");
        config.adapters = List.of("research", "searxng", "jinavigator", "filesystem");
        bridge = Bridge.create(config, Map.of(), Map.of("SEARXNG_URL", base(), "JINA_ALLOW_PRIVATE", "true", "JINA_TIMEOUT_MS", "900000",
                "FILESYSTEM_DIRECTORIES", reports.toString()));
        bridge.camel().startNow();
    }

    @AfterAll
    static void stop() {
        bridge.close();
        web.stop(0);
        // The slow page still sleeps: interrupted, so that no thread outlives the test.
        webThreads.shutdownNow();
    }

    private static String base() {
        return "http://127.0.0.1:" + web.getAddress().getPort();
    }

    /** Three results for any query but "slow topic", whose one result is a page that never answers. */
    private static void search(HttpExchange exchange) throws IOException {
        String query = URLDecoder.decode(exchange.getRequestURI().getRawQuery(), StandardCharsets.UTF_8);
        searches.add(query);
        String json;
        if (query.contains("q=slow topic")) {
            json = "{\"query\":\"slow topic\",\"results\":[{\"title\":\"Slow\",\"url\":\"" + base()
                    + "/page/slow\",\"content\":\"s\",\"engine\":\"e\"}]}";
        } else {
            json = "{\"query\":\"camel\",\"number_of_results\":3,\"results\":["
                    + result("Camel routes", "/page/routes") + "," + result("Camel EIPs", "/page/eips") + ","
                    + result("Gone", "/page/missing") + "]}";
        }
        answer(exchange, 200, "application/json", json);
    }

    private static String result(String title, String path) {
        return "{\"title\":\"" + title + "\",\"url\":\"" + base() + path + "\",\"content\":\"about " + title
                + "\",\"engine\":\"duckduckgo\",\"score\":1.0}";
    }

    private static void page(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        switch (path) {
            case "/page/routes" -> answer(exchange, 200, "text/html", "<html><head><title>Routes</title></head><body>"
                    + "<article><h1>Routes</h1><p>A route moves a message from one endpoint to another.</p>"
                    + "</article></body></html>");
            case "/page/eips" -> answer(exchange, 200, "text/html", "<html><head><title>EIPs</title></head><body>"
                    + "<article><h1>EIPs</h1><p>Split, aggregate and choice are integration patterns.</p>"
                    + "</article></body></html>");
            case "/page/slow" -> {
                slowPageReached.countDown();
                try {
                    Thread.sleep(600_000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                answer(exchange, 200, "text/html", "<p>late</p>");
            }
            default -> answer(exchange, 404, "text/html", "<p>not here</p>");
        }
    }

    private static void answer(HttpExchange exchange, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", type + "; charset=utf-8");
        exchange.sendResponseHeaders(status, bytes.length);
        try (var out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static CallToolResult call(CallContext context, Map<String, Object> args) {
        return bridge.invoker().call(bridge.registry().find("research_report").orElseThrow(), args, context)
                .block(Duration.ofSeconds(90));
    }

    private static String text(CallToolResult r) {
        return ((McpSchema.TextContent) r.content().get(0)).text();
    }

    @Test
    void searchesReadsThePagesInParallelAndWritesOneReportWithTheFailedPageListed() throws IOException {
        Path report = reports.resolve("camel.md");
        CallToolResult r = call(CallContext.detached("research_report"),
                Map.of("topic", "camel", "path", report.toString()));

        assertThat(r.isError()).as(text(r)).isFalse();
        assertThat(text(r)).contains("camel").contains("3 pages").contains(report.toString());
        String markdown = Files.readString(report);
        assertThat(markdown).startsWith("# camel\n").contains("3 pages found.")
                .contains("## Camel routes").contains("A route moves a message")
                .contains("## Camel EIPs").contains("integration patterns")
                .contains("## Gone").contains("/page/missing").contains("could not be read");
        // In the order of the results, although read in parallel.
        assertThat(markdown.indexOf("## Camel routes")).isLessThan(markdown.indexOf("## Camel EIPs"));
        assertThat(markdown.indexOf("## Camel EIPs")).isLessThan(markdown.indexOf("## Gone"));
        // The default page count reached the search step as its integer argument.
        assertThat(searches).anyMatch(q -> q.contains("q=camel"));
    }

    @Test
    void aStepTheCallerMayNotCallFailsTheWorkflowNamingIt() {
        // A caller whose reach is the research tool alone: its steps may not call the tools it could not.
        ToolRegistry onlyResearch = bridge.registry().forAdapter("research");
        CallToolResult r = call(CallContext.detached("research_report").within(onlyResearch),
                Map.of("topic", "camel", "path", reports.resolve("never.md").toString()));

        assertThat(r.isError()).isTrue();
        assertThat(text(r)).contains("searxng_web_search").contains("may not call");
        assertThat(reports.resolve("never.md")).doesNotExist();
    }

    @Test
    void aWriteOutsideTheAllowedDirectoriesIsTheFilesystemToolsRefusal() {
        CallToolResult r = call(CallContext.detached("research_report"),
                Map.of("topic", "camel", "path", "/etc/mcp-bridge-research.md"));

        assertThat(r.isError()).isTrue();
        assertThat(text(r)).contains("write_file").doesNotContain("Exception").doesNotContain("\tat ");
        assertThat(Path.of("/etc/mcp-bridge-research.md")).doesNotExist();
    }

    @Test
    void cancellingTheWorkflowStopsTheStepInFlight() throws Exception {
        slowPageReached = new CountDownLatch(1);
        var camel = bridge.camel().started().join().context();
        reactor.core.Disposable pending = bridge.invoker().call(bridge.registry().find("research_report").orElseThrow(),
                Map.of("topic", "slow topic", "path", reports.resolve("slow.md").toString()),
                CallContext.detached("research_report")).subscribe();
        assertThat(slowPageReached.await(30, TimeUnit.SECONDS)).isTrue();
        assertThat(camel.getInflightRepository().size()).isPositive();

        pending.dispose();

        // The page would answer only after minutes (the reader's timeout is longer still): the workflow's exchanges
        // end because the cancellation reached the step, not because the page came.
        Eventually.until(Duration.ofSeconds(60), () -> camel.getInflightRepository().size() == 0);
        assertThat(reports.resolve("slow.md")).doesNotExist();
    }
}
