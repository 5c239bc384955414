package dev.mcpbridge.core.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mcpbridge.core.Eventually;
import dev.mcpbridge.core.TestBridges;
import dev.mcpbridge.core.app.Bridge;
import dev.mcpbridge.core.config.BridgeConfig;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.camel.CamelContext;
import org.apache.camel.Route;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The call route: every tool gets one, and each of its steps does its work on every call. */
class CallPipelineTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private Bridge testkit(Path audit) {
        Bridge bridge = TestBridges.testkit(Map.of("TESTKIT_API_KEY", "sk-test-0123456789"), c -> {
            c.auditLog = audit == null ? null : audit.toString();
            c.toolTimeouts.put("sleep", "300ms");
        });
        bridge.metrics().enable();
        bridge.camel().startNow();
        return bridge;
    }

    @Test
    void everyServedToolHasItsRouteMadeFromTheOneTemplate() {
        try (Bridge bridge = testkit(null)) {
            CamelContext camel = bridge.camel().started().join().context();
            List<String> callRoutes = new ArrayList<>();
            for (Route route : camel.getRoutes()) {
                if (route.getRouteId().startsWith("call.") && !route.getRouteId().equals("call.audit")) {
                    callRoutes.add(route.getRouteId());
                    assertThat(route.isCreatedByRouteTemplate()).isTrue();
                }
            }
            assertThat(((org.apache.camel.model.ModelCamelContext) camel).getRouteTemplateDefinitions())
                    .extracting(org.apache.camel.model.RouteTemplateDefinition::getId).containsExactly("tool-call");
            assertThat(callRoutes).containsExactlyInAnyOrderElementsOf(
                    bridge.registry().tools().stream().map(t -> "call." + t.exposedName()).toList());
        }
    }

    @Test
    void metricsCountCallsErrorsAndDurationsPerTool() {
        try (Bridge bridge = testkit(null)) {
            TestBridges.call(bridge, "greet", Map.of("name", "Ada"));
            TestBridges.call(bridge, "greet", Map.of("name", "Bob"));
            TestBridges.call(bridge, "refuse", Map.of());
            String text = bridge.metrics().scrape();
            assertThat(text)
                    .contains("mcp_tool_calls_seconds_count{adapter=\"testkit\",outcome=\"ok\",tool=\"greet\"} 2")
                    .contains("mcp_tool_calls_seconds_bucket{adapter=\"testkit\",outcome=\"ok\",tool=\"greet\",le=")
                    .contains("mcp_tool_calls_seconds_count{adapter=\"testkit\",outcome=\"error\",tool=\"refuse\"} 1")
                    .contains("mcp_tool_errors_total{adapter=\"testkit\",outcome=\"error\",tool=\"refuse\"} 1.0")
                    .contains("mcp_tool_calls_in_flight{adapter=\"testkit\",tool=\"greet\"} 0.0");
            assertThat(text).doesNotContain("tool=\"stats\"");
        }
    }

    @Test
    void metricsAreKeptOnlyOnceTheHttpTransportServesThem() {
        BridgeConfig config = new BridgeConfig();
        config.adapterFolders = List.of(TestBridges.TESTKIT);
        config.adapters = List.of("testkit");
        try (Bridge bridge = Bridge.create(config, Map.of(), Map.of("TESTKIT_API_KEY", "sk-test-0123456789"))) {
            bridge.camel().startNow();
            TestBridges.call(bridge, "greet", Map.of("name", "Ada"));
            assertThat(bridge.metrics().scrape()).isEmpty();
            bridge.metrics().enable();
            TestBridges.call(bridge, "greet", Map.of("name", "Ada"));
            assertThat(bridge.metrics().scrape())
                    .contains("mcp_tool_calls_seconds_count{adapter=\"testkit\",outcome=\"ok\",tool=\"greet\"} 1");
        }
    }

    @Test
    void aTimedOutCallIsMeasuredAsATimeoutWhenItsWorkHasStopped() {
        try (Bridge bridge = testkit(null)) {
            CallToolResult r = TestBridges.call(bridge, "sleep", Map.of("millis", 5000));
            assertThat(r.isError()).isTrue();
            Eventually.until(Duration.ofSeconds(30), () -> bridge.metrics().scrape().contains(
                    "mcp_tool_calls_seconds_count{adapter=\"testkit\",outcome=\"timeout\",tool=\"sleep\"} 1"));
        }
    }

    @Test
    void theAuditLogHasOneLinePerCallWithADigestAndNoArgumentValueOrSecret() throws Exception {
        Path audit = dir.resolve("logs/audit.jsonl");
        try (Bridge bridge = testkit(audit)) {
            TestBridges.call(bridge, "greet", Map.of("name", "very-private-name"));
            TestBridges.call(bridge, "greet", Map.of("name", "very-private-name"));
            TestBridges.call(bridge, "refuse", Map.of());
            TestBridges.call(bridge, "leak", Map.of());
            Eventually.until(Duration.ofSeconds(30), () -> lines(audit).size() == 4);
        }
        List<String> lines = lines(audit);
        String all = String.join("\n", lines);
        assertThat(all).doesNotContain("very-private-name").doesNotContain("sk-test-0123456789");
        JsonNode first = JSON.readTree(lines.get(0));
        JsonNode second = JSON.readTree(lines.get(1));
        assertThat(first.get("adapter").asText()).isEqualTo("testkit");
        assertThat(first.get("tool").asText()).isEqualTo("greet");
        assertThat(first.get("client").asText()).isEqualTo("local");
        assertThat(first.get("caller").asText()).isEqualTo("local");
        assertThat(first.get("outcome").asText()).isEqualTo("ok");
        assertThat(first.get("arguments_sha256").asText()).hasSize(64)
                .isEqualTo(second.get("arguments_sha256").asText());
        assertThat(first.has("time")).isTrue();
        assertThat(first.get("duration_ms").isIntegralNumber()).isTrue();
        JsonNode refused = lines.stream().map(CallPipelineTest::parse)
                .filter(n -> n.get("tool").asText().equals("refuse")).findFirst().orElseThrow();
        assertThat(refused.get("outcome").asText()).isEqualTo("error");
        assertThat(refused.get("error").asText()).isEqualTo("ToolException");
        assertThat(Files.getPosixFilePermissions(audit)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
    }

    @Test
    void anOpenBreakerFailsFastNamingTheServiceAndCallerMistakesDoNotOpenIt() {
        BridgeConfig config = new BridgeConfig();
        config.adapterFolders = List.of("src/test/resources/breakerkit");
        config.adapters = List.of("breakerkit");
        try (Bridge bridge = Bridge.create(config, Map.of(), Map.of())) {
            bridge.metrics().enable();
            bridge.camel().startNow();
            for (int i = 0; i < 5; i++) {
                assertThat(TestBridges.text(TestBridges.call(bridge, "mistake", Map.of())))
                        .isEqualTo("no such repository");
            }
            CallToolResult first = TestBridges.call(bridge, "down", Map.of());
            CallToolResult second = TestBridges.call(bridge, "down", Map.of());
            assertThat(TestBridges.text(first)).doesNotContain("is failing");
            assertThat(TestBridges.text(second)).doesNotContain("is failing");
            CallToolResult third = TestBridges.call(bridge, "down", Map.of());
            assertThat(third.isError()).isTrue();
            assertThat(TestBridges.text(third)).startsWith("Service 'breakerkit' is failing")
                    .containsPattern("tried again in (59|60) s");
            // The breaker is the adapter's: its other tools fail fast too.
            assertThat(TestBridges.text(TestBridges.call(bridge, "mistake", Map.of()))).contains("is failing");
            assertThat(bridge.metrics().scrape()).contains(
                    "mcp_tool_calls_seconds_count{adapter=\"breakerkit\",outcome=\"refused\",tool=\"down\"} 1");
        }
    }

    @Test
    void anExplicitNullForAnOptionalParameterMeansNotGiven() {
        try (Bridge bridge = testkit(null)) {
            CallToolResult r = TestBridges.call(bridge, "greet", new java.util.HashMap<>(Map.of("name", "Ada")) {
                {
                    put("unused", null);
                }
            });
            assertThat(r.isError()).as(TestBridges.text(r)).isFalse();
            java.util.Map<String, Object> requiredNull = new java.util.HashMap<>();
            requiredNull.put("name", null);
            CallToolResult refused = TestBridges.call(bridge, "greet", requiredNull);
            assertThat(refused.isError()).isTrue();
            assertThat(TestBridges.text(refused)).startsWith("Invalid arguments for tool 'greet'");
        }
    }

    private static JsonNode parse(String line) {
        try {
            return JSON.readTree(line);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static List<String> lines(Path file) {
        try {
            return Files.exists(file) ? Files.readAllLines(file) : List.of();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
