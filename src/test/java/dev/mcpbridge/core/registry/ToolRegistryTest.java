package dev.mcpbridge.core.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mcpbridge.core.adapter.AdapterDescriptor;
import dev.mcpbridge.core.adapter.AdapterDescriptor.Annotations;
import dev.mcpbridge.core.adapter.AdapterDescriptor.SettingSpec;
import dev.mcpbridge.core.adapter.AdapterDescriptor.ToolSpec;
import dev.mcpbridge.core.config.ConfigException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ToolRegistryTest {

    private static ToolSpec tool(String name, Boolean readOnly, Long timeout) {
        return new ToolSpec(name, null, name + " tool", new Annotations(readOnly, null, null, null),
                "direct:" + name, Map.of("type", "object"), null, timeout, null, null);
    }

    private static AdapterDescriptor adapter(String name, ToolSpec... tools) {
        return new AdapterDescriptor(name, "", List.of(), Map.of(), List.of(tools), List.of(), List.of(), List.of(), name, name,
                "[]");
    }

    private final AdapterDescriptor files = adapter("filesystem", tool("read_file", true, null),
            tool("write_file", false, null));
    private final AdapterDescriptor quick = adapter("quickfiles", tool("read_file", true, 5_000L),
            tool("delete_files", null, null));

    private static ToolSelection selection(List<String> include, List<String> exclude, boolean readOnly) {
        return new ToolSelection(include, exclude, readOnly, 60_000, Map.of());
    }

    @Test
    void laterAdapterIsPrefixedOnANameClash() {
        ToolRegistry registry = ToolRegistry.build(List.of(files, quick), ToolSelection.all());
        assertThat(registry.tools()).extracting(RegisteredTool::exposedName)
                .containsExactly("read_file", "write_file", "quickfiles_read_file", "delete_files");
        assertThat(registry.find("quickfiles_read_file").orElseThrow().adapter()).isEqualTo("quickfiles");
        assertThat(registry.find("read_file").orElseThrow().adapter()).isEqualTo("filesystem");
    }

    @Test
    void anAdapterServedAloneKeepsItsDeclaredNames() {
        ToolRegistry alone = ToolRegistry.build(List.of(files, quick), ToolSelection.all()).forAdapter("quickfiles");
        assertThat(alone.tools()).extracting(RegisteredTool::exposedName).containsExactly("read_file", "delete_files");
        assertThat(alone.find("read_file").orElseThrow().adapter()).isEqualTo("quickfiles");
    }

    @Test
    void readOnlyHidesEveryToolNotMarkedReadOnly() {
        ToolRegistry registry = ToolRegistry.build(List.of(files, quick), selection(List.of(), List.of(), true));
        assertThat(registry.tools()).extracting(RegisteredTool::exposedName)
                .containsExactly("read_file", "quickfiles_read_file");
    }

    @Test
    void includeAndExcludeAcceptExposedOrDeclaredNames() {
        ToolRegistry only = ToolRegistry.build(List.of(files, quick),
                selection(List.of("quickfiles_read_file", "write_file"), List.of(), false));
        assertThat(only.tools()).extracting(RegisteredTool::exposedName)
                .containsExactly("write_file", "quickfiles_read_file");
        ToolRegistry without = ToolRegistry.build(List.of(files, quick),
                selection(List.of(), List.of("read_file"), false));
        assertThat(without.tools()).extracting(RegisteredTool::exposedName)
                .containsExactly("write_file", "delete_files");
    }

    @Test
    void readOnlyWinsOverAnExplicitInclude() {
        ToolRegistry registry = ToolRegistry.build(List.of(files), selection(List.of("write_file"), List.of(), true));
        assertThat(registry.tools()).isEmpty();
    }

    @Test
    void unknownToolNamesInSwitchesAreAnError() {
        assertThatThrownBy(() -> ToolRegistry.build(List.of(files), selection(List.of("raed_file"), List.of(), false)))
                .isInstanceOf(ConfigException.class).hasMessageContaining("--tools").hasMessageContaining("raed_file");
        assertThatThrownBy(() -> ToolRegistry.build(List.of(files), selection(List.of(), List.of("nope"), false)))
                .isInstanceOf(ConfigException.class).hasMessageContaining("--exclude-tools");
    }

    @Test
    void aToolEnabledByASettingIsServedOnlyWhenItIsTrue() {
        ToolSpec delete = new ToolSpec("delete_file", null, "d", new Annotations(false, true, null, null),
                "direct:d", Map.of("type", "object"), null, null, "allowDelete", null);
        AdapterDescriptor fs = adapter("filesystem", tool("read_file", true, null), delete);
        assertThat(ToolRegistry.build(List.of(fs), ToolSelection.all(), Map.of()).find("delete_file")).isEmpty();
        assertThat(ToolRegistry.build(List.of(fs), ToolSelection.all(),
                Map.of("filesystem", Map.of("allowDelete", "false"))).find("delete_file")).isEmpty();
        assertThat(ToolRegistry.build(List.of(fs), ToolSelection.all(),
                Map.of("filesystem", Map.of("allowDelete", "true"))).find("delete_file")).isPresent();
    }

    @Test
    void anAdapterReadOnlySettingHidesOnlyThatAdaptersWritingTools() {
        AdapterDescriptor readOnlyFiles = withSetting(files,
                new SettingSpec("readOnly", null, "false", false, false, false, true, false, null));
        ToolRegistry registry = ToolRegistry.build(List.of(readOnlyFiles, quick), ToolSelection.all(),
                Map.of("filesystem", Map.of("readOnly", "true")));
        assertThat(registry.tools()).extracting(RegisteredTool::exposedName)
                .containsExactly("read_file", "quickfiles_read_file", "delete_files");
    }

    @Test
    void aToolsetsSettingServesOnlyTheListedToolsets() {
        ToolSpec issues = new ToolSpec("list_issues", null, "d", new Annotations(true, null, null, null), "direct:i",
                Map.of("type", "object"), null, null, null, "issues");
        ToolSpec repos = new ToolSpec("list_commits", null, "d", new Annotations(true, null, null, null), "direct:r",
                Map.of("type", "object"), null, null, null, "repos");
        AdapterDescriptor gh = withSetting(adapter("github", issues, repos),
                new SettingSpec("toolsets", null, null, false, false, false, false, true, null));
        assertThat(ToolRegistry.build(List.of(gh), ToolSelection.all(), Map.of("github", Map.of("toolsets", "repos")))
                .tools()).extracting(RegisteredTool::exposedName).containsExactly("list_commits");
        assertThat(ToolRegistry.build(List.of(gh), ToolSelection.all(),
                Map.of("github", Map.of("toolsets", "Issues, repos"))).tools()).hasSize(2);
        assertThat(ToolRegistry.build(List.of(gh), ToolSelection.all(), Map.of("github", Map.of("toolsets", "all")))
                .tools()).hasSize(2);
    }

    @Test
    void defaultInTheToolsetsSettingStandsForItsDeclaredDefault() {
        ToolSpec issues = new ToolSpec("list_issues", null, "d", new Annotations(true, null, null, null), "direct:i",
                Map.of("type", "object"), null, null, null, "issues");
        ToolSpec repos = new ToolSpec("list_commits", null, "d", new Annotations(true, null, null, null), "direct:r",
                Map.of("type", "object"), null, null, null, "repos");
        ToolSpec users = new ToolSpec("search_users", null, "d", new Annotations(true, null, null, null), "direct:u",
                Map.of("type", "object"), null, null, null, "users");
        AdapterDescriptor gh = withSetting(adapter("github", issues, repos, users),
                new SettingSpec("toolsets", null, "repos", false, false, false, false, true, null));
        assertThat(ToolRegistry.build(List.of(gh), ToolSelection.all(), Map.of("github", Map.of("toolsets", "default")))
                .tools()).extracting(RegisteredTool::exposedName).containsExactly("list_commits");
        assertThat(ToolRegistry.build(List.of(gh), ToolSelection.all(),
                Map.of("github", Map.of("toolsets", "default,users"))).tools())
                .extracting(RegisteredTool::exposedName).containsExactly("list_commits", "search_users");
        assertThatThrownBy(() -> ToolRegistry.build(List.of(gh), ToolSelection.all(),
                Map.of("github", Map.of("toolsets", "default,stargazers"))))
                .hasMessageContaining("'stargazers' is not a toolset").hasMessageContaining("default or all");
    }

    @Test
    void aSettingNamedReadOnlyOrToolsetsMeansNothingUnlessItsDescriptorSaysSo() {
        ToolSpec issues = new ToolSpec("list_issues", null, "d", new Annotations(true, null, null, null), "direct:i",
                Map.of("type", "object"), null, null, null, "issues");
        AdapterDescriptor plain = adapter("plain", issues, tool("write_file", false, null));
        assertThat(ToolRegistry.build(List.of(plain), ToolSelection.all(),
                Map.of("plain", Map.of("readOnly", "true", "toolsets", "repos"))).tools()).hasSize(2);
    }

    private static AdapterDescriptor withSetting(AdapterDescriptor a, SettingSpec setting) {
        return new AdapterDescriptor(a.name(), a.description(), a.activatedBy(), Map.of(setting.name(), setting),
                a.tools(), a.resources(), a.resourceTemplates(), a.prompts(), a.source(), a.routesSource(),
                a.routesYaml());
    }

    @Test
    void timeoutComesFromConfigThenDescriptorThenDefault() {
        ToolSelection selection = new ToolSelection(List.of(), List.of(), false, 60_000,
                Map.of("write_file", 1_000L));
        ToolRegistry registry = ToolRegistry.build(List.of(files, quick), selection);
        assertThat(registry.find("write_file").orElseThrow().timeout()).isEqualTo(Duration.ofSeconds(1));
        assertThat(registry.find("quickfiles_read_file").orElseThrow().timeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(registry.find("read_file").orElseThrow().timeout()).isEqualTo(Duration.ofSeconds(60));
    }
}
