package dev.mcpbridge.github;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpbridge.core.app.Bridge;
import dev.mcpbridge.core.config.BridgeConfig;
import dev.mcpbridge.core.invoke.CallContext;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * GitHub out of reach with a token set (a loopback port nobody listens on): every tool, whether it goes through hub4j
 * or the adapter's own requests, says "GitHub could not be reached at ..." rather than an internal error.
 */
class UnreachableTest {

    @ParameterizedTest
    @ValueSource(strings = {"get_me", "get_teams", "get_team_members", "list_branches", "search_users"})
    void everyToolSaysGitHubCouldNotBeReached(String tool) throws Exception {
        int closed;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = socket.getLocalPort();
        }
        BridgeConfig config = new BridgeConfig();
        config.adapters = List.of("github");
        try (Bridge bridge = Bridge.create(config, Map.of("github.maxRetries", "0"), Map.of(
                "GITHUB_HOST", "http://127.0.0.1:" + closed, "GITHUB_PERSONAL_ACCESS_TOKEN", GitHubTestSupport.TOKEN))) {
            bridge.camel().startNow();
            Map<String, Object> args = ToolArgs.ALL.get(tool);
            CallToolResult result = bridge.invoker().call(bridge.registry().find(tool).orElseThrow(), args,
                    CallContext.detached(tool)).block(Duration.ofSeconds(60));
            assertThat(result.isError()).isTrue();
            assertThat(GitHubTestSupport.text(result)).startsWith("GitHub could not be reached at http://127.0.0.1:"
                    + closed + "/api/v3").doesNotContain("internal error");
        }
    }
}
