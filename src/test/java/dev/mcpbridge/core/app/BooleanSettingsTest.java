package dev.mcpbridge.core.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mcpbridge.core.adapter.AdapterCatalog;
import dev.mcpbridge.core.adapter.AdapterDescriptor;
import dev.mcpbridge.core.adapter.AdapterDescriptor.SettingSpec;
import dev.mcpbridge.core.adapter.AdapterDescriptor.ToolSpec;
import dev.mcpbridge.core.adapter.AdapterLoader;
import dev.mcpbridge.core.config.BridgeConfig;
import dev.mcpbridge.core.config.ConfigException;
import dev.mcpbridge.core.registry.RegisteredTool;
import io.modelcontextprotocol.json.McpJsonDefaults;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Boolean settings mean what they say through the tool list and the settings records alike: true/yes/on/1 true,
 * false/no/off/0 false (any case), anything else refused at start-up with one line naming where it was set.
 */
class BooleanSettingsTest {

    private static final List<String> TRUE_WORDS = List.of("1", "yes", "ON", "true", "True");
    private static final List<String> FALSE_WORDS = List.of("0", "no", "OFF", "false");

    @TempDir
    Path dir;

    /** The least each adapter needs to be served at all. */
    private Map<String, String> required(String adapter) {
        return switch (adapter) {
            case "filesystem" -> Map.of("directories", dir.toString());
            case "win-cli" -> Map.of("shells", "bash", "allowedPaths", dir.toString());
            case "searxng" -> Map.of("url", "http://127.0.0.1:8888");
            default -> Map.of();
        };
    }

    private Bridge bridge(String adapter, Map<String, String> settings, Map<String, String> env) {
        BridgeConfig config = new BridgeConfig();
        config.adapters = List.of(adapter);
        Map<String, Object> values = new LinkedHashMap<>(required(adapter));
        values.putAll(settings);
        config.settings.put(adapter, values);
        return Bridge.create(config, Map.of(), env);
    }

    private Set<String> tools(String adapter, Map<String, String> settings, Map<String, String> env) {
        try (Bridge bridge = bridge(adapter, settings, env)) {
            return bridge.registry().tools().stream().map(RegisteredTool::exposedName).collect(Collectors.toSet());
        }
    }

    private static List<AdapterDescriptor> builtIn() {
        return new AdapterCatalog(new AdapterLoader(McpJsonDefaults.getSchemaValidator())).load(List.of());
    }

    @Test
    void filesystemReadOnlyFromTheEnvironmentHidesWriteFile() {
        for (String yes : TRUE_WORDS) {
            assertThat(tools("filesystem", Map.of(), Map.of("FILESYSTEM_READ_ONLY", yes))).as(yes)
                    .contains("read_text_file").doesNotContain("write_file");
        }
        for (String no : FALSE_WORDS) {
            assertThat(tools("filesystem", Map.of(), Map.of("FILESYSTEM_READ_ONLY", no))).as(no).contains("write_file");
        }
    }

    @Test
    void allowDeleteYesServesDeleteFile() {
        for (String yes : TRUE_WORDS) {
            assertThat(tools("filesystem", Map.of("allowDelete", yes), Map.of())).as(yes).contains("delete_file");
        }
        for (String no : FALSE_WORDS) {
            assertThat(tools("filesystem", Map.of("allowDelete", no), Map.of())).as(no).doesNotContain("delete_file");
        }
    }

    @Test
    void sshEnabledYesServesTheSshTools() {
        for (String yes : TRUE_WORDS) {
            assertThat(tools("win-cli", Map.of("sshEnabled", yes), Map.of())).as(yes).contains("ssh_execute");
        }
        for (String no : FALSE_WORDS) {
            assertThat(tools("win-cli", Map.of("sshEnabled", no), Map.of())).as(no).doesNotContain("ssh_execute");
        }
    }

    @Test
    void githubReadOnlyOneHidesTheWritingTools() {
        Set<String> all = tools("github", Map.of(), Map.of());
        assertThat(all).contains("create_or_update_file");
        for (String yes : TRUE_WORDS) {
            Set<String> reading = tools("github", Map.of(), Map.of("GITHUB_READ_ONLY", yes));
            assertThat(reading).as(yes).contains("get_file_contents").doesNotContain("create_or_update_file");
        }
    }

    @Test
    void aMisspeltReadOnlyIsRefusedNamingTheFlag() {
        assertThatThrownBy(() -> tools("filesystem", Map.of(), Map.of("FILESYSTEM_READ_ONLY", "ture")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("FILESYSTEM_READ_ONLY").hasMessageContaining("'ture'")
                .hasMessageContaining("yes/no");
    }

    @Test
    void aMisspeltToolsetIsRefusedWithTheClosestOne() {
        assertThatThrownBy(() -> tools("github", Map.of(), Map.of("GITHUB_TOOLSETS", "repos,isues")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("GITHUB_TOOLSETS").hasMessageContaining("'isues'")
                .hasMessageContaining("did you mean 'issues'");
        assertThat(tools("github", Map.of(), Map.of("GITHUB_TOOLSETS", "repos, Issues"))).contains("list_issues")
                .doesNotContain("list_pull_requests");
    }

    /** Every setting whose default is a boolean, in every built-in adapter: yes and 0 accepted, junk refused. */
    @Test
    void everyBooleanSettingOfEveryAdapterReadsTheSameWords() {
        int checked = 0;
        for (AdapterDescriptor adapter : builtIn()) {
            for (SettingSpec setting : adapter.settings().values()) {
                String d = setting.defaultValue();
                boolean toolList = setting.hidesWritingTools() || adapter.tools().stream()
                        .map(ToolSpec::enabledBy).anyMatch(setting.name()::equals);
                if (!toolList && !"true".equals(d) && !"false".equals(d)) {
                    continue;
                }
                String where = adapter.name() + "." + setting.name();
                for (String word : List.of("yes", "0", "On", "FALSE")) {
                    bridge(adapter.name(), Map.of(setting.name(), word), Map.of()).close();
                }
                assertThatThrownBy(() -> bridge(adapter.name(), Map.of(setting.name(), "maybe"), Map.of()))
                        .as(where).isInstanceOf(ConfigException.class).hasMessageContaining("'maybe'");
                checked++;
            }
        }
        assertThat(checked).as("boolean settings found").isGreaterThanOrEqualTo(10);
    }
}
