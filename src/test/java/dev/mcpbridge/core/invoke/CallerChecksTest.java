package dev.mcpbridge.core.invoke;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpbridge.core.Eventually;
import dev.mcpbridge.core.TestBridges;
import dev.mcpbridge.core.app.Bridge;
import dev.mcpbridge.core.auth.Caller;
import dev.mcpbridge.core.config.BridgeConfig;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** What the invoker checks of the caller on every call: its access rules and its calls in flight. */
class CallerChecksTest {

    private static Bridge bridge;

    @BeforeAll
    static void start() {
        bridge = TestBridges.testkit(Map.of("TESTKIT_API_KEY", "sk-test-0123456789"), config -> {
            BridgeConfig.Rule noBoom = new BridgeConfig.Rule();
            noBoom.caller.token = List.of("ci");
            noBoom.deny = new BridgeConfig.Tools();
            noBoom.deny.tools = List.of("boom");
            config.access.rules = List.of(noBoom);
            config.limits.inFlight = 1;
        });
        bridge.camel().startNow();
    }

    @AfterAll
    static void stop() {
        bridge.close();
    }

    private static CompletableFuture<CallToolResult> call(String tool, Map<String, Object> args, CallContext context) {
        return bridge.invoker().call(bridge.registry().find(tool).orElseThrow(), args, context).toFuture();
    }

    private static String text(CallToolResult result) {
        return TestBridges.text(result);
    }

    @Test
    void aDeniedToolIsRefusedAsAToolErrorAndAStepIsItsWorkflowsCaller() throws Exception {
        CallContext workflow = CallContext.detached("research").by(Caller.token("ci"));
        CallContext step = new StepContext("boom", workflow);

        CallToolResult direct = call("boom", Map.of(), CallContext.detached("boom").by(Caller.token("ci"))).get();
        CallToolResult asStep = call("boom", Map.of(), step).get();

        assertThat(step.caller()).isEqualTo(Caller.token("ci"));
        assertThat(direct.isError()).isTrue();
        assertThat(text(direct)).startsWith("Tool 'boom' is not allowed for token:ci by the access rules");
        assertThat(text(asStep)).isEqualTo(text(direct));
        assertThat(text(call("boom", Map.of(), CallContext.detached("boom").by(Caller.token("ops"))).get()))
                .as("another token runs it (and it fails its own way)").doesNotContain("not allowed");
    }

    @Test
    void aCallerWithACallRunningIsToldToWaitAndTheSlotComesBack() throws Exception {
        Caller busy = Caller.token("busy");
        CompletableFuture<CallToolResult> running = call("sleep", Map.of("millis", 1500),
                CallContext.detached("sleep").by(busy));

        // Until the first call holds the slot, a probe simply runs; once it does, the probe is refused.
        Eventually.until(Duration.ofSeconds(30), () -> text(call("greet", Map.of("name", "probe"),
                CallContext.detached("greet").by(busy)).join()).startsWith("Too many calls running"));
        CallToolResult other = call("greet", Map.of("name", "x"), CallContext.detached("greet")
                .by(Caller.token("ops"))).get();
        CallToolResult local = call("greet", Map.of("name", "x"), CallContext.detached("greet")).get();
        running.get();
        CallToolResult after = call("greet", Map.of("name", "again"), CallContext.detached("greet").by(busy)).get();

        assertThat(other.isError()).as("another caller").isNotEqualTo(Boolean.TRUE);
        assertThat(local.isError()).as("the local user").isNotEqualTo(Boolean.TRUE);
        assertThat(after.isError()).as("the slot is free again").isNotEqualTo(Boolean.TRUE);
        assertThat(text(after)).doesNotContain("Too many");
    }
}
