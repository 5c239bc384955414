package dev.mcpbridge.core.discovery;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpbridge.core.adapter.AdapterDescriptor;
import dev.mcpbridge.core.adapter.AdapterDescriptor.Annotations;
import dev.mcpbridge.core.adapter.AdapterDescriptor.ToolSpec;
import dev.mcpbridge.core.registry.ToolRegistry;
import dev.mcpbridge.core.registry.ToolSelection;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ToolSearchIndexTest {

    private static ToolSpec tool(String name, String title, String description, boolean readOnly, String... params) {
        Map<String, Object> properties = new java.util.LinkedHashMap<>();
        for (String param : params) {
            properties.put(param, Map.of("type", "string"));
        }
        return new ToolSpec(name, title, description, new Annotations(readOnly, null, null, null), "direct:" + name,
                Map.of("type", "object", "properties", properties), null, null, null, null);
    }

    private static AdapterDescriptor adapter(String name, ToolSpec... tools) {
        return new AdapterDescriptor(name, "", List.of(), Map.of(), List.of(tools), List.of(), List.of(), List.of(),
                name, name, "[]");
    }

    private final AdapterDescriptor github = adapter("github",
            tool("pull_request_read", "Read a pull request", "Get details, the diff or the files of a pull request.",
                    true, "owner", "repo", "pullNumber"),
            tool("create_issue", "Open an issue", "Create a new issue in a repository.", false, "owner", "title"));
    private final AdapterDescriptor files = adapter("filesystem",
            tool("read_text_file", "Read a text file", "Return the contents of a file as text.", true, "path"),
            tool("write_file", "Write a file", "Create or overwrite a file with new content.", false, "path",
                    "content"));

    private ToolSearchIndex index(ToolSelection selection) {
        return ToolSearchIndex.build(ToolRegistry.build(List.of(github, files), selection));
    }

    private static List<String> names(List<ToolSearchIndex.Hit> hits) {
        return hits.stream().map(hit -> hit.tool().exposedName()).toList();
    }

    @Test
    void aRequestInPlainWordsFindsTheToolThatDoesIt() {
        assertThat(names(index(ToolSelection.all()).search("show the diff of pull request 12", null, 3)))
                .first().isEqualTo("pull_request_read");
        assertThat(names(index(ToolSelection.all()).search("open an issue about a bug", null, 3)))
                .first().isEqualTo("create_issue");
    }

    @Test
    void stemmingMatchesOtherFormsOfAWord() {
        assertThat(names(index(ToolSelection.all()).search("overwriting files", null, 1)))
                .containsExactly("write_file");
    }

    @Test
    void anAdapterNarrowsTheResults() {
        assertThat(names(index(ToolSelection.all()).search("read", "filesystem", 5)))
                .containsExactly("read_text_file");
    }

    @Test
    void aToolLeftOutOfTheRegistryIsNeverFound() {
        ToolSelection readOnly = new ToolSelection(List.of(), List.of(), true, 60_000, Map.of());
        assertThat(names(index(readOnly).search("write a file", null, 5))).doesNotContain("write_file");
        assertThat(names(index(readOnly).search("create issue", null, 5))).doesNotContain("create_issue");
    }

    @Test
    void theLimitCapsTheResultsAndNothingMatchesGivesNothing() {
        assertThat(index(ToolSelection.all()).search("file", null, 1)).hasSize(1);
        assertThat(index(ToolSelection.all()).search("the and of", null, 5)).isEmpty();
        assertThat(index(ToolSelection.all()).search("zebra", null, 5)).isEmpty();
        assertThat(index(ToolSelection.all()).search("  ", null, 5)).isEmpty();
    }
}
