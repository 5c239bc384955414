package dev.mcpbridge.core.transport;

import static dev.mcpbridge.core.transport.StdioHarness.call;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mcpbridge.core.TestBridges;
import dev.mcpbridge.core.app.Bridge;
import dev.mcpbridge.core.config.BridgeConfig;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Discovery mode as a client meets it over stdio: three meta-tools listed, a tool found, described and called
 * through them with the tool's own validation, call route and result; a tool the endpoint does not serve neither
 * found nor run; and the same in the 2026-07-28 revision, progress included.
 */
class DiscoveryModeTest {

    private static final String META_2026 = "\"_meta\":{\"io.modelcontextprotocol/protocolVersion\":\"2026-07-28\","
            + "\"io.modelcontextprotocol/clientCapabilities\":{}";

    private static Bridge testkit(boolean readOnly) {
        return TestBridges.testkit(Map.of("TESTKIT_API_KEY", "sk-test-0123456789"), c -> {
            c.discovery = true;
            c.readOnly = readOnly;
        }).startCamelInBackground();
    }

    private static String metaCall(int id, String tool, String arguments) {
        return call(id, tool, arguments);
    }

    private static List<String> names(JsonNode tools) {
        List<String> names = new java.util.ArrayList<>();
        tools.forEach(t -> names.add(t.path("name").asText()));
        return names;
    }

    private static String text(JsonNode answer) {
        return answer.at("/result/content/0/text").asText();
    }

    private static JsonNode json(JsonNode answer) throws Exception {
        return StdioHarness.JSON.readTree(text(answer));
    }

    @Test
    void onlyTheMetaToolsAreListedAndAToolIsFoundDescribedAndCalledThroughThem() throws Exception {
        Bridge bridge = testkit(false);
        bridge.metrics().enable();
        try (StdioHarness s = new StdioHarness(bridge)) {
            s.initialize();
            s.send("{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/list\"}");
            assertThat(names(s.answer(2).path("result").path("tools")))
                    .containsExactly("search_tools", "describe_tools", "call_tool");

            s.send(metaCall(3, "search_tools", "{\"query\":\"greet someone by name\",\"limit\":3}"));
            JsonNode found = json(s.answer(3));
            assertThat(found.path("tools").get(0).path("name").asText()).isEqualTo("greet");
            assertThat(found.path("tools").get(0).path("readOnly").asBoolean()).isTrue();
            assertThat(found.path("tools").get(0).path("description").asText())
                    .isEqualTo("Greets someone with the configured greeting");

            s.send(metaCall(4, "describe_tools", "{\"names\":[\"greet\",\"nope\"]}"));
            JsonNode described = json(s.answer(4));
            assertThat(described.at("/tools/0/inputSchema/required/0").asText()).isEqualTo("name");
            assertThat(described.at("/tools/0/annotations/readOnlyHint").asBoolean()).isTrue();
            assertThat(described.path("unknown").asText()).contains("'nope'").contains("search_tools");

            s.send(metaCall(5, "call_tool", "{\"name\":\"greet\",\"arguments\":{\"name\":\"Ada\"}}"));
            assertThat(text(s.answer(5))).isEqualTo("hello, Ada!");

            // The target's own schema check, named as a direct call names it.
            s.send(metaCall(6, "call_tool", "{\"name\":\"greet\",\"arguments\":{}}"));
            JsonNode invalid = s.answer(6);
            assertThat(invalid.at("/result/isError").asBoolean()).isTrue();
            assertThat(text(invalid)).startsWith("Invalid arguments for tool 'greet'");

            // Structured results come back unchanged.
            s.send(metaCall(7, "call_tool", "{\"name\":\"stats\"}"));
            assertThat(s.answer(7).at("/result/structuredContent/count").isInt()).isTrue();

            // A direct call of a tool that is not listed is refused, as any unknown tool is.
            s.send(call(8, "greet", "{\"name\":\"Ada\"}"));
            JsonNode direct = s.answer(8);
            assertThat(direct.has("error") || direct.at("/result/isError").asBoolean()).isTrue();
        }
        // The call went through the call route: its metrics count it under the target's name.
        assertThat(bridge.metrics().scrape()).contains("tool=\"greet\"").doesNotContain("tool=\"call_tool\"");
    }

    @Test
    void badMetaToolArgumentsAreToolErrorsNamingTheFix() throws Exception {
        try (StdioHarness s = new StdioHarness(testkit(false))) {
            s.initialize();
            s.send(metaCall(2, "search_tools", "{}"));
            assertThat(s.answer(2).at("/result/isError").asBoolean()).isTrue();
            s.send(metaCall(3, "search_tools", "{\"query\":\"greet\",\"adapter\":\"testkt\"}"));
            assertThat(text(s.answer(3))).contains("no adapter 'testkt'").contains("did you mean 'testkit'")
                    .contains("served: testkit");
            s.send(metaCall(4, "search_tools", "{\"query\":\"greet\",\"limit\":500}"));
            assertThat(text(s.answer(4))).startsWith("Invalid arguments for tool 'search_tools'");
            s.send(metaCall(5, "call_tool", "{\"name\":\"gret\"}"));
            JsonNode unknown = s.answer(5);
            assertThat(unknown.at("/result/isError").asBoolean()).isTrue();
            assertThat(text(unknown)).contains("no tool named 'gret'").contains("did you mean 'greet'")
                    .contains("search_tools");
            s.send(metaCall(6, "describe_tools", "{\"names\":[\"zzz\"]}"));
            assertThat(s.answer(6).at("/result/isError").asBoolean()).isTrue();
            s.send(metaCall(7, "search_tools", "{\"query\":\"zebra\"}"));
            JsonNode none = json(s.answer(7));
            assertThat(none.path("tools")).isEmpty();
            assertThat(none.path("hint").asText()).contains("other words");
        }
    }

    @Test
    void aToolHiddenByReadOnlyModeIsNeitherFoundDescribedNorCalled() throws Exception {
        try (StdioHarness s = new StdioHarness(testkit(true))) {
            s.initialize();
            s.send(metaCall(2, "search_tools", "{\"query\":\"fails with an internal exception\"}"));
            assertThat(names(json(s.answer(2)).path("tools"))).doesNotContain("boom");
            s.send(metaCall(3, "describe_tools", "{\"names\":[\"boom\"]}"));
            assertThat(s.answer(3).at("/result/isError").asBoolean()).isTrue();
            s.send(metaCall(4, "call_tool", "{\"name\":\"boom\"}"));
            JsonNode refused = s.answer(4);
            assertThat(refused.at("/result/isError").asBoolean()).isTrue();
            assertThat(text(refused)).contains("no tool named 'boom'");
        }
    }

    @Test
    void theStatelessRevisionServesTheMetaToolsWithProgressThrough() {
        BridgeConfig config = new BridgeConfig();
        config.adapterFolders = List.of(TestBridges.CONFORMANCE);
        config.adapters = List.of("conformance");
        config.discovery = true;
        try (StdioHarness s = new StdioHarness(Bridge.create(config, Map.of(), Map.of()).startCamelInBackground())) {
            s.send("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/list\",\"params\":{" + META_2026 + "}}}");
            assertThat(names(s.answer(1).at("/result/tools")))
                    .containsExactly("search_tools", "describe_tools", "call_tool");
            s.send("{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/call\",\"params\":{\"name\":\"call_tool\","
                    + "\"arguments\":{\"name\":\"test_tool_with_progress\"}," + META_2026
                    + ",\"progressToken\":\"t\"}}}");
            JsonNode progress = s.next(n -> "notifications/progress".equals(n.path("method").asText()));
            assertThat(progress.at("/params/progressToken").asText()).isEqualTo("t");
            assertThat(text(s.answer(2))).isEqualTo("Progress tool completed");
            s.send("{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"tools/call\",\"params\":{\"name\":\"test_simple_text\","
                    + "\"arguments\":{}," + META_2026 + "}}}");
            JsonNode direct = s.answer(3);
            assertThat(direct.has("error") || direct.at("/result/isError").asBoolean()).isTrue();
        }
    }
}
