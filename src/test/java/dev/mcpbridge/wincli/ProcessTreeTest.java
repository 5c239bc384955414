package dev.mcpbridge.wincli;

import static dev.mcpbridge.wincli.WinCliBridge.data;
import static dev.mcpbridge.wincli.WinCliBridge.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mcpbridge.core.app.Bridge;
import dev.mcpbridge.core.config.BridgeConfig;
import dev.mcpbridge.core.invoke.CallContext;
import dev.mcpbridge.core.spi.Arguments;
import dev.mcpbridge.core.spi.Secrets;
import dev.mcpbridge.core.spi.ToolCallContext;
import dev.mcpbridge.core.spi.ToolException;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A command's whole process tree is killed at its timeout, on cancellation and when the bridge's own call timeout
 * interrupts it; background processes it leaves behind are stopped. Each test's sleeps carry a unique duration as
 * a marker, looked for among all processes of the machine afterwards.
 */
class ProcessTreeTest {

    private static final AtomicLong SEQ = new AtomicLong(System.nanoTime() % 100_000);

    @TempDir
    static Path work;
    private static WinCliBridge bridge;

    @BeforeAll
    static void start() {
        // The runner's own tree handling, without bubblewrap (whose PID namespace would end the tree by itself:
        // SandboxTest covers that case).
        bridge = WinCliBridge.start(work, Map.of("allowedOperators", "& ()", "allowedCommands", "default, sleep",
                "commandTimeout", "1", "sandbox", "none"));
    }

    @AfterAll
    static void stop() {
        bridge.close();
    }

    /** A sleep duration no other process on the machine has: 300.&lt;unique digits&gt;. */
    private static String marker() {
        return "300." + SEQ.incrementAndGet() + "1";
    }

    private static void assertNoneLeft(String... markers) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(3);
        for (String m : markers) {
            while (ProcessTrees.running(m) && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertThat(ProcessTrees.withMarker(m)).as("processes still running with marker %s", m).isEmpty();
        }
    }

    @Test
    void aTimeoutKillsTheShellAndEveryChild() throws Exception {
        for (String shell : List.of("sh", "bash")) {
            String a = marker();
            String b = marker();
            CallToolResult r = bridge.run(shell, "sleep " + a + " & sleep " + b);
            assertThat(r.isError()).isTrue();
            assertThat(data(r)).containsEntry("timedOut", true);
            assertThat(data(r).get("exitCode")).isNull();
            bridge.assertMatchesOutputSchema("execute_command", r);
            assertThat(((Number) data(r).get("killedProcesses")).intValue()).isGreaterThanOrEqualTo(2);
            assertThat(text(r)).startsWith("Command timed out after 1 s; the process and its ")
                    .contains("child process").contains("were killed");
            assertNoneLeft(a, b);
        }
    }

    @Test
    void aTimeoutKillsGrandchildrenInSubshells() throws Exception {
        String a = marker();
        String b = marker();
        String c = marker();
        CallToolResult r = bridge.run("bash", "(sleep " + a + " & sleep " + b + ") & sleep " + c);
        assertThat(data(r)).containsEntry("timedOut", true);
        assertNoneLeft(a, b, c);
    }

    @Test
    void aSingleCommandRunWithoutAShellIsKilledToo() throws Exception {
        String a = marker();
        CallToolResult r = bridge.run("sh", "sleep " + a);
        assertThat(data(r)).containsEntry("timedOut", true).containsEntry("execution", "direct");
        assertNoneLeft(a);
    }

    @Test
    void backgroundProcessesLeftBehindAreStopped() throws Exception {
        String a = marker();
        CallToolResult r = bridge.run("sh", "sleep " + a + " &");
        assertThat(r.isError()).as(text(r)).isFalse();
        assertThat(data(r)).containsEntry("exitCode", 0).containsEntry("timedOut", false);
        assertThat(((Number) data(r).get("killedProcesses")).intValue()).isGreaterThanOrEqualTo(1);
        assertThat(text(r)).contains("background process left running by the command was stopped");
        assertNoneLeft(a);
    }

    @Test
    void theBridgesCallTimeoutKillsTheTreeAsWell() throws Exception {
        BridgeConfig config = new BridgeConfig();
        config.adapters = List.of("win-cli");
        config.toolTimeouts.put("execute_command", "700ms");
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("shells", "bash");
        s.put("auditLog", "none");
        s.put("allowedOperators", "&");
        s.put("allowedCommands", "sleep");
        s.put("sandbox", "none");
        s.put("commandTimeout", "60");
        s.put("sshConnectionsFile", work.resolve("none.yaml").toString());
        config.settings.put("win-cli", s);
        try (Bridge b = Bridge.create(config, Map.of(), Map.of())) {
            b.camel().startNow();
            String m1 = marker();
            String m2 = marker();
            CallToolResult r = b.invoker().call(b.registry().find("execute_command").orElseThrow(),
                    Map.of("shell", "bash", "command", "sleep " + m1 + " & sleep " + m2),
                    CallContext.detached("execute_command")).block(Duration.ofSeconds(30));
            assertThat(r.isError()).isTrue();
            assertThat(text(r)).contains("timed out after 700 ms");
            assertNoneLeft(m1, m2);
        }
    }

    @Test
    void cancellationKillsTheTree() throws Exception {
        WinCliSettings settings = WinCliSettingsForTests.of(Map.of("shells", "bash", "auditLog", "none",
                "allowedOperators", "&", "allowedCommands", "sleep", "commandTimeout", "60",
                "sshConnectionsFile", work.resolve("none.yaml").toString()));
        Secrets secrets = new Secrets();
        LocalCommands tools = new LocalCommands(settings, secrets, new CommandRules(settings),
                new CommandLog(settings, secrets));
        String m1 = marker();
        String m2 = marker();
        long cancelAt = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(400);
        ToolCallContext ctx = new DelegatingContext(ToolCallContext.detached("execute_command")) {
            @Override
            public boolean cancelled() {
                return System.nanoTime() > cancelAt;
            }
        };
        long t0 = System.nanoTime();
        assertThatThrownBy(() -> tools.executeCommand(new Arguments(Map.of("shell", "bash", "command",
                "sleep " + m1 + " & sleep " + m2)), ctx)).isInstanceOf(ToolException.class)
                .hasMessageContaining("cancelled");
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0)).isLessThan(5000);
        assertNoneLeft(m1, m2);
    }

    /** A ToolCallContext that forwards to another, so a test can override one method. */
    static class DelegatingContext implements ToolCallContext {
        private final ToolCallContext d;

        DelegatingContext(ToolCallContext d) {
            this.d = d;
        }

        @Override
        public void progress(double progress, Double total, String message) {
            d.progress(progress, total, message);
        }

        @Override
        public void log(String level, String message) {
            d.log(level, message);
        }

        @Override
        public boolean cancelled() {
            return d.cancelled();
        }

        @Override
        public List<String> roots() {
            return d.roots();
        }

        @Override
        public String toolName() {
            return d.toolName();
        }

        @Override
        public Map<String, Object> requestFromClient(String method, Map<String, Object> params) {
            return d.requestFromClient(method, params);
        }
    }
}
