package dev.mcpbridge.core.invoke;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpbridge.core.Eventually;
import dev.mcpbridge.core.TestBridges;
import dev.mcpbridge.core.app.Bridge;
import dev.mcpbridge.core.registry.RegisteredTool;
import dev.mcpbridge.testkit.TestkitService;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

class ToolInvokerTest {

    private static Bridge bridge;

    @BeforeAll
    static void start() {
        bridge = TestBridges.testkit(Map.of("TESTKIT_API_KEY", "sk-test-0123456789"),
                c -> c.toolTimeouts.put("sleep", "300ms"));
        bridge.camel().startNow();
    }

    @AfterAll
    static void stop() {
        bridge.close();
    }

    private static CallToolResult call(String tool, Map<String, Object> args) {
        return call(tool, args, CallContext.detached(tool));
    }

    private static CallToolResult call(String tool, Map<String, Object> args, CallContext context) {
        RegisteredTool t = bridge.registry().find(tool).orElseThrow();
        return bridge.invoker().call(t, args, context).block(Duration.ofSeconds(30));
    }

    private static String text(CallToolResult r) {
        return ((McpSchema.TextContent) r.content().get(0)).text();
    }

    @Test
    void happyPathGoesThroughTheRouteWithSettingsAsProperties() {
        CallToolResult r = call("greet", Map.of("name", "Ada"));
        assertThat(r.isError()).isFalse();
        assertThat(text(r)).isEqualTo("hello, Ada!");
    }

    @Test
    void argumentsAreValidatedAgainstTheInputSchema() {
        CallToolResult missing = call("greet", Map.of());
        assertThat(missing.isError()).isTrue();
        assertThat(text(missing)).startsWith("Invalid arguments for tool 'greet': ").contains("name");
        CallToolResult extra = call("greet", Map.of("name", "Ada", "shout", true));
        assertThat(extra.isError()).isTrue();
        assertThat(text(extra)).contains("shout");
        CallToolResult wrongType = call("sleep", Map.of("millis", "soon"));
        assertThat(wrongType.isError()).isTrue();
        assertThat(text(wrongType)).contains("millis");
        assertThat(call("greet", null).isError()).isTrue();
    }

    @Test
    void anInternalExceptionIsReportedWithoutItsMessageOrStackTrace() {
        CallToolResult r = call("boom", Map.of());
        assertThat(r.isError()).isTrue();
        assertThat(text(r)).startsWith("Tool 'boom' failed with an internal error (IllegalStateException, reference ")
                .doesNotContain("10.1.2.3").doesNotContain("at dev.").doesNotContain("Exception:");
    }

    @Test
    void aToolExceptionMessageIsShownAsIs() {
        CallToolResult r = call("refuse", Map.of());
        assertThat(r.isError()).isTrue();
        assertThat(text(r)).isEqualTo("the file 'notes.txt' does not exist");
    }

    @Test
    void structuredOutputIsValidated() {
        CallToolResult ok = call("stats", Map.of());
        assertThat(ok.structuredContent()).isEqualTo(Map.of("count", 3, "label", "items"));
        CallToolResult bad = call("stats", Map.of("bad", true));
        assertThat(bad.isError()).isTrue();
        assertThat(text(bad)).contains("does not match its output schema");
    }

    @Test
    void secretsAreRedactedFromTextAndStructuredContent() {
        CallToolResult r = call("leak", Map.of());
        assertThat(text(r)).isEqualTo("the key is ****").doesNotContain("sk-test");
        assertThat(r.structuredContent()).isEqualTo(Map.of("nested", Map.of("list", java.util.List.of("key=****"))));
        assertThat(r.isError()).as("a TextResult may report an error with its data").isTrue();
    }

    @Test
    void aTimedOutCallIsAnErrorAndItsWorkerIsInterrupted() {
        int interruptedBefore = TestkitService.INTERRUPTED.get();
        CallContext context = CallContext.detached("sleep");
        CallToolResult r = call("sleep", Map.of("millis", 20_000), context);
        assertThat(r.isError()).isTrue();
        assertThat(text(r)).isEqualTo("Tool 'sleep' timed out after 300 ms and was stopped.");
        assertThat(context.cancelled()).isTrue();
        Eventually.within(Duration.ofSeconds(5),
                () -> assertThat(TestkitService.INTERRUPTED.get()).isGreaterThan(interruptedBefore));
    }

    @Test
    void aCancelledCallStopsItsWorkerAndAnswersNothing() {
        int interruptedBefore = TestkitService.INTERRUPTED.get();
        RegisteredTool sleep = bridge.registry().find("sleep").orElseThrow();
        RegisteredTool longer = new RegisteredTool(sleep.adapter(), "sleep", sleep.spec(), Duration.ofMinutes(1));
        CallContext context = CallContext.detached("sleep");
        List<CallToolResult> answers = new java.util.concurrent.CopyOnWriteArrayList<>();
        Disposable call = bridge.invoker().call(longer, Map.of("millis", 20_000), context).subscribe(answers::add);
        Eventually.until(Duration.ofSeconds(5), () -> TestkitService.RUNNING.get() > 0);
        call.dispose();
        Eventually.within(Duration.ofSeconds(5),
                () -> assertThat(TestkitService.INTERRUPTED.get()).isGreaterThan(interruptedBefore));
        assertThat(context.cancelled()).isTrue();
        assertThat(answers).isEmpty();
    }

    @Test
    void fiftyConcurrentSlowCallsTakeAboutOneCallsTime() {
        RegisteredTool sleep = bridge.registry().find("sleep").orElseThrow();
        RegisteredTool slow = new RegisteredTool(sleep.adapter(), "sleep", sleep.spec(), Duration.ofSeconds(30));
        long start = System.nanoTime();
        List<CallToolResult> results = Flux.range(0, 50)
                .flatMap(i -> bridge.invoker().call(slow, Map.of("millis", 1000), CallContext.detached("sleep")), 50)
                .collectList().block(Duration.ofSeconds(30));
        long elapsedMillis = (System.nanoTime() - start) / 1_000_000;
        assertThat(results).hasSize(50).allSatisfy(r -> assertThat(r.isError()).isFalse());
        // Sequentially this is 50 s; concurrently about 1 s. The bound leaves room for a loaded CI machine.
        assertThat(elapsedMillis).isLessThan(8_000);
    }

    @Test
    void anExplicitNullIsDroppedUnlessTheParameterTakesNull() {
        Map<String, Object> schema = Map.of("type", "object", "required", List.of("id"), "properties", Map.of(
                "id", Map.of("type", "string"),
                "label", Map.of("type", "string"),
                "kind", Map.of("anyOf", List.of(Map.of("type", "string"), Map.of("type", "null"))),
                "note", Map.of("type", List.of("string", "null"))));
        RegisteredTool tool = new RegisteredTool("t", "t", new dev.mcpbridge.core.adapter.AdapterDescriptor.ToolSpec(
                "t", null, null, new dev.mcpbridge.core.adapter.AdapterDescriptor.Annotations(null, null, null, null),
                "direct:t", schema, null, null, null, null), Duration.ofSeconds(1));
        Map<String, Object> given = new java.util.HashMap<>();
        given.put("id", null);
        given.put("label", null);
        given.put("kind", null);
        given.put("note", null);
        assertThat(ToolInvoker.withoutOptionalNulls(tool, given)).containsOnlyKeys("id", "kind", "note");
    }

    @Test
    void callsWaitForCamelToFinishBooting() {
        try (Bridge fresh = TestBridges.testkit()) {
            Mono<CallToolResult> pending = fresh.invoker().call(fresh.registry().find("greet").orElseThrow(),
                    Map.of("name", "Bo"), CallContext.detached("greet"));
            fresh.startCamelInBackground();
            assertThat(text(pending.block(Duration.ofSeconds(30)))).isEqualTo("hello, Bo!");
        }
    }
}
