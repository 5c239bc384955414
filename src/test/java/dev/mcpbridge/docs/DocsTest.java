package dev.mcpbridge.docs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpbridge.core.adapter.AdapterCatalog;
import dev.mcpbridge.core.adapter.AdapterDescriptor;
import dev.mcpbridge.core.adapter.AdapterDescriptor.ToolSpec;
import dev.mcpbridge.core.adapter.AdapterLoader;
import io.modelcontextprotocol.json.McpJsonDefaults;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The documentation holds: docs/tools.md is what the descriptors declare (run with -Ddocs.update=true to rewrite
 * it), and every relative link in README.md and docs/ names a file that exists.
 */
class DocsTest {

    private static final Path TOOLS = Path.of("docs/tools.md");
    private static final Pattern LINK = Pattern.compile("\\]\\(([^)\\s]+)\\)");

    static String toolReference() {
        List<AdapterDescriptor> adapters = new AdapterCatalog(new AdapterLoader(
                McpJsonDefaults.getSchemaValidator()), name -> true).load(List.of());
        StringBuilder md = new StringBuilder("# Tools\n\nGenerated from `adapters/*.yaml` by `DocsTest` "
                + "(`mvn -B -q test -Dtest=DocsTest -Ddocs.update=true`); a test fails when it is out of date.\n");
        for (AdapterDescriptor adapter : adapters) {
            md.append("\n## ").append(adapter.name()).append("\n\n").append(adapter.description()).append("\n");
            for (ToolSpec tool : adapter.tools()) {
                md.append("\n### `").append(tool.name()).append("`\n\n")
                        .append(tool.description().strip().replace("\n", " ")).append("\n");
                if (tool.readOnly()) {
                    md.append("\nRead-only.\n");
                }
                if (tool.enabledBy() != null) {
                    md.append("\nServed only when `").append(tool.enabledBy()).append("` is true.\n");
                }
                Object properties = tool.inputSchema().get("properties");
                if (properties instanceof Map<?, ?> props && !props.isEmpty()) {
                    Object required = tool.inputSchema().getOrDefault("required", List.of());
                    md.append("\n| parameter | type | required | description |\n|---|---|---|---|\n");
                    props.forEach((name, schema) -> {
                        Map<?, ?> s = schema instanceof Map<?, ?> m ? m : Map.of();
                        md.append("| `").append(name).append("` | ").append(String.valueOf(s.containsKey("type")
                                ? s.get("type") : "any").replace("|", "/")).append(" | ")
                                .append(((List<?>) required).contains(name) ? "yes" : "").append(" | ")
                                .append(String.valueOf(s.containsKey("description") ? s.get("description") : "")
                                        .strip().replace("\n", " ").replace("|", "\\|")).append(" |\n");
                    });
                }
            }
        }
        return md.toString();
    }

    @Test
    void theToolReferenceIsWhatTheDescriptorsDeclare() throws IOException {
        String expected = toolReference();
        if (Boolean.getBoolean("docs.update")) {
            Files.writeString(TOOLS, expected, StandardCharsets.UTF_8);
        }
        assertThat(Files.readString(TOOLS, StandardCharsets.UTF_8))
                .as("docs/tools.md is out of date: rerun with -Ddocs.update=true").isEqualTo(expected);
    }

    @Test
    void everyRelativeLinkResolves() throws IOException {
        List<Path> pages = new ArrayList<>(List.of(Path.of("README.md")));
        try (Stream<Path> docs = Files.walk(Path.of("docs"))) {
            docs.filter(p -> p.toString().endsWith(".md")).forEach(pages::add);
        }
        List<String> broken = new ArrayList<>();
        for (Path page : pages) {
            boolean fenced = false;
            for (String line : Files.readAllLines(page, StandardCharsets.UTF_8)) {
                if (line.strip().startsWith("```")) {
                    fenced = !fenced;
                }
                if (fenced) {
                    continue;
                }
                Matcher m = LINK.matcher(line.replaceAll("`[^`]*`", ""));
                while (m.find()) {
                    String target = m.group(1);
                    if (target.matches("^[a-z]+:.*") || target.startsWith("#")) {
                        continue;
                    }
                    String file = target.contains("#") ? target.substring(0, target.indexOf('#')) : target;
                    if (!Files.exists(page.toAbsolutePath().getParent().resolve(file))) {
                        broken.add(page + ": " + target);
                    }
                }
            }
        }
        assertThat(broken).as("links to files that do not exist").isEmpty();
    }
}
