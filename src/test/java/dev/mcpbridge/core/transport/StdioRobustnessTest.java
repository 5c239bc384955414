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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * No single message ends a stdio session (issue 17): each shape that once did is sent, then a normal call that
 * must be answered. Also what the server asks of the client: only what the client declared, and a failed or
 * unanswered request to the client is never fatal.
 */
class StdioRobustnessTest {

    private static Bridge testkit() {
        return TestBridges.testkit().startCamelInBackground();
    }

    private static Bridge conformance() {
        BridgeConfig config = new BridgeConfig();
        config.adapterFolders = List.of(TestBridges.CONFORMANCE);
        config.adapters = List.of("conformance");
        return Bridge.create(config, Map.of(), Map.of()).startCamelInBackground();
    }

    private static void stillServes(StdioHarness s, int id) {
        s.send(call(id, "greet", "{\"name\":\"still\"}"));
        assertThat(s.answer(id).path("result").path("content").get(0).path("text").asText()).isEqualTo("hello, still!");
    }

    @ParameterizedTest
    @ValueSource(strings = {"null", "true", "1.5", "-0.0", "1e400", "9223372036854775808",
            "1234567890123456789012345678901234567890123456789012345678901234567890123456789012345678901234567890"
                    + "1234567890123456789012345678901234567890123456789012345678901234567890123456789012345678901234567890"
                    + "1234567890123456789012345678901234567890123456789012345678901234567890123456789012345678901234567890"
                    + "1234567890123456789012345678901234567890123456789012345678901234567890123456789012345678901234567890",
            "{\"a\":1}", "[1,2]"})
    void aRequestIdJsonRpcOrJavaCannotHoldIsAnInvalidRequestAndTheSessionGoesOn(String id) {
        try (StdioHarness s = new StdioHarness(testkit())) {
            s.initialize();
            s.send(call(id, "greet", "{\"name\":\"x\"}"));
            JsonNode error = s.next(n -> n.has("error"));
            assertThat(error.path("error").path("code").asInt()).isEqualTo(-32600);
            assertThat(error.get("id").isNull()).isTrue();
            stillServes(s, 50);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"jsonrpc\":\"2.0\",\"id\":5,\"error\":\"boom\"}",
            "{\"jsonrpc\":\"2.0\",\"id\":5,\"error\":{\"message\":\"x\"}}",
            "{\"jsonrpc\":\"2.0\",\"id\":{\"a\":1},\"result\":{}}",
            "{\"jsonrpc\":\"2.0\",\"id\":5,\"result\":{},\"error\":{\"code\":-1,\"message\":\"x\"}}",
            "{\"jsonrpc\":\"2.0\",\"id\":\"nobody-asked\",\"result\":{}}"})
    void aClientResponseOfTheWrongShapeIsDroppedAndTheSessionGoesOn(String response) {
        try (StdioHarness s = new StdioHarness(testkit())) {
            s.initialize();
            s.send(response);
            stillServes(s, 51);
            // Nothing was written for the dropped response: the call's answer is the first line after initialize.
            assertThat(s.seen()).hasSize(2);
        }
    }

    @Test
    void rootsAreNeverAskedOfAClientWithoutTheRootsCapability() {
        try (StdioHarness s = new StdioHarness(testkit())) {
            s.initialize("{}");
            s.send("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/roots/list_changed\"}");
            stillServes(s, 52);
            s.endInput();
            assertThat(s.seen()).noneMatch(l -> l.contains("roots/list"));
        }
    }

    @Test
    void anErrorReplyToRootsListIsNotFatal() {
        try (StdioHarness s = new StdioHarness(testkit())) {
            s.initialize("{\"roots\":{\"listChanged\":true}}");
            s.send("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/roots/list_changed\"}");
            JsonNode ask = s.next(n -> "roots/list".equals(n.path("method").asText()));
            s.send("{\"jsonrpc\":\"2.0\",\"id\":" + ask.get("id") + ",\"error\":{\"code\":-32601,\"message\":\"no\"}}");
            stillServes(s, 53);
        }
    }

    @Test
    void anUnansweredRootsListNeitherBlocksTheSessionNorItsEnd() {
        try (StdioHarness s = new StdioHarness(testkit())) {
            s.initialize("{\"roots\":{\"listChanged\":true}}");
            s.send("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/roots/list_changed\"}");
            s.next(n -> "roots/list".equals(n.path("method").asText()));
            stillServes(s, 54);
            // The question is still open; the end of the input fails it at once instead of at its timeout.
            s.endInput();
        }
    }

    @Test
    void aLineOverTheLimitIsAnsweredWithAnErrorAndTheSessionGoesOn() {
        try (StdioHarness s = new StdioHarness(testkit(), 4096)) {
            s.initialize();
            s.send(call(60, "greet", "{\"name\":\"" + "x".repeat(10_000) + "\"}"));
            JsonNode error = s.next(n -> n.has("error"));
            assertThat(error.path("error").path("code").asInt()).isEqualTo(-32600);
            assertThat(error.path("error").path("message").asText()).contains("over the limit of 4096");
            stillServes(s, 61);
        }
    }

    @Test
    void aBatchAndNonObjectsAreInvalidRequests() {
        try (StdioHarness s = new StdioHarness(testkit())) {
            s.initialize();
            for (String junk : List.of("[]", "[" + call(70, "greet", "{\"name\":\"a\"}") + "]", "42", "\"text\"",
                    "{\"jsonrpc\":\"1.0\",\"id\":71,\"method\":\"ping\"}", "{\"jsonrpc\":\"2.0\",\"id\":72,\"method\":7}",
                    "{\"jsonrpc\":\"2.0\",\"id\":73,\"method\":\"ping\",\"params\":[1]}")) {
                s.send(junk);
                assertThat(s.next(n -> n.has("error")).path("error").path("code").asInt()).as(junk).isEqualTo(-32600);
            }
            stillServes(s, 74);
        }
    }

    @Test
    void requestsWhoseParamsTheSdkWouldFailOnAreRefusedAsOverHttpWithoutItsException() {
        try (StdioHarness s = new StdioHarness(testkit())) {
            s.initialize();
            s.send("{\"jsonrpc\":\"2.0\",\"id\":80,\"method\":\"tools/call\",\"params\":{}}");
            JsonNode call = s.answer(80);
            assertThat(call.at("/error/code").asInt()).isEqualTo(-32602);
            assertThat(call.at("/error/message").asText()).isEqualTo("Invalid params: tools/call needs params "
                    + "{name: string}");
            s.send("{\"jsonrpc\":\"2.0\",\"id\":81,\"method\":\"initialize\"}");
            JsonNode init = s.answer(81);
            assertThat(init.at("/error/code").asInt()).isEqualTo(-32600);
            assertThat(init.at("/error/message").asText()).startsWith("Invalid Request: initialize needs params")
                    .doesNotContain("null", "Cannot invoke");
            s.send("{\"jsonrpc\":\"2.0\",\"id\":82,\"method\":\"tools/list\",\"params\":null}");
            assertThat(s.answer(82).at("/result/tools").isArray()).as("null params are no params").isTrue();
            stillServes(s, 83);
        }
    }

    @Test
    void sampling_andProgressTravelBothWaysOverStdio() {
        try (StdioHarness s = new StdioHarness(conformance())) {
            s.initialize("{\"sampling\":{}}");
            s.send("{\"jsonrpc\":\"2.0\",\"id\":80,\"method\":\"tools/call\",\"params\":{\"name\":\"test_sampling\","
                    + "\"arguments\":{\"prompt\":\"hi\"}}}");
            JsonNode ask = s.next(n -> "sampling/createMessage".equals(n.path("method").asText()));
            s.send("{\"jsonrpc\":\"2.0\",\"id\":" + ask.get("id") + ",\"result\":{\"role\":\"assistant\",\"content\":"
                    + "{\"type\":\"text\",\"text\":\"hello back\"},\"model\":\"m\"}}");
            assertThat(s.answer(80).path("result").path("content").get(0).path("text").asText())
                    .isEqualTo("LLM response: hello back");
            s.send("{\"jsonrpc\":\"2.0\",\"id\":81,\"method\":\"tools/call\",\"params\":{\"name\":\"test_tool_with_progress\","
                    + "\"arguments\":{},\"_meta\":{\"progressToken\":\"p1\"}}}");
            JsonNode progress = s.next(n -> "notifications/progress".equals(n.path("method").asText()));
            assertThat(progress.path("params").path("progressToken").asText()).isEqualTo("p1");
            assertThat(s.answer(81).path("result").path("content").get(0).path("text").asText())
                    .isEqualTo("Progress tool completed");
        }
    }

    @Test
    void aSamplingRequestStillOpenWhenTheInputEndsFailsAtOnceAndTheCallIsAnswered() {
        try (StdioHarness s = new StdioHarness(conformance())) {
            s.initialize("{\"sampling\":{}}");
            s.send("{\"jsonrpc\":\"2.0\",\"id\":90,\"method\":\"tools/call\",\"params\":{\"name\":\"test_sampling\","
                    + "\"arguments\":{\"prompt\":\"hi\"}}}");
            s.next(n -> "sampling/createMessage".equals(n.path("method").asText()));
            List<JsonNode> rest = s.endInput();
            assertThat(rest).filteredOn(n -> n.path("id").asInt(-1) == 90).singleElement()
                    .satisfies(n -> assertThat(n.path("result").path("isError").asBoolean()).isTrue());
        }
    }
}
