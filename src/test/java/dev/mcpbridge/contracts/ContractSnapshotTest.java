package dev.mcpbridge.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.mcpbridge.core.adapter.AdapterCatalog;
import dev.mcpbridge.core.adapter.AdapterDescriptor;
import dev.mcpbridge.core.adapter.AdapterDescriptor.ToolSpec;
import dev.mcpbridge.core.adapter.AdapterLoader;
import io.modelcontextprotocol.json.McpJsonDefaults;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every built-in tool's contract (name, title, description, annotations, schemas, toolset) against its committed
 * snapshot in src/test/resources/__toolsnaps__/<adapter>/<tool>.json, so that a contract change is always a
 * visible diff. A missing or different snapshot fails; {@code -Dsnapshots.update=true} rewrites them.
 */
class ContractSnapshotTest {

    private static final Path SNAPSHOTS = Path.of("src/test/resources/__toolsnaps__");
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

    @TestFactory
    Stream<DynamicTest> everyBuiltInToolMatchesItsSnapshot() {
        List<AdapterDescriptor> adapters = new AdapterCatalog(new AdapterLoader(McpJsonDefaults.getSchemaValidator()))
                .load(List.of());
        assertThat(adapters).isNotEmpty();
        boolean update = Boolean.getBoolean("snapshots.update");
        List<DynamicTest> tests = new ArrayList<>();
        for (AdapterDescriptor adapter : adapters) {
            for (ToolSpec tool : adapter.tools()) {
                tests.add(DynamicTest.dynamicTest(adapter.name() + "/" + tool.name(), () -> {
                    Path file = SNAPSHOTS.resolve(adapter.name()).resolve(tool.name() + ".json");
                    String actual = JSON.writeValueAsString(contract(tool)) + "\n";
                    if (update) {
                        Files.createDirectories(file.getParent());
                        Files.writeString(file, actual);
                        return;
                    }
                    assertThat(file).as("snapshot of %s/%s is missing; run with -Dsnapshots.update=true and commit it",
                            adapter.name(), tool.name()).exists();
                    assertThat(actual).as("contract of %s/%s changed; if on purpose, run with -Dsnapshots.update=true",
                            adapter.name(), tool.name()).isEqualTo(Files.readString(file));
                }));
            }
            tests.add(DynamicTest.dynamicTest(adapter.name() + " has no stale snapshots", () -> {
                Path dir = SNAPSHOTS.resolve(adapter.name());
                if (!Files.isDirectory(dir)) {
                    return;
                }
                List<String> names = adapter.tools().stream().map(t -> t.name() + ".json").toList();
                try (Stream<Path> files = Files.list(dir)) {
                    List<String> stale = files.map(p -> p.getFileName().toString()).filter(n -> !names.contains(n)).toList();
                    if (update) {
                        for (String name : stale) {
                            Files.delete(dir.resolve(name));
                        }
                        return;
                    }
                    assertThat(stale).as("snapshots of tools that no longer exist").isEmpty();
                }
            }));
        }
        return tests.stream();
    }

    private static Map<String, Object> contract(ToolSpec tool) throws IOException {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("name", tool.name());
        c.put("title", tool.title());
        c.put("description", tool.description());
        c.put("toolset", tool.toolset());
        c.put("enabledBy", tool.enabledBy());
        c.put("annotations", tool.annotations());
        c.put("inputSchema", tool.inputSchema());
        c.put("outputSchema", tool.outputSchema());
        if (!tool.aliases().isEmpty()) {
            c.put("aliases", tool.aliases());
        }
        return c;
    }
}
