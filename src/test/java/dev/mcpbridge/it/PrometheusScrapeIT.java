package dev.mcpbridge.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real Prometheus server (Debian's {@code prometheus}) scrapes the bridge's {@code /metrics}, with the same
 * bearer token as {@code /mcp}, and finds the per-tool series of the calls made.
 */
class PrometheusScrapeIT {

    private static final Path PROMETHEUS = Path.of("/usr/bin/prometheus");
    private static final String TOKEN = "it-metrics-token-0123456789";
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @TempDir
    Path dir;

    @Test
    void prometheusScrapesPerToolSeriesAfterCalls() throws Exception {
        assumeTrue(Files.isExecutable(PROMETHEUS), "Debian package 'prometheus' is not installed");
        Path files = Files.createDirectories(dir.resolve("files"));
        Files.writeString(files.resolve("a.txt"), "alpha\n");
        try (HttpBridge bridge = HttpBridge.start("prometheus", "--stateless", "--http-token", TOKEN,
                "--adapter", "filesystem", files.toString())) {
            HttpResponse<String> unauthorized = http.send(HttpRequest.newBuilder(URI.create(bridge.url("/metrics")))
                    .GET().build(), HttpResponse.BodyHandlers.ofString());
            assertThat(unauthorized.statusCode()).isEqualTo(401);
            rpc(bridge, 1, "initialize", "{\"protocolVersion\":\"2025-06-18\",\"capabilities\":{},"
                    + "\"clientInfo\":{\"name\":\"it\",\"version\":\"1\"}}");
            for (int i = 0; i < 3; i++) {
                JsonNode result = rpc(bridge, 2 + i, "tools/call", "{\"name\":\"read_text_file\",\"arguments\":"
                        + JSON.writeValueAsString(java.util.Map.of("path", files.resolve("a.txt").toString())) + "}");
                assertThat(result.path("result").path("isError").asBoolean()).as(result.toString()).isFalse();
            }
            rpc(bridge, 9, "tools/call", "{\"name\":\"read_text_file\",\"arguments\":{\"path\":\"/no/such/file\"}}");

            int port = ItEnv.freePort();
            Path config = dir.resolve("prometheus.yml");
            Files.writeString(config, """
                    global: { scrape_interval: 1s, scrape_timeout: 1s }
                    scrape_configs:
                      - job_name: mcp-bridge
                        metrics_path: /metrics
                        authorization: { type: Bearer, credentials: %s }
                        static_configs: [ { targets: [ "127.0.0.1:%d" ] } ]
                    """.formatted(TOKEN, bridge.port));
            Process prometheus = new ProcessBuilder(PROMETHEUS.toString(), "--config.file=" + config,
                    "--storage.tsdb.path=" + dir.resolve("tsdb"), "--web.listen-address=127.0.0.1:" + port)
                    .redirectErrorStream(true).redirectOutput(ItEnv.logDir().resolve("prometheus.log").toFile()).start();
            try {
                String query = "http://127.0.0.1:" + port + "/api/v1/query?query=" + URLEncoder.encode(
                        "mcp_tool_calls_seconds_count{tool=\"read_text_file\"}", StandardCharsets.UTF_8);
                JsonNode series = awaitSeries(query, 2);
                assertThat(series.toString()).contains("\"outcome\":\"ok\"").contains("\"outcome\":\"error\"")
                        .contains("\"adapter\":\"filesystem\"");
                for (JsonNode one : series) {
                    String outcome = one.path("metric").path("outcome").asText();
                    assertThat(one.path("value").get(1).asText()).isEqualTo(outcome.equals("ok") ? "3" : "1");
                }
            } finally {
                prometheus.destroy();
                prometheus.waitFor();
            }
        }
    }

    /** Polls Prometheus's query API until it holds {@code count} series (a scrape happens every second). */
    private JsonNode awaitSeries(String query, int count) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        String last = "";
        while (System.nanoTime() < deadline) {
            try {
                HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(query)).GET().build(),
                        HttpResponse.BodyHandlers.ofString());
                last = answer.body();
                JsonNode result = JSON.readTree(last).path("data").path("result");
                if (result.size() >= count) {
                    return result;
                }
            } catch (java.io.IOException notYetUp) {
                last = notYetUp.toString();
            }
            Thread.sleep(250);
        }
        throw new AssertionError("Prometheus did not find " + count + " series; its last answer: " + last);
    }

    private JsonNode rpc(HttpBridge bridge, int id, String method, String params) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(bridge.url("/mcp")))
                .header("Authorization", "Bearer " + TOKEN)
                .header("Content-Type", "application/json")
                .header("Accept", "application/json, text/event-stream")
                .POST(HttpRequest.BodyPublishers.ofString("{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"method\":\""
                        + method + "\",\"params\":" + params + "}"))
                .build();
        HttpResponse<String> answer = http.send(request, HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        return JSON.readTree(answer.body());
    }
}
