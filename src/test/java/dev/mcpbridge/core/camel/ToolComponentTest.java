package dev.mcpbridge.core.camel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mcpbridge.core.TestBridges;
import dev.mcpbridge.core.app.Bridge;
import dev.mcpbridge.core.config.BridgeConfig;
import dev.mcpbridge.core.invoke.CallContext;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Workflow steps ({@code tool:}) over the testkit tools (src/test/resources/workflows). */
class ToolComponentTest {

    private static Bridge bridge;

    @BeforeAll
    static void start() {
        bridge = TestBridges.testkit(Map.of("TESTKIT_API_KEY", "sk-test-0123456789"), c -> {
            c.adapterFolders = List.of(TestBridges.TESTKIT, "src/test/resources/workflows");
            c.adapters = List.of("testkit", "workflows");
        });
        bridge.camel().startNow();
    }

    @AfterAll
    static void stop() {
        bridge.close();
    }

    /** A client's call that keeps the progress it is sent. */
    private static final class Recording extends CallContext {
        final List<String> progress = new CopyOnWriteArrayList<>();

        Recording(String tool) {
            super(tool);
        }

        @Override
        public void progress(double progress, Double total, String message) {
            this.progress.add((int) progress + " " + message);
        }

        @Override
        public void log(String level, String message) {
        }

        @Override
        public Map<String, Object> requestFromClient(String method, Map<String, Object> params) {
            throw new UnsupportedOperationException();
        }

        @Override
        public List<String> roots() {
            return List.of();
        }
    }

    private static CallToolResult call(String tool, Map<String, Object> args, CallContext context) {
        return bridge.invoker().call(bridge.registry().find(tool).orElseThrow(), args, context)
                .block(Duration.ofSeconds(30));
    }

    @Test
    void stepsRunInTurnEachOnTheAnswerOfTheLastAndReportProgress() {
        Recording context = new Recording("greet_twice");
        CallToolResult r = call("greet_twice", Map.of("name", "Ada"), context);

        assertThat(r.isError()).isFalse();
        assertThat(TestBridges.text(r)).isEqualTo("hello, hello, Ada!!");
        assertThat(context.progress).containsExactly("1 greet done", "2 greet done");
    }

    @Test
    void aValueTypedByTheUserStaysOneArgument() {
        // Evaluated into the value, never spliced into the URI: the '&' and '=' do not become another argument.
        CallToolResult r = call("greet_twice", Map.of("name", "x&name=y"), CallContext.detached("greet_twice"));

        assertThat(TestBridges.text(r)).isEqualTo("hello, hello, x&name=y!!");
    }

    @Test
    void aWorkflowThatCallsItselfStopsAtTheNestingLimit() {
        CallToolResult r = call("recurse", Map.of(), CallContext.detached("recurse"));

        assertThat(r.isError()).isTrue();
        assertThat(TestBridges.text(r)).contains("nested 8 deep").doesNotContain("Exception");
    }

    @Test
    void aStepNamingNoServedToolStopsStartUpWithTheToolNamed() {
        BridgeConfig config = new BridgeConfig();
        config.adapterFolders = List.of(TestBridges.TESTKIT, "src/test/resources/workflows-typo");
        config.adapters = List.of("testkit", "typo");
        assertThatThrownBy(() -> {
            try (Bridge broken = Bridge.create(config, Map.of(), Map.of("TESTKIT_API_KEY", "sk-test-0123456789"))) {
                broken.camel().startNow();
            }
        }).hasMessageContaining("tool:greeet").hasMessageContaining("greet");
    }
}
