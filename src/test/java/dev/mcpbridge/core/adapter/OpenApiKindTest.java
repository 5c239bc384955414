package dev.mcpbridge.core.adapter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.modelcontextprotocol.json.McpJsonDefaults;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code kind: openapi} descriptors: names, and each mistake refused with where it is. */
class OpenApiKindTest {

    @TempDir
    Path dir;

    private final AdapterLoader loader = new AdapterLoader(McpJsonDefaults.getSchemaValidator());

    private AdapterDescriptor load(String descriptor, String spec) throws Exception {
        Files.writeString(dir.resolve("api.yaml"), spec);
        return loader.load("adapters/api.yaml", descriptor, "routes/api.yaml", null, dir);
    }

    private static final String SPEC = """
            openapi: 3.0.3
            info: { title: T, version: "1" }
            servers: [ { url: "https://api.example.com/v1" } ]
            paths:
              /items:
                get:
                  %s
                  responses: { "200": { description: ok } }
            """;

    @Test
    void operationIdsBecomeSnakeCaseNames() {
        assertThat(OpenApiKind.snake("getTodoById")).isEqualTo("get_todo_by_id");
        assertThat(OpenApiKind.snake("list-todos")).isEqualTo("list_todos");
        assertThat(OpenApiKind.snake("HTMLPage.render")).isEqualTo("html_page_render");
    }

    @Test
    void theSpecsServerIsTheDefaultBaseUrl() throws Exception {
        AdapterDescriptor d = load("adapter: api\nkind: openapi\nspec: api.yaml\n",
                SPEC.formatted("operationId: listItems"));
        assertThat(d.tools()).extracting(AdapterDescriptor.ToolSpec::name).containsExactly("list_items");
        assertThat(d.settings().get("baseUrl").defaultValue()).isEqualTo("https://api.example.com/v1");
        assertThat(d.settings().get("baseUrl").kind()).isEqualTo("url");
    }

    @Test
    void anOperationWithoutAnIdIsNamedOrRefused() throws Exception {
        assertThatThrownBy(() -> load("adapter: api\nkind: openapi\nspec: api.yaml\n", SPEC.formatted("summary: x")))
                .isInstanceOf(DescriptorException.class)
                .hasMessageContaining("the operation GET /items has no operationId");
        AdapterDescriptor named = load("adapter: api\nkind: openapi\nspec: api.yaml\nnames: { \"GET /items\": all_items }\n",
                SPEC.formatted("summary: x"));
        assertThat(named.tools().get(0).name()).isEqualTo("all_items");
    }

    @Test
    void aMissingSpecFileIsNamed() {
        assertThatThrownBy(() -> loader.load("adapters/api.yaml", "adapter: api\nkind: openapi\nspec: nope.yaml\n",
                "routes/api.yaml", null, dir)).hasMessageContaining("'nope.yaml' is not a file");
    }
}
