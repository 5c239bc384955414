package dev.mcpbridge.wincli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mcpbridge.core.app.Bridge;
import dev.mcpbridge.core.config.BridgeConfig;
import dev.mcpbridge.core.registry.RegisteredTool;
import dev.mcpbridge.core.spi.Secrets;
import dev.mcpbridge.core.spi.SettingsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What win-cli offers before any command runs: no execute_command without a local shell, and never the whole
 * file system as its start directory when Roo starts the bridge in {@code /} (no folder open).
 */
class StartDirectoryAndShellsTest {

    @TempDir
    Path work;

    private List<String> tools(Map<String, Object> settings) {
        BridgeConfig config = new BridgeConfig();
        config.adapters = List.of("win-cli");
        Map<String, Object> values = new LinkedHashMap<>(Map.of("allowedPaths", work.toString(), "sshEnabled", "true",
                "auditLog", "none", "sshConnectionsFile", work.resolve("c.yaml").toString()));
        values.putAll(settings);
        config.settings.put("win-cli", values);
        try (Bridge bridge = Bridge.create(config, Map.of(), Map.of())) {
            return bridge.registry().tools().stream().map(RegisteredTool::exposedName).toList();
        }
    }

    @Test
    void shellsNoneServesTheSshToolsButNotExecuteCommand() {
        assertThat(tools(Map.of("shells", "none"))).doesNotContain("execute_command").contains("ssh_execute");
        assertThat(tools(Map.of("shells", " NONE "))).doesNotContain("execute_command");
        assertThat(tools(Map.of("shells", "bash"))).contains("execute_command", "ssh_execute");
    }

    private LocalCommands startedIn(Path start, Map<String, String> env, Map<String, String> settings) {
        Map<String, String> values = new LinkedHashMap<>(Map.of("shells", "bash", "auditLog", "none",
                "sshConnectionsFile", work.resolve("c.yaml").toString(), "sandbox", "none"));
        values.putAll(settings);
        WinCliSettings s = WinCliSettingsForTests.of(values);
        Secrets secrets = new Secrets();
        Supplier<Map<String, String>> environment = () -> env;
        return new LocalCommands(s, secrets, new CommandRules(s), new CommandLog(s, secrets), environment, start,
                false);
    }

    @Test
    void startedInTheRootWithoutAllowedPathsCommandsStartAtHomeAndTheRootIsNotAllowed() throws Exception {
        Path home = Files.createDirectories(work.resolve("home"));
        LocalCommands local = startedIn(Path.of("/"), Map.of("HOME", home.toString(), "PATH", "/usr/bin:/bin"),
                Map.of());
        assertThat(local.defaultDirectory()).isEqualTo(home.toRealPath());
        assertThat(local.allowedPaths()).doesNotContain(Path.of("/"));
        assertThatThrownBy(() -> local.workingDirectory("/etc")).hasMessageContaining("outside");
    }

    @Test
    void startedInTheRootWithAllowedPathsCommandsStartInTheFirst() throws Exception {
        Path project = Files.createDirectories(work.resolve("project"));
        LocalCommands local = startedIn(Path.of("/"), Map.of("HOME", "/", "PATH", "/usr/bin:/bin"),
                Map.of("allowedPaths", project.toString()));
        assertThat(local.defaultDirectory()).isEqualTo(project.toRealPath());
        assertThat(local.allowedPaths()).doesNotContain(Path.of("/"));
        assertThatThrownBy(() -> local.workingDirectory("/tmp")).hasMessageContaining("outside");
    }

    @Test
    void startedInTheRootWithNoHomeNorAllowedPathsStartUpStopsNamingTheSetting() {
        assertThatThrownBy(() -> startedIn(Path.of("/"), Map.of("HOME", "/", "PATH", "/usr/bin:/bin"), Map.of()))
                .isInstanceOf(SettingsException.class)
                .hasMessage("the bridge was started in '/' and there is no home directory to start commands in "
                        + "instead; set allowedPaths (WINCLI_ALLOWED_PATHS) to the directories commands may run in")
                .satisfies(e -> assertThat(((SettingsException) e).setting()).isEqualTo("allowedPaths"));
    }

    @Test
    void startedInAProjectItIsTheDefaultAsBefore() throws Exception {
        LocalCommands local = startedIn(work, Map.of("HOME", "/", "PATH", "/usr/bin:/bin"), Map.of());
        assertThat(local.defaultDirectory()).isEqualTo(work.toRealPath());
    }
}
