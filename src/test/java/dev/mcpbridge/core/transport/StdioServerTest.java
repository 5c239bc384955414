package dev.mcpbridge.core.transport;

import static dev.mcpbridge.core.transport.StdioHarness.call;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mcpbridge.core.TestBridges;
import dev.mcpbridge.core.app.Bridge;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

/**
 * The stdio transport driven as a client drives the process. No test waits for time to pass: the end of a session is
 * {@link StdioServer#run} returning after stdin closed, which it does only once every request read was answered.
 */
class StdioServerTest {

    private static Bridge testkit() {
        return TestBridges.testkit().startCamelInBackground();
    }

    /** The testkit with a sleep tool allowed to run long enough to outlive the end of the input. */
    private static Bridge patientTestkit() {
        return TestBridges.testkit(Map.of("TESTKIT_API_KEY", "sk-test-0123456789"),
                c -> c.toolTimeouts.put("sleep", "20s")).startCamelInBackground();
    }

    @Test
    void aWholeSessionWritesNothingButJsonRpcToStdout() {
        try (StdioHarness s = new StdioHarness(testkit())) {
            s.initialize();
            s.send("{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/list\"}");
            assertThat(s.answer(2).path("result").path("tools").findValuesAsText("name")).contains("greet", "sleep");
            s.send(call(3, "greet", "{\"name\":\"Ada\"}"));
            assertThat(s.answer(3).path("result").path("content").get(0).path("text").asText()).isEqualTo("hello, Ada!");
            s.send(call(4, "boom", "{}"));
            assertThat(s.answer(4).path("result").path("isError").asBoolean()).isTrue();
            s.endInput();
            assertThat(s.seen()).allSatisfy(line -> assertThat(StdioHarness.JSON.readTree(line).path("jsonrpc").asText())
                    .as(line).isEqualTo("2.0"));
        }
    }

    @Test
    void aCallOfAToolNotServedNamesItAndTheNearestServedOne() {
        try (StdioHarness s = new StdioHarness(testkit())) {
            s.initialize();
            s.send(call(5, "gret", "{\"name\":\"Ada\"}"));
            JsonNode error = s.answer(5).path("error");
            assertThat(error.path("code").asInt()).isEqualTo(-32602);
            assertThat(error.path("message").asText()).isEqualTo("Unknown tool 'gret' (did you mean 'greet'?): "
                    + "tools/list names the tools this server serves");
            assertThat(error.path("data").path("name").asText()).isEqualTo("gret");
            s.send(call(6, "greet", "{\"name\":\"Ada\"}"));
            assertThat(s.answer(6).path("result").path("content").get(0).path("text").asText())
                    .isEqualTo("hello, Ada!");
        }
    }

    @Test
    void aMalformedLineGetsAParseErrorAndTheSessionGoesOn() {
        try (StdioHarness s = new StdioHarness(testkit())) {
            s.initialize();
            s.send("{this is not json");
            assertThat(s.next(n -> n.has("error")).path("error").path("code").asInt()).isEqualTo(-32700);
            s.send("{\"jsonrpc\":\"2.0\",\"id\":7,\"bogus\":true}");
            assertThat(s.answer(7).path("error").path("code").asInt()).isEqualTo(-32600);
            s.send(call(8, "greet", "{\"name\":\"Bo\"}"));
            assertThat(s.answer(8).path("result").path("content").get(0).path("text").asText()).isEqualTo("hello, Bo!");
        }
    }

    @Test
    void notificationsCancelledStopsTheCallWithoutAnAnswer() {
        try (StdioHarness s = new StdioHarness(patientTestkit())) {
            s.initialize();
            s.send(call(9, "sleep", "{\"millis\":15000}"));
            s.send("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/cancelled\",\"params\":{\"requestId\":9,\"reason\":\"user\"}}");
            s.send("{\"jsonrpc\":\"2.0\",\"id\":10,\"method\":\"ping\"}");
            s.answer(10);
            // The input ends while the 15 s call would still run: the server ends at once, since the cancelled call
            // is owed no answer, and none was written.
            List<JsonNode> rest = s.endInput();
            assertThat(rest).noneMatch(n -> n.path("id").asInt(-1) == 9);
            assertThat(s.seen()).noneMatch(l -> l.contains("\"id\":9"));
        }
    }

    @Test
    void aSlowCallSentJustBeforeTheInputEndsIsStillAnswered() {
        try (StdioHarness s = new StdioHarness(patientTestkit())) {
            s.initialize();
            s.send(call(11, "sleep", "{\"millis\":3000}"));
            List<JsonNode> rest = s.endInput();
            assertThat(rest).filteredOn(n -> n.path("id").asInt(-1) == 11).singleElement()
                    .satisfies(n -> assertThat(n.path("result").path("content").get(0).path("text").asText())
                            .isEqualTo("slept 3000 ms"));
        }
    }

    @RepeatedTest(20)
    void requestsPipedThenEndOfInputGetExactlyOneAnswerEach() {
        pipeThenEnd(testkit(), 50);
    }

    @Test
    void requestsPipedThenEndOfInputAreAllAnsweredWhileTheCpuIsBusy() throws InterruptedException {
        AtomicBoolean busy = new AtomicBoolean(true);
        List<Thread> hogs = new ArrayList<>();
        for (int i = 0; i < Runtime.getRuntime().availableProcessors() * 2; i++) {
            Thread hog = new Thread(() -> {
                long x = 0;
                while (busy.get()) {
                    x += System.nanoTime() % 7;
                }
                if (x == 42) {
                    System.err.print("");
                }
            });
            hog.setDaemon(true);
            hog.start();
            hogs.add(hog);
        }
        try {
            for (int round = 0; round < 5; round++) {
                pipeThenEnd(testkit(), 50);
            }
        } finally {
            busy.set(false);
            for (Thread hog : hogs) {
                hog.join();
            }
        }
    }

    /** The whole session written at once, before anything was answered, then stdin closed (as `printf | mcp-bridge`). */
    private static void pipeThenEnd(Bridge bridge, int calls) {
        try (StdioHarness s = new StdioHarness(bridge)) {
            StringBuilder all = new StringBuilder();
            all.append("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"protocolVersion\":"
                    + "\"2025-06-18\",\"capabilities\":{},\"clientInfo\":{\"name\":\"pipe\",\"version\":\"1\"}}}\n");
            all.append("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}\n");
            for (int i = 0; i < calls; i++) {
                int id = 100 + i;
                all.append(i % 2 == 0 ? call(id, "greet", "{\"name\":\"n" + id + "\"}")
                        : call(id, "sleep", "{\"millis\":" + (i % 5) + "}")).append('\n');
            }
            s.sendRaw(all.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
            List<JsonNode> answers = s.endInput();
            assertThat(answers).extracting(n -> n.path("id").asInt()).containsExactlyInAnyOrderElementsOf(
                    java.util.stream.IntStream.concat(java.util.stream.IntStream.of(1),
                            java.util.stream.IntStream.range(100, 100 + calls)).boxed().toList());
            assertThat(answers).filteredOn(n -> n.path("id").asInt() == 100).singleElement()
                    .satisfies(n -> assertThat(n.path("result").path("content").get(0).path("text").asText())
                            .isEqualTo("hello, n100!"));
        }
    }

    @Test
    void manyPipelinedCallsAreAllAnsweredWhileTheSessionIsOpen() {
        try (StdioHarness s = new StdioHarness(testkit())) {
            s.initialize();
            StringBuilder batch = new StringBuilder();
            for (int i = 100; i < 1100; i++) {
                batch.append(i % 2 == 0 ? call(i, "greet", "{\"name\":\"n" + i + "\"}")
                        : call(i, "sleep", "{\"millis\":" + (i % 7) + "}")).append('\n');
            }
            s.sendRaw(batch.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
            java.util.Set<Integer> ids = new java.util.HashSet<>();
            while (ids.size() < 1000) {
                ids.add(s.next(n -> n.path("id").asInt(-1) >= 100).path("id").asInt());
            }
            assertThat(s.endInput()).isEmpty();
        }
    }

    @Test
    void requestsSentBeforeTheSessionIsInitializedAreAnsweredWhenTheInputEnds() {
        try (StdioHarness s = new StdioHarness(testkit())) {
            s.send("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"protocolVersion\":"
                    + "\"2025-06-18\",\"capabilities\":{},\"clientInfo\":{\"name\":\"t\",\"version\":\"1\"}}}");
            s.send(call(2, "greet", "{\"name\":\"x\"}"));
            List<JsonNode> rest = s.endInput();
            List<JsonNode> all = new ArrayList<>(rest);
            assertThat(all).filteredOn(n -> n.path("id").asInt(-1) == 2).singleElement()
                    .satisfies(n -> assertThat(n.path("error").path("message").asText()).contains("never initialized"));
        }
    }
}
