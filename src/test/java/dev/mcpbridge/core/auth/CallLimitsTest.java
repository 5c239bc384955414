package dev.mcpbridge.core.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mcpbridge.core.config.BridgeConfig;
import dev.mcpbridge.core.config.ConfigException;
import dev.mcpbridge.core.config.ConfigLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CallLimitsTest {

    @TempDir
    Path dir;

    private CallLimits limits(String yaml) throws Exception {
        Path file = dir.resolve("mcp-bridge.yaml");
        Files.writeString(file, yaml);
        BridgeConfig config = new ConfigLoader(Map.of()).load(file);
        return CallLimits.from(config);
    }

    @Test
    void eachCallerHasItsOwnWindowAndIsToldWhenToRetry() throws Exception {
        // A window of an hour: the refusal below cannot be undone by a slow machine.
        CallLimits limits = limits("limits: { calls: 2, window: 1h }\n");
        Caller ci = Caller.token("ci");

        assertThat(limits.takeCall(ci)).isEmpty();
        assertThat(limits.takeCall(ci)).isEmpty();
        Optional<CallLimits.Refusal> third = limits.takeCall(ci);

        assertThat(third).isPresent();
        assertThat(third.get().retryAfterSeconds()).isBetween(1L, 3600L);
        assertThat(third.get().message()).startsWith("Rate limit: token:ci may make 2 tool call(s) per 60 min")
                .contains("limits.calls").contains("retry after " + third.get().retryAfterSeconds() + " s");
        assertThat(limits.takeCall(Caller.token("ops"))).as("another caller").isEmpty();
        for (int i = 0; i < 10; i++) {
            assertThat(limits.takeCall(Caller.LOCAL)).as("the local user").isEmpty();
        }
    }

    @Test
    void callsInFlightAreCountedUntilReleased() throws Exception {
        CallLimits limits = limits("limits: { inFlight: 1 }\n");
        Caller ci = Caller.token("ci");

        Optional<Runnable> first = limits.enter(ci);
        assertThat(first).isPresent();
        assertThat(limits.enter(ci)).isEmpty();
        assertThat(limits.enter(Caller.token("ops"))).isPresent();
        first.get().run();
        first.get().run();
        Optional<Runnable> again = limits.enter(ci);
        assertThat(again).as("released once, however often release runs").isPresent();
        assertThat(limits.enter(ci)).isEmpty();
        assertThat(limits.busy(ci)).contains("token:ci may have 1 tool call(s) running at once (limits.inFlight)");
    }

    @Test
    void noLimitsByDefault() throws Exception {
        CallLimits limits = limits("limits: {}\n");
        for (int i = 0; i < 100; i++) {
            assertThat(limits.takeCall(Caller.token("ci"))).isEmpty();
            assertThat(limits.enter(Caller.token("ci"))).isPresent();
        }
    }

    @Test
    void mistakesStopStartUpNamingTheField() {
        assertThatThrownBy(() -> limits("limits: { calls: -1 }\n")).isInstanceOf(ConfigException.class)
                .hasMessageContaining("mcp-bridge.yaml:1:").hasMessageContaining("limits.calls: expected 0");
        assertThatThrownBy(() -> limits("limits: { window: soon }\n")).hasMessageContaining("limits.window");
        assertThatThrownBy(() -> limits("limits: { window: 0s }\n")).hasMessageContaining("limits.window");
        assertThatThrownBy(() -> limits("limits: { inflight: 2 }\n")).hasMessageContaining("did you mean 'inFlight'?");
    }

    @Test
    void retryAfterIsWholeSecondsRoundedUp() {
        assertThat(new CallLimits.Refusal("", Duration.ofMillis(1)).retryAfterSeconds()).isEqualTo(1);
        assertThat(new CallLimits.Refusal("", Duration.ofMillis(1001)).retryAfterSeconds()).isEqualTo(2);
    }
}
