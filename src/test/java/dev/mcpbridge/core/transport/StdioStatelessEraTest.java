package dev.mcpbridge.core.transport;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mcpbridge.core.TestBridges;
import dev.mcpbridge.core.app.Bridge;
import dev.mcpbridge.core.config.BridgeConfig;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The 2026-07-28 revision over stdio: requests without initialize, answered on their own beside (or without) a
 * session, progress lines written before the answer, and an input request in place of a server-to-client request.
 */
class StdioStatelessEraTest {

    private static final String META = "\"_meta\":{\"io.modelcontextprotocol/protocolVersion\":\"2026-07-28\","
            + "\"io.modelcontextprotocol/clientCapabilities\":{\"elicitation\":{}}";

    private static Bridge conformance() {
        BridgeConfig config = new BridgeConfig();
        config.adapterFolders = List.of(TestBridges.CONFORMANCE);
        config.adapters = List.of("conformance");
        return Bridge.create(config, Map.of(), Map.of()).startCamelInBackground();
    }

    @Test
    void requestsWithoutInitializeAreServedAndTheInputEndsCleanly() {
        try (StdioHarness s = new StdioHarness(conformance())) {
            s.send("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"server/discover\",\"params\":{" + META + "}}}");
            JsonNode discover = s.answer(1);
            assertThat(discover.at("/result/supportedVersions/0").asText()).isEqualTo("2026-07-28");
            assertThat(discover.at("/result/resultType").asText()).isEqualTo("complete");

            s.send("{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/call\",\"params\":{\"name\":\"test_tool_with_progress\","
                    + "\"arguments\":{}," + META + ",\"progressToken\":\"t\"}}}");
            JsonNode progress = s.next(n -> "notifications/progress".equals(n.path("method").asText()));
            assertThat(progress.at("/params/progressToken").asText()).isEqualTo("t");
            assertThat(s.answer(2).at("/result/content/0/text").asText()).isEqualTo("Progress tool completed");

            s.send("{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"tools/call\",\"params\":{\"name\":"
                    + "\"test_input_required_result_elicitation\",\"arguments\":{}," + META + "}}}");
            JsonNode asked = s.answer(3);
            assertThat(asked.at("/result/resultType").asText()).isEqualTo("input_required");
            assertThat(asked.at("/result/inputRequests/user_name/method").asText()).isEqualTo("elicitation/create");

            s.send("{\"jsonrpc\":\"2.0\",\"id\":4,\"method\":\"tools/call\",\"params\":{\"name\":\"test_simple_text\","
                    + "\"arguments\":{}," + META + "}}}");
            // No session was ever initialized: the answer still comes, with no "never initialized" error.
            List<JsonNode> rest = s.endInput();
            assertThat(rest).anySatisfy(n -> {
                assertThat(n.path("id").asInt()).isEqualTo(4);
                assertThat(n.at("/result/content/0/text").asText()).isEqualTo("This is a simple text response for testing.");
            });
        }
    }

    @Test
    void aSessionAndStatelessRequestsShareOneConnection() {
        try (StdioHarness s = new StdioHarness(conformance())) {
            s.initialize();
            s.send(StdioHarness.call(10, "test_simple_text", "{}"));
            assertThat(s.answer(10).at("/result/content/0/text").asText()).contains("simple text");
            s.send("{\"jsonrpc\":\"2.0\",\"id\":11,\"method\":\"tools/list\",\"params\":{" + META + "}}}");
            JsonNode list = s.answer(11);
            assertThat(list.at("/result/resultType").asText()).isEqualTo("complete");
            assertThat(list.at("/result/ttlMs").isIntegralNumber()).isTrue();
        }
    }
}
