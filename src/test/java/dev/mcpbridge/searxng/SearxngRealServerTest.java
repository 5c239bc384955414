package dev.mcpbridge.searxng;

import static dev.mcpbridge.searxng.SearxngBridges.call;
import static dev.mcpbridge.searxng.SearxngBridges.data;
import static dev.mcpbridge.searxng.SearxngBridges.text;
import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpbridge.core.app.Bridge;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The searxng adapter against a real searx server (Debian package) on loopback. */
class SearxngRealServerTest {

    private static SearxServer searx;
    private static Path dir;

    @BeforeAll
    static void start() throws Exception {
        dir = Files.createTempDirectory("searx-test");
        searx = SearxServer.start(dir);
    }

    @AfterAll
    static void stop() {
        if (searx != null) {
            searx.close();
        }
    }

    private static Bridge bridge(String urls, String mode) {
        return SearxngBridges.start(Map.of("url", urls, "mode", mode, "timeoutMs", "5000", "cacheTtlSeconds", "0"));
    }

    @Test
    @SuppressWarnings("unchecked")
    void aResultFoundByTwoEnginesIsOneResultWithBothEngines() {
        try (Bridge bridge = bridge(searx.url(), "failover")) {
            CallToolResult r = call(bridge, "searxng_web_search", Map.of("query", "camel"));
            assertThat(r.isError()).as(text(r)).isFalse();
            List<Map<String, Object>> results = (List<Map<String, Object>>) data(r).get("results");
            assertThat(results).extracting(m -> m.get("url"))
                    .containsExactly("https://example.org/camel", "https://example.org/other");
            assertThat(results.get(0).get("engines")).isEqualTo(List.of("alpha", "beta"));
            assertThat(((Number) results.get(0).get("score")).doubleValue())
                    .isGreaterThan(((Number) results.get(1).get("score")).doubleValue());
            // searx keeps the title of whichever engine answered first; both are right.
            assertThat(text(r)).containsPattern("Title: Camel (routes|YAML DSL)")
                    .contains("URL: https://example.org/camel", "Engines: alpha, beta", "Relevance Score:");
            assertThat(data(r).get("served_by")).isEqualTo(List.of(searx.url()));
        }
    }

    @Test
    void compactAndJsonFormatsAndTheResultCap() {
        try (Bridge bridge = bridge(searx.url(), "failover")) {
            CallToolResult compact = call(bridge, "searxng_web_search",
                    Map.of("query", "camel", "result_detail", "compact", "num_results", 1));
            assertThat(text(compact)).matches("Title: Camel (routes|YAML DSL)\nDescription: .*\nURL: https://example.org/camel");
            CallToolResult json = call(bridge, "searxng_web_search", Map.of("query", "camel", "response_format", "json"));
            assertThat(text(json)).startsWith("{").contains("\"unresponsive_engines\"");
        }
    }

    @Test
    void minScoreLeavesOutLowerScoresAndNumericArgumentsAreAccepted() {
        try (Bridge bridge = bridge(searx.url(), "failover")) {
            CallToolResult r = call(bridge, "searxng_web_search", Map.of("query", "camel", "min_score", 0.9));
            assertThat((List<?>) data(r).get("results")).hasSize(1);
            CallToolResult numeric = call(bridge, "searxng_web_search",
                    Map.of("query", "camel", "pageno", 1.0, "safesearch", 1));
            assertThat(numeric.isError()).as(text(numeric)).isFalse();
            assertThat((List<?>) data(numeric).get("results")).hasSize(2);
        }
    }

    @Test
    void pagingPassesThePageNumber() {
        try (Bridge bridge = bridge(searx.url(), "failover")) {
            CallToolResult second = call(bridge, "searxng_web_search", Map.of("query", "camel", "pageno", 2));
            assertThat(second.isError()).isFalse();
            assertThat(data(second).get("results")).isEqualTo(List.of());
            assertThat(text(second)).contains("No results found for \"camel\"");
        }
    }

    @Test
    void whenEveryEngineFailsTheToolFailsWithTheEnginesReasons() {
        try (Bridge bridge = bridge(searx.url(), "failover")) {
            CallToolResult r = call(bridge, "searxng_web_search", Map.of("query", "camel", "categories", "IT"));
            assertThat(r.isError()).isTrue();
            assertThat(text(r)).contains("every engine failed", "broken");
        }
    }

    @Test
    void anEngineFailureBesideResultsIsReported() {
        try (Bridge bridge = bridge(searx.url(), "failover")) {
            CallToolResult r = call(bridge, "searxng_web_search",
                    Map.of("query", "camel", "engines", "alpha,broken"));
            assertThat(r.isError()).isFalse();
            assertThat(text(r)).contains("Engines that did not answer: broken");
            assertThat(data(r).get("unresponsive_engines").toString()).contains("broken");
        }
    }

    @Test
    void failoverSkipsADeadInstance() throws Exception {
        String dead = "http://127.0.0.1:" + SearxServer.freePort();
        try (Bridge bridge = bridge(dead + "," + searx.url(), "failover")) {
            CallToolResult r = call(bridge, "searxng_web_search", Map.of("query", "camel"));
            assertThat(r.isError()).isFalse();
            assertThat(data(r).get("served_by")).isEqualTo(List.of(searx.url()));
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void fanoutMergesTheSameResultFromSeveralInstances() throws Exception {
        String dead = "http://127.0.0.1:" + SearxServer.freePort();
        try (Bridge one = bridge(searx.url(), "failover");
                Bridge two = bridge(searx.url() + "," + searx.url() + "/," + dead, "fanout")) {
            double single = ((Number) ((List<Map<String, Object>>) data(call(one, "searxng_web_search",
                    Map.of("query", "camel"))).get("results")).get(0).get("score")).doubleValue();
            CallToolResult r = call(two, "searxng_web_search", Map.of("query", "camel"));
            List<Map<String, Object>> results = (List<Map<String, Object>>) data(r).get("results");
            assertThat(results).hasSize(2);
            assertThat(((Number) results.get(0).get("score")).doubleValue()).isEqualTo(2 * single);
            assertThat((List<String>) data(r).get("served_by")).hasSize(2);
            assertThat(text(r)).contains("Instances that failed: " + dead + ": cannot connect");
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void instanceInfoListsCategoriesAndEngines() {
        try (Bridge bridge = bridge(searx.url(), "failover")) {
            CallToolResult r = call(bridge, "searxng_instance_info", Map.of("includeEngines", true));
            assertThat(r.isError()).as(text(r)).isFalse();
            Map<String, Object> info = ((List<Map<String, Object>>) data(r).get("instances")).get(0);
            assertThat((List<String>) info.get("categories")).contains("general", "it");
            assertThat((List<String>) info.get("engines")).containsAll(SearxServer.engines());
            CallToolResult it = call(bridge, "searxng_instance_info", Map.of("includeEngines", true, "category", "it"));
            Map<String, Object> itInfo = ((List<Map<String, Object>>) data(it).get("instances")).get(0);
            assertThat((List<String>) itInfo.get("engines")).containsExactly("broken");
        }
    }

    @Test
    void suggestionsSayWhenTheInstanceHasAutocompleteOff() {
        try (Bridge bridge = bridge(searx.url(), "failover")) {
            CallToolResult r = call(bridge, "searxng_search_suggestions", Map.of("query", "cam"));
            assertThat(r.isError()).isFalse();
            assertThat(text(r)).startsWith("No suggestions for \"cam\"");
        }
    }
}
