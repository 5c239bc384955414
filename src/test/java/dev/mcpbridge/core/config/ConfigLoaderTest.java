package dev.mcpbridge.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mcpbridge.core.TestBridges;
import dev.mcpbridge.core.app.Bridge;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {

    @Test
    void environmentOverridesTheFile(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("mcp-bridge.yaml");
        Files.writeString(file, """
                adapters: [github]
                readOnly: false
                timeout: 30s
                http: { port: 4000, bind: 127.0.0.1 }
                settings:
                  github: { toolsets: repos }
                """);
        BridgeConfig c = new ConfigLoader(Map.of("MCP_BRIDGE_READ_ONLY", "true", "MCP_BRIDGE_HTTP_PORT", "5000",
                "MCP_BRIDGE_TOOLS", "a, b")).load(file);
        assertThat(c.adapters).containsExactly("github");
        assertThat(c.readOnly).isTrue();
        assertThat(c.timeout).isEqualTo("30s");
        assertThat(c.http.port).isEqualTo(5000);
        assertThat(c.tools).containsExactly("a", "b");
        assertThat(c.settings.get("github")).containsEntry("toolsets", "repos");
    }

    @Test
    void unknownFieldsAndMissingFilesAreClearErrors(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("c.yaml");
        Files.writeString(file, "readonly: true\n");
        assertThatThrownBy(() -> new ConfigLoader(Map.of()).load(file)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("readonly: unknown field (did you mean 'readOnly'?)");
        assertThatThrownBy(() -> new ConfigLoader(Map.of()).load(dir.resolve("none.yaml")))
                .hasMessageContaining("does not exist");
        assertThatThrownBy(() -> new ConfigLoader(Map.of("MCP_BRIDGE_HTTP_PORT", "eighty")).load(null))
                .hasMessageContaining("MCP_BRIDGE_HTTP_PORT: 'eighty' is not a port number");
    }

    @Test
    void settingsComeFromDefaultThenFileThenEnvironmentThenFlags() {
        try (Bridge fromDefault = TestBridges.testkit(Map.of(), c -> { })) {
            assertThat(greeting(fromDefault)).isEqualTo("hello");
        }
        try (Bridge fromFile = TestBridges.testkit(Map.of(), c -> c.settings.put("testkit", Map.of("greeting", "file")))) {
            assertThat(greeting(fromFile)).isEqualTo("file");
        }
        try (Bridge fromEnv = TestBridges.testkit(Map.of("TESTKIT_GREETING", "env"),
                c -> c.settings.put("testkit", Map.of("greeting", "file")))) {
            assertThat(greeting(fromEnv)).isEqualTo("env");
        }
    }

    @Test
    void anUnknownSettingInTheFileIsAnError() {
        assertThatThrownBy(() -> TestBridges.testkit(Map.of(), c -> c.settings.put("testkit", Map.of("greting", "x"))))
                .isInstanceOf(ConfigException.class).hasMessageContaining("settings.testkit.greting: adapter 'testkit' has no setting 'greting'");
    }

    @Test
    void secretSettingsAreRegisteredForRedactionAndScrubbing() {
        try (Bridge bridge = TestBridges.testkit(Map.of("TESTKIT_API_KEY", "abcd-secret-value"), c -> { })) {
            assertThat(bridge.secrets().redact("key=abcd-secret-value")).isEqualTo("key=****");
            Map<String, String> child = new java.util.HashMap<>(Map.of("TESTKIT_API_KEY", "abcd-secret-value",
                    "PATH", "/usr/bin", "OTHER", "abcd-secret-value"));
            bridge.secrets().scrub(child);
            assertThat(child).containsOnlyKeys("PATH");
            // The served adapter's secrets, the HTTP token, and those of every known adapter that is not served.
            assertThat(bridge.secrets().envNames()).containsExactlyInAnyOrder("TESTKIT_API_KEY", "MCP_BRIDGE_HTTP_TOKEN",
                    "GITHUB_PERSONAL_ACCESS_TOKEN", "GITHUB_TOKEN", "JINA_API_KEY", "JUPYTER_SERVER_TOKEN");
        }
        try (Bridge bridge = TestBridges.testkit(Map.of(), c -> c.http.token = "http-token-123")) {
            assertThat(bridge.secrets().redact("Bearer http-token-123")).isEqualTo("Bearer ****");
        }
    }

    private static String greeting(Bridge bridge) {
        bridge.camel().startNow();
        return bridge.camel().started().join().context().resolvePropertyPlaceholders("{{testkit.greeting}}");
    }
}
