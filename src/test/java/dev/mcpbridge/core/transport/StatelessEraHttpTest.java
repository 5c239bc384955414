package dev.mcpbridge.core.transport;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mcpbridge.core.StatelessRequests;
import dev.mcpbridge.core.TestBridges;
import dev.mcpbridge.core.app.Bridge;
import dev.mcpbridge.core.config.BridgeConfig;
import io.modelcontextprotocol.json.McpJsonDefaults;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The 2026-07-28 revision on the same Streamable HTTP endpoint as the session revisions: requests without a
 * session, checked per request (headers, {@code _meta}, version), answered with {@code resultType} and cache
 * hints, and input requests resumed from a signed state. The conformance suite runs the same in the integration
 * tests; these pin each rule on its own, with the conformance fixture adapter.
 */
class StatelessEraHttpTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String V = StatelessRequests.VERSION;

    private static Bridge bridge;
    private static HttpServer server;

    @BeforeAll
    static void start() throws Exception {
        BridgeConfig config = new BridgeConfig();
        config.adapterFolders = List.of(TestBridges.CONFORMANCE);
        config.adapters = List.of("conformance");
        bridge = Bridge.create(config, Map.of(), Map.of()).startCamelInBackground();
        BridgeConfig.Http http = new BridgeConfig.Http();
        http.port = 0;
        server = new HttpServer(bridge.serverFactory(), McpJsonDefaults.getMapper(), http, bridge.all(),
                bridge.served().stream().map(bridge::only).toList()).start();
    }

    @AfterAll
    static void stop() {
        server.close();
        bridge.close();
    }

    private static ObjectNode meta(Map<String, Object> capabilities) {
        return StatelessRequests.meta(capabilities);
    }

    private static ObjectNode request(String method, Map<String, Object> params, ObjectNode meta) {
        return StatelessRequests.request(method, params, meta);
    }

    /** POSTs {@code message} with the revision's headers, then {@code headers} (name, value; null removes one). */
    private static HttpResponse<String> post(ObjectNode message, String... headers) throws Exception {
        return StatelessRequests.post("http://127.0.0.1:" + server.port() + "/mcp", message, headers);
    }

    private static JsonNode body(HttpResponse<String> response, int status) throws Exception {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        String text = response.body();
        if (response.headers().firstValue("Content-Type").orElse("").startsWith("text/event-stream")) {
            String[] events = text.split("\n\n");
            text = events[events.length - 1].replaceFirst("(?s).*data: ", "");
        }
        return JSON.readTree(text);
    }

    private static final Map<String, Object> ALL = Map.of("sampling", Map.of(), "elicitation", Map.of());

    @Test
    void discoverNamesTheRevisionAndTheServerWithoutASession() throws Exception {
        JsonNode answer = body(post(request("server/discover", Map.of(), meta(Map.of()))), 200);
        assertThat(answer.at("/result/supportedVersions").toString()).isEqualTo("[\"2026-07-28\"]");
        assertThat(answer.at("/result/resultType").asText()).isEqualTo("complete");
        assertThat(answer.at("/result/capabilities").has("tools")).isTrue();
        assertThat(answer.at("/result/_meta/io.modelcontextprotocol~1serverInfo/name").asText()).isNotBlank();
        assertThat(answer.at("/result/cacheScope").asText()).isIn("public", "private");
    }

    @Test
    void listsCarryResultTypeAndCacheHintsInAStableOrder() throws Exception {
        JsonNode first = body(post(request("tools/list", Map.of(), meta(Map.of()))), 200);
        JsonNode second = body(post(request("tools/list", Map.of(), meta(Map.of()))), 200);
        assertThat(first.at("/result/resultType").asText()).isEqualTo("complete");
        assertThat(first.at("/result/ttlMs").isIntegralNumber()).isTrue();
        assertThat(first.at("/result/ttlMs").asLong()).isNotNegative();
        assertThat(first.at("/result/cacheScope").asText()).isEqualTo("private");
        assertThat(first.at("/result/tools")).isNotEmpty().isEqualTo(second.at("/result/tools"));
    }

    @Test
    void aToolCallNeedsNoSession() throws Exception {
        JsonNode answer = body(post(request("tools/call", Map.of("name", "test_simple_text", "arguments", Map.of()),
                meta(Map.of()))), 200);
        assertThat(answer.at("/result/resultType").asText()).isEqualTo("complete");
        assertThat(answer.at("/result/content/0/text").asText()).isEqualTo("This is a simple text response for testing.");
    }

    @Test
    void eachRuleOfTheRevisionIsCheckedWithTheErrorItNames() throws Exception {
        ObjectNode list = request("tools/list", Map.of(), meta(Map.of()));
        assertThat(body(post(list, "MCP-Protocol-Version", null), 400).at("/error/code").asInt()).isEqualTo(-32020);
        assertThat(body(post(list, "Mcp-Method", "prompts/list"), 400).at("/error/message").asText())
                .contains("prompts/list").contains("tools/list");
        assertThat(body(post(list, "Mcp-Method", null), 400).at("/error/code").asInt()).isEqualTo(-32020);

        ObjectNode call = request("tools/call", Map.of("name", "test_simple_text"), meta(Map.of()));
        assertThat(body(post(call, "Mcp-Name", "wrong_tool"), 400).at("/error/message").asText())
                .contains("wrong_tool").contains("test_simple_text");
        assertThat(body(post(call, "Mcp-Name", "  test_simple_text  "), 200).at("/result/resultType").asText())
                .isEqualTo("complete");

        ObjectNode bare = request("tools/list", Map.of(), null);
        JsonNode missing = body(post(bare), 400);
        assertThat(missing.at("/error/code").asInt()).isEqualTo(-32602);
        assertThat(missing.at("/id").asInt()).isEqualTo(bare.get("id").asInt());

        ObjectNode future = request("server/discover", Map.of(), meta(Map.of()));
        ((ObjectNode) future.at("/params/_meta")).put("io.modelcontextprotocol/protocolVersion", "2099-01-01");
        JsonNode unsupported = body(post(future, "MCP-Protocol-Version", "2099-01-01"), 400);
        assertThat(unsupported.at("/error/code").asInt()).isEqualTo(-32022);
        assertThat(unsupported.at("/error/data/requested").asText()).isEqualTo("2099-01-01");
        assertThat(unsupported.at("/error/data/supported/0").asText()).isEqualTo(V);

        JsonNode unknownTool = body(post(request("tools/call", Map.of("name", "no_such_tool"), meta(Map.of()))), 400);
        assertThat(unknownTool.at("/error/code").asInt()).isEqualTo(-32602);
        assertThat(unknownTool.at("/error/message").asText()).contains("'no_such_tool'");
        JsonNode misspelt = body(post(request("tools/call", Map.of("name", "gret"), meta(Map.of()))), 400);
        assertThat(misspelt.at("/error/message").asText()).startsWith("Unknown tool 'gret' (did you mean 'greet'?)");

        JsonNode removed = body(post(request("ping", Map.of(), meta(Map.of()))), 404);
        assertThat(removed.at("/error/code").asInt()).isEqualTo(-32601);
    }

    @Test
    void aResourceThatIsNotThereIsInvalidParamsNamingItsUri() throws Exception {
        JsonNode answer = body(post(request("resources/read", Map.of("uri", "test://nothing-here"), meta(Map.of()))),
                400);
        assertThat(answer.at("/error/code").asInt()).isEqualTo(-32602);
        assertThat(answer.at("/error/data/uri").asText()).isEqualTo("test://nothing-here");
    }

    @Test
    void askingTheClientIsAnInputRequestResumedFromASignedState() throws Exception {
        String tool = "test_input_required_result_multi_round";
        JsonNode round1 = body(post(request("tools/call", Map.of("name", tool, "arguments", Map.of()), meta(ALL))), 200);
        assertThat(round1.at("/result/resultType").asText()).isEqualTo("input_required");
        assertThat(round1.at("/result/inputRequests/step1/method").asText()).isEqualTo("elicitation/create");
        String state1 = round1.at("/result/requestState").asText();

        JsonNode round2 = body(post(request("tools/call", Map.of("name", tool, "arguments", Map.of(),
                "inputResponses", Map.of("step1", Map.of("action", "accept", "content", Map.of("name", "Ada"))),
                "requestState", state1), meta(ALL))), 200);
        assertThat(round2.at("/result/inputRequests/step2/method").asText()).isEqualTo("elicitation/create");
        String state2 = round2.at("/result/requestState").asText();
        assertThat(state2).isNotEqualTo(state1);

        JsonNode done = body(post(request("tools/call", Map.of("name", tool, "arguments", Map.of(),
                "inputResponses", Map.of("step2", Map.of("action", "accept", "content", Map.of("color", "teal"))),
                "requestState", state2), meta(ALL))), 200);
        assertThat(done.at("/result/resultType").asText()).isEqualTo("complete");
        assertThat(done.at("/result/content/0/text").asText()).contains("Ada").contains("teal");

        JsonNode tampered = body(post(request("tools/call", Map.of("name", tool, "arguments", Map.of(),
                "inputResponses", Map.of("step2", Map.of("action", "accept")), "requestState", state2 + "x"),
                meta(ALL))), 400);
        assertThat(tampered.at("/error/code").asInt()).isEqualTo(-32602);
        assertThat(tampered.at("/error/message").asText()).contains("requestState");

        JsonNode elsewhere = body(post(request("tools/call", Map.of("name", "test_input_required_result_elicitation",
                "arguments", Map.of(), "requestState", state2), meta(ALL))), 400);
        assertThat(elsewhere.at("/error/message").asText()).contains("another request");
    }

    @Test
    void aCapabilityTheClientDidNotDeclareIsNamed() throws Exception {
        HttpResponse<String> response = post(request("tools/call", Map.of("name", "test_missing_capability",
                "arguments", Map.of()), meta(Map.of("elicitation", Map.of()))));
        JsonNode answer = body(response, 400);
        assertThat(answer.at("/error/code").asInt()).isEqualTo(-32021);
        assertThat(answer.at("/error/data/requiredCapabilities").has("sampling")).isTrue();
    }

    @Test
    void progressTravelsOnTheResponseStream() throws Exception {
        ObjectNode meta = meta(Map.of());
        meta.put("progressToken", "p1");
        HttpResponse<String> response = post(request("tools/call", Map.of("name", "test_tool_with_progress",
                "arguments", Map.of()), meta));
        assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("text/event-stream");
        assertThat(response.body()).contains("notifications/progress").contains("\"progressToken\":\"p1\"");
        assertThat(body(response, 200).at("/result/content/0/text").asText()).isEqualTo("Progress tool completed");
    }

    @Test
    void theSessionRevisionsStillStartWithInitializeOnTheSameEndpoint() throws Exception {
        ObjectNode init = request("initialize", Map.of("protocolVersion", "2025-06-18", "capabilities", Map.of(),
                "clientInfo", Map.of("name", "old", "version", "1")), null);
        HttpResponse<String> response = post(init, "MCP-Protocol-Version", null, "Mcp-Method", null);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Mcp-Session-Id")).isPresent();
        assertThat(body(response, 200).at("/result/protocolVersion").asText()).isEqualTo("2025-06-18");
    }

    private static final Map<String, Object> TASKS = Map.of("elicitation", Map.of(),
            "extensions", Map.of("io.modelcontextprotocol/tasks", Map.of()));

    private static JsonNode taskRequest(String method, String taskId, Map<String, Object> more) throws Exception {
        Map<String, Object> params = new java.util.LinkedHashMap<>(more);
        params.put("taskId", taskId);
        ObjectNode message = request(method, params, meta(TASKS));
        return body(post(message, "Mcp-Name", taskId), 200).get("result");
    }

    /** Polls tasks/get until the task leaves {@code status}; each poll is a request of its own, as a client's is. */
    private static JsonNode pollWhile(String taskId, String status) throws Exception {
        JsonNode task = taskRequest("tasks/get", taskId, Map.of());
        // Bounded only far beyond any real wait (a loaded CI machine is slow, not stuck).
        for (int i = 0; i < 4800 && status.equals(task.path("status").asText()); i++) {
            Thread.sleep(50);
            task = taskRequest("tasks/get", taskId, Map.of());
        }
        return task;
    }

    @Test
    void aLongCallBecomesATaskThatIsPolledAskedAndCancelled() throws Exception {
        JsonNode created = body(post(request("tools/call", Map.of("name", "slow_compute",
                "arguments", Map.of("seconds", 0.2, "label", "t")), meta(TASKS))), 200).get("result");
        assertThat(created.path("resultType").asText()).isEqualTo("task");
        assertThat(created.has("result")).isFalse();
        String id = created.path("taskId").asText();
        JsonNode done = pollWhile(id, "working");
        assertThat(done.path("status").asText()).isEqualTo("completed");
        assertThat(done.at("/result/content/0/text").asText()).contains("computed t");

        JsonNode asking = body(post(request("tools/call", Map.of("name", "confirm_delete", "arguments", Map.of()),
                meta(TASKS))), 200).get("result");
        String confirm = asking.path("taskId").asText();
        JsonNode waiting = pollWhile(confirm, "working");
        assertThat(waiting.path("status").asText()).isEqualTo("input_required");
        assertThat(waiting.at("/inputRequests/confirm/method").asText()).isEqualTo("elicitation/create");
        JsonNode ack = taskRequest("tasks/update", confirm, Map.of("inputResponses",
                Map.of("confirm", Map.of("action", "accept", "content", Map.of("confirm", true)))));
        assertThat(ack.toString()).isEqualTo("{\"resultType\":\"complete\"}");
        assertThat(pollWhile(confirm, "input_required").path("status").asText()).isIn("working", "completed");
        assertThat(pollWhile(confirm, "working").at("/result/content/0/text").asText()).isEqualTo("delete confirmed");

        String slow = body(post(request("tools/call", Map.of("name", "slow_compute",
                "arguments", Map.of("seconds", 60)), meta(TASKS))), 200).at("/result/taskId").asText();
        assertThat(taskRequest("tasks/cancel", slow, Map.of()).toString()).isEqualTo("{\"resultType\":\"complete\"}");
        assertThat(taskRequest("tasks/get", slow, Map.of()).path("status").asText()).isEqualTo("cancelled");
    }

    @Test
    void aToolErrorCompletesTheTaskAndAnInternalFailureFailsIt() throws Exception {
        String failing = body(post(request("tools/call", Map.of("name", "failing_job", "arguments", Map.of()),
                meta(TASKS))), 200).at("/result/taskId").asText();
        JsonNode toolError = pollWhile(failing, "working");
        assertThat(toolError.path("status").asText()).isEqualTo("completed");
        assertThat(toolError.at("/result/isError").asBoolean()).isTrue();

        String crashing = body(post(request("tools/call", Map.of("name", "protocol_error_job", "arguments", Map.of()),
                meta(TASKS))), 200).at("/result/taskId").asText();
        JsonNode failed = pollWhile(crashing, "working");
        assertThat(failed.path("status").asText()).isEqualTo("failed");
        assertThat(failed.at("/error/code").asInt()).isEqualTo(-32603);
        assertThat(failed.has("result")).isFalse();
        assertThat(failed.at("/error/message").asText()).doesNotContain("fixture crash");
    }

    @Test
    void tasksNeedTheExtensionAndAKnownId() throws Exception {
        JsonNode required = body(post(request("tools/call", Map.of("name", "failing_job", "arguments", Map.of()),
                meta(Map.of()))), 400);
        assertThat(required.at("/error/code").asInt()).isEqualTo(-32021);
        assertThat(required.at("/error/data/requiredCapabilities/extensions").has("io.modelcontextprotocol/tasks")).isTrue();

        JsonNode sync = body(post(request("tools/call", Map.of("name", "slow_compute",
                "arguments", Map.of("seconds", 0)), meta(Map.of()))), 200);
        assertThat(sync.at("/result/resultType").asText()).isEqualTo("complete");

        ObjectNode unknown = request("tasks/get", Map.of("taskId", "no-such-task"), meta(TASKS));
        assertThat(body(post(unknown, "Mcp-Name", "no-such-task"), 400).at("/error/code").asInt()).isEqualTo(-32602);
        ObjectNode undeclared = request("tasks/get", Map.of("taskId", "no-such-task"), meta(Map.of()));
        assertThat(body(post(undeclared, "Mcp-Name", "no-such-task"), 400).at("/error/code").asInt()).isEqualTo(-32021);
    }
}
