package dev.mcpbridge.quickfiles;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mcpbridge.core.spi.AdapterRestarts;
import dev.mcpbridge.core.spi.AdapterRestarts.Outcome;
import dev.mcpbridge.core.spi.AdapterRestarts.Status;
import dev.mcpbridge.core.spi.TextResult;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** restart_mcp_servers: one outcome per name, in the original's report layout. */
class RestartMcpServersTest {

    @TempDir
    Path dir;

    private final List<String> asked = new ArrayList<>();
    private final AdapterRestarts restarts = name -> {
        asked.add(name);
        return switch (name) {
            case "github" -> new Outcome(name, Status.RESTARTED, "settings read again, services rebuilt");
            case "searxng" -> new Outcome(name, Status.FAILED, "adapter 'searxng' needs searxng.url");
            default -> new Outcome(name, Status.NOT_SERVED, "not served by this bridge");
        };
    };

    private TextResult restart(List<String> servers) {
        QuickFilesTools tools = new QuickFilesTools(new QuickFilesSettings(dir.toString(), QuickFilesSettings.Roots.add,
                "false", 1000), restarts);
        return tools.restartMcpServers(QuickFilesFixture.as(Map.of("servers", servers),
                QuickFilesArguments.RestartMcpServers.class));
    }

    @Test
    void reportsEachName() {
        TextResult r = restart(List.of("github", " github", "nope", "searxng"));
        assertThat(asked).containsExactly("github", "nope", "searxng");
        assertThat(r.error()).isFalse();
        assertThat(r.text()).startsWith("# Restarting MCP servers\n\n## Restarted:\n- ✅ github: settings read again, "
                + "services rebuilt\n\n## Not found:\n- ❌ nope: not served by this bridge\n\n## Failed:\n"
                + "- ❌ searxng: adapter 'searxng' needs searxng.url\n\n**Note:**");
    }

    @Test
    void nothingRestartedIsAnErrorAndNoNamesIsRefused() {
        assertThat(restart(List.of("nope")).error()).isTrue();
        assertThatThrownBy(() -> restart(List.of())).hasMessageContaining("servers must name at least one adapter");
    }
}
