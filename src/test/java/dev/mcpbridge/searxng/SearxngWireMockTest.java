package dev.mcpbridge.searxng;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static dev.mcpbridge.searxng.SearxngBridges.call;
import static dev.mcpbridge.searxng.SearxngBridges.data;
import static dev.mcpbridge.searxng.SearxngBridges.text;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.mcpbridge.core.app.Bridge;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What a real instance will not do on demand: refuse JSON, fail, hang, answer garbage, lose every engine. */
class SearxngWireMockTest {

    private static final String OK = """
            {"query":"q","number_of_results":1,"results":[{"title":"T\\u202e1","url":"https://a.example/x",
             "content":"c","engine":"e1","engines":["e1"],"score":1.5}],"answers":["42"],"corrections":["qq"],
             "infoboxes":[{"infobox":"Box","content":"About q"}],"suggestions":["q more"],"unresponsive_engines":[]}
            """;
    private static WireMockServer first;
    private static WireMockServer second;

    @BeforeAll
    static void start() {
        first = new WireMockServer(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"));
        second = new WireMockServer(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"));
        first.start();
        second.start();
    }

    @AfterAll
    static void stop() {
        first.stop();
        second.stop();
    }

    @BeforeEach
    void reset() {
        first.resetAll();
        second.resetAll();
    }

    private static Bridge bridge(String urls, String... extra) {
        // A generous timeout: on a loaded machine a first call can take most of a second before its request leaves,
        // and only the test about timeouts wants one to fire.
        Map<String, Object> settings = new java.util.HashMap<>(Map.of("url", urls, "timeoutMs", "15000",
                "cacheTtlSeconds", "0"));
        for (int i = 0; i < extra.length; i += 2) {
            settings.put(extra[i], extra[i + 1]);
        }
        return SearxngBridges.start(settings);
    }

    private static String url(WireMockServer server) {
        return "http://127.0.0.1:" + server.port();
    }

    @Test
    void jsonDisabledTellsTheOperatorWhichSettingToEnable() {
        first.stubFor(get(urlPathEqualTo("/search")).willReturn(aResponse().withStatus(403).withBody("Forbidden")));
        try (Bridge bridge = bridge(url(first))) {
            CallToolResult r = call(bridge, "searxng_web_search", Map.of("query", "q"));
            assertThat(r.isError()).isTrue();
            assertThat(text(r)).contains("HTTP 403", "search.formats", "json");
        }
    }

    @Test
    void aServerErrorFailsOverToTheNextInstance() {
        first.stubFor(get(urlPathEqualTo("/search")).willReturn(aResponse().withStatus(502)));
        second.stubFor(get(urlPathEqualTo("/search")).willReturn(aResponse().withBody(OK)));
        try (Bridge bridge = bridge(url(first) + "," + url(second))) {
            CallToolResult r = call(bridge, "searxng_web_search", Map.of("query", "q"));
            assertThat(r.isError()).isFalse();
            assertThat(data(r).get("served_by")).isEqualTo(List.of(url(second)));
        }
    }

    @Test
    void aSlowInstanceTimesOutAndTheNextAnswers() {
        first.stubFor(get(urlPathEqualTo("/search")).willReturn(aResponse().withBody(OK).withFixedDelay(20_000)));
        second.stubFor(get(urlPathEqualTo("/search")).willReturn(aResponse().withBody(OK)));
        try (Bridge bridge = bridge(url(first) + "," + url(second), "timeoutMs", "3000")) {
            CallToolResult r = call(bridge, "searxng_web_search", Map.of("query", "q"));
            assertThat(r.isError()).isFalse();
            assertThat(data(r).get("served_by")).isEqualTo(List.of(url(second)));
        }
        try (Bridge alone = bridge(url(first), "timeoutMs", "3000")) {
            CallToolResult r = call(alone, "searxng_web_search", Map.of("query", "q"));
            assertThat(r.isError()).isTrue();
            assertThat(text(r)).contains("no answer within 3000 ms");
        }
    }

    @Test
    void malformedJsonIsAClearError() {
        first.stubFor(get(urlPathEqualTo("/search")).willReturn(aResponse().withBody("<html>not json")));
        try (Bridge bridge = bridge(url(first))) {
            CallToolResult r = call(bridge, "searxng_web_search", Map.of("query", "q"));
            assertThat(r.isError()).isTrue();
            assertThat(text(r)).contains("not valid JSON");
        }
    }

    @Test
    void everyEngineFailedIsAnErrorDespiteHttp200() {
        first.stubFor(get(urlPathEqualTo("/search")).willReturn(aResponse().withBody("""
                {"query":"q","results":[],"answers":[],"infoboxes":[],"suggestions":[],
                 "unresponsive_engines":[["google","timeout"],["bing","HTTP error"]]}""")));
        try (Bridge bridge = bridge(url(first))) {
            CallToolResult r = call(bridge, "searxng_web_search", Map.of("query", "q"));
            assertThat(r.isError()).isTrue();
            assertThat(text(r)).contains("every engine failed: google (timeout), bing (HTTP error)");
        }
    }

    @Test
    void answersCorrectionsInfoboxesAndSuggestionsAreIncludedAndTextIsCleaned() {
        first.stubFor(get(urlPathEqualTo("/search")).willReturn(aResponse().withBody(OK)));
        try (Bridge bridge = bridge(url(first))) {
            CallToolResult r = call(bridge, "searxng_web_search",
                    Map.of("query", "q", "time_range", "week", "language", "fr", "safesearch", "2"));
            assertThat(text(r)).contains("Answers:\n- 42", "Did you mean: qq", "Infobox: Box", "Suggestions: q more",
                    "Title: T1").doesNotContain("\u202e");
            first.verify(getRequestedFor(urlPathEqualTo("/search")).withQueryParam("q", equalTo("q"))
                    .withQueryParam("format", equalTo("json")).withQueryParam("time_range", equalTo("week"))
                    .withQueryParam("language", equalTo("fr")).withQueryParam("safesearch", equalTo("2"))
                    .withQueryParam("pageno", equalTo("1")));
        }
    }

    @Test
    void credentialsInTheUrlBecomeBasicAuthAndNeverShow() {
        first.stubFor(get(urlPathEqualTo("/search")).willReturn(aResponse().withStatus(500)));
        try (Bridge bridge = bridge("http://user:p%40ss@127.0.0.1:" + first.port())) {
            CallToolResult r = call(bridge, "searxng_web_search", Map.of("query", "q"));
            assertThat(text(r)).doesNotContain("p@ss").doesNotContain("p%40ss").doesNotContain("user:");
            first.verify(getRequestedFor(urlPathEqualTo("/search")).withHeader("Authorization",
                    equalTo("Basic " + Base64.getEncoder().encodeToString("user:p@ss".getBytes()))));
        }
    }

    @Test
    void identicalSearchesAreAnsweredFromTheCache() {
        first.stubFor(get(urlPathEqualTo("/search")).willReturn(aResponse().withBody(OK)));
        try (Bridge bridge = bridge(url(first), "cacheTtlSeconds", "60")) {
            call(bridge, "searxng_web_search", Map.of("query", "q"));
            call(bridge, "searxng_web_search", Map.of("query", "q"));
            call(bridge, "searxng_web_search", Map.of("query", "q", "pageno", 2));
            assertThat(first.findAll(getRequestedFor(urlPathEqualTo("/search")))).hasSize(2);
        }
    }

    @Test
    void suggestionsReadBothAutocompleterShapes() {
        first.stubFor(get(urlPathEqualTo("/autocompleter")).willReturn(aResponse().withBody("[\"cam\",[\"camel\",\"camera\"]]")));
        second.stubFor(get(urlPathEqualTo("/autocompleter")).willReturn(aResponse().withBody("[\"camel\",\"camera\"]")));
        try (Bridge a = bridge(url(first)); Bridge b = bridge(url(second))) {
            assertThat(text(call(a, "searxng_search_suggestions", Map.of("query", "cam")))).isEqualTo("camel\ncamera");
            assertThat(text(call(b, "searxng_search_suggestions", Map.of("query", "cam")))).isEqualTo("camel\ncamera");
        }
    }

    @Test
    void badArgumentsAreRefusedBeforeAnyRequest() {
        try (Bridge bridge = bridge(url(first))) {
            CallToolResult r = call(bridge, "searxng_web_search", Map.of("query", "q", "time_range", "decade"));
            assertThat(r.isError()).isTrue();
            assertThat(text(r)).startsWith("Invalid arguments for tool 'searxng_web_search'").contains("time_range");
            assertThat(first.getAllServeEvents()).isEmpty();
        }
    }

    @Test
    void aBadInstanceUrlStopsStartUp() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> bridge("ftp://nope"))
                .hasMessageContaining("is not an http(s) URL");
    }
}
