package dev.mcpbridge.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mcpbridge.core.TestBridges;
import dev.mcpbridge.core.app.Bridge;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every configuration mistake a new user makes is one line with the place (file:line:column, or the variable), the
 * field, what was expected and, for a mistyped name, the name that was probably meant.
 */
class ConfigErrorsTest {

    @TempDir
    Path dir;

    private String loadError(String yaml) throws Exception {
        return loadError(yaml, Map.of());
    }

    private String loadError(String yaml, Map<String, String> env) throws Exception {
        Path file = dir.resolve("bridge.yaml");
        Files.writeString(file, yaml);
        Throwable error = org.assertj.core.api.Assertions.catchThrowable(() -> new ConfigLoader(env).load(file));
        assertThat(error).as("an error for %s", yaml).isInstanceOf(ConfigException.class);
        assertThat(error.getMessage()).doesNotContain("\n", "Exception", "java.");
        return error.getMessage();
    }

    private String bridgeError(String yaml, Map<String, String> overrides) throws Exception {
        Path file = dir.resolve("bridge.yaml");
        Files.writeString(file, yaml);
        BridgeConfig config = new ConfigLoader(Map.of()).load(file);
        config.adapterFolders = List.of(TestBridges.TESTKIT);
        Throwable error = org.assertj.core.api.Assertions.catchThrowable(() -> {
            try (Bridge bridge = Bridge.create(config, overrides, Map.of())) {
                bridge.registry();
            }
        });
        assertThat(error).isInstanceOf(ConfigException.class);
        assertThat(error.getMessage()).doesNotContain("\n");
        return error.getMessage();
    }

    private String file() {
        return dir.resolve("bridge.yaml").toString();
    }

    @Test
    void malformedYamlSaysLineColumnAndWhatWasExpected() throws Exception {
        assertThat(loadError("adapters: [a, b\n")).isEqualTo(file() + ":2:1: not valid YAML: expected ',' or ']', "
                + "but got <stream end> (while parsing a flow sequence started at line 1)");
        assertThat(loadError("adapters:\n\t- x\n")).startsWith(file() + ":2:1: not valid YAML: found character")
                .contains("TAB");
        assertThat(loadError("adapters: [testkit]\nadapters: [x]\n")).startsWith(file() + ":2:")
                .contains("'adapters' is written twice");
    }

    @Test
    void wrongTypesNameTheFieldPathAndTheExpectedType() throws Exception {
        assertThat(loadError("http:\n  port: abc\n")).isEqualTo(file() + ":2:9: http.port: expected a port number, "
                + "got 'abc'");
        assertThat(loadError("http:\n  port: 70000\n")).isEqualTo(file() + ":2:3: http.port: expected a port number "
                + "from 0 to 65535 (0 picks a free one), got 70000");
        assertThat(loadError("readOnly: maybe\n")).isEqualTo(file() + ":1:11: readOnly: must be true/false, yes/no, "
                + "on/off or 1/0, not 'maybe'");
        assertThat(loadError("http:\n  stateless: 2\n")).isEqualTo(file() + ":2:14: http.stateless: must be "
                + "true/false, yes/no, on/off or 1/0, not '2'");
        assertThat(loadError("settings: [a]\n")).startsWith(file() + ":1:").contains("settings: expected a mapping");
        assertThat(loadError("- a\n")).isEqualTo(file() + ":1:1: the file: expected a mapping of 'name: value' lines");
        assertThat(loadError("timeout: 5x\n")).isEqualTo(file() + ":1:1: timeout: '5x' is not a duration "
                + "(examples: 500ms, 30s, 2m, PT1M)");
        assertThat(loadError("toolTimeouts:\n  greet: soon\n")).startsWith(file() + ":2:3: toolTimeouts.greet: 'soon'");
    }

    @Test
    void theFilesBooleansReadAsTheVariablesAndFlagsDo() throws Exception {
        Path file = dir.resolve("bridge.yaml");
        for (String word : java.util.List.of("yes", "on", "1", "true", "TRUE")) {
            Files.writeString(file, "readOnly: " + word + "\nhttp:\n  stateless: " + word + "\n");
            BridgeConfig config = new ConfigLoader(Map.of()).load(file);
            assertThat(config.readOnly).as(word).isTrue();
            assertThat(config.http.stateless).as(word).isTrue();
        }
        for (String word : java.util.List.of("no", "off", "0", "false")) {
            Files.writeString(file, "readOnly: " + word + "\n");
            assertThat(new ConfigLoader(Map.of()).load(file).readOnly).as(word).isFalse();
        }
    }

    @Test
    void unknownFieldsAreErrorsWithTheirPlaceAndTheLikelyName() throws Exception {
        assertThat(loadError("http:\n  bnd: 0.0.0.0\n")).isEqualTo(file() + ":2:3: http.bnd: unknown field "
                + "(did you mean 'bind'?) (known here: allowedHosts, allowedOrigins, bind, maxRequestBytes, port, publicUrl, shutdownTimeout, stateless, token, tokens)");
        assertThat(loadError("origins: x\n")).contains(":1:1: origins: unknown field");
    }

    @Test
    void anUnknownAdapterInTheSettingsIsAnErrorNotSilentlyIgnored() throws Exception {
        assertThat(bridgeError("settings:\n  testkt:\n    greeting: hi\n", Map.of())).startsWith(file()
                + ":2:3: settings.testkt: there is no adapter named 'testkt' (did you mean 'testkit'?); known adapters: ");
    }

    @Test
    void anUnknownSettingIsAnErrorEvenForAnAdapterNotServed() throws Exception {
        assertThat(bridgeError("adapters: [filesystem]\nsettings:\n  testkit:\n    greting: hi\n", Map.of()))
                .startsWith(file() + ":4:5: settings.testkit.greting: adapter 'testkit' has no setting 'greting' "
                        + "(did you mean 'greeting'?); its settings: ");
    }

    @Test
    void setFlagsNameOnlyKnownAdaptersAndSettings() throws Exception {
        assertThat(bridgeError("adapters: [testkit]\n", Map.of("nosuch.x", "1")))
                .startsWith("--set nosuch.x: there is no adapter named 'nosuch'; known adapters: ");
        assertThat(bridgeError("adapters: [testkit]\n", Map.of("testkit.nosuch", "1")))
                .startsWith("--set testkit.nosuch: adapter 'testkit' has no setting 'nosuch'; its settings: ");
    }

    @Test
    void adapterListsFromTheFileAndTheEnvironmentNameOnlyKnownAdapters() throws Exception {
        assertThat(bridgeError("adapters: [testkit, nosuch]\n", Map.of())).startsWith(file()
                + ":1:21: adapters[1]: there is no adapter named 'nosuch'");
        assertThat(bridgeError("disabledAdapters: testkt\n", Map.of())).startsWith(file()
                + ":1:1: disabledAdapters[0]: there is no adapter named 'testkt' (did you mean 'testkit'?)");
        BridgeConfig fromEnv = new ConfigLoader(Map.of("MCP_BRIDGE_ADAPTERS", "testkit,filesytem")).load(null);
        fromEnv.adapterFolders = List.of(TestBridges.TESTKIT);
        assertThatThrownBy(() -> Bridge.create(fromEnv, Map.of(), Map.of())).isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("MCP_BRIDGE_ADAPTERS: there is no adapter named 'filesytem' "
                        + "(did you mean 'filesystem'?)");
        BridgeConfig disabled = new ConfigLoader(Map.of("MCP_BRIDGE_DISABLED_ADAPTERS", "nosuch")).load(null);
        assertThatThrownBy(() -> Bridge.create(disabled, Map.of(), Map.of()))
                .hasMessageStartingWith("MCP_BRIDGE_DISABLED_ADAPTERS: there is no adapter named 'nosuch'");
    }

    @Test
    void environmentValuesAreCheckedToo() {
        assertThatThrownBy(() -> new ConfigLoader(Map.of("MCP_BRIDGE_READ_ONLY", "maybe")).load(null))
                .hasMessage("MCP_BRIDGE_READ_ONLY: must be true/false, yes/no, on/off or 1/0, not 'maybe'");
        assertThatThrownBy(() -> new ConfigLoader(Map.of("MCP_BRIDGE_HTTP_PORT", "99999")).load(null))
                .hasMessageStartingWith("MCP_BRIDGE_HTTP_PORT: expected a port number from 0 to 65535");
        assertThatThrownBy(() -> new ConfigLoader(Map.of("MCP_BRIDGE_TIMEOUT", "soon")).load(null))
                .hasMessageStartingWith("MCP_BRIDGE_TIMEOUT: 'soon' is not a duration");
    }

    @Test
    void aFieldSetFromTheEnvironmentIsBlamedOnTheVariableNotTheFile() throws Exception {
        Path file = dir.resolve("bridge.yaml");
        Files.writeString(file, "adapters: [testkit]\n");
        BridgeConfig config = new ConfigLoader(Map.of("MCP_BRIDGE_ADAPTERS", "x")).load(file);
        assertThat(config.origins().where("adapters[0]")).isEqualTo("MCP_BRIDGE_ADAPTERS");
        assertThat(new ConfigLoader(Map.of()).load(file).origins().where("adapters[0]"))
                .isEqualTo(file + ":1:12: adapters[0]");
    }
}
