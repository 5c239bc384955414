package dev.mcpbridge.core.adapter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.modelcontextprotocol.json.McpJsonDefaults;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class AdapterLoaderTest {

    private static final String ROUTES = """
            - from:
                uri: direct:demo.hello
                steps:
                  - setBody: { constant: hi }
            """;

    private static final String VALID = """
            adapter: demo
            description: A demo
            settings:
              token: { env: DEMO_TOKEN, secret: true }
              url: { env: DEMO_URL, default: "http://localhost", required: true }
            tools:
              - name: hello
                title: Hello
                description: Says hello
                annotations: { readOnlyHint: true, openWorldHint: false }
                endpoint: direct:demo.hello
                timeout: 5s
                input: { type: object, properties: { who: { type: string } } }
                output: { type: object, properties: { text: { type: string } } }
            """;

    private final AdapterLoader loader = new AdapterLoader(McpJsonDefaults.getSchemaValidator());

    @Test
    void loadsEveryDeclaredPart() {
        AdapterDescriptor d = loader.load("adapters/demo.yaml", VALID, "routes/demo.yaml", ROUTES);
        assertThat(d.name()).isEqualTo("demo");
        assertThat(d.settings()).containsKeys("token", "url");
        assertThat(d.settings().get("token").secret()).isTrue();
        assertThat(d.settings().get("url").defaultValue()).isEqualTo("http://localhost");
        AdapterDescriptor.ToolSpec tool = d.tools().get(0);
        assertThat(tool.name()).isEqualTo("hello");
        assertThat(tool.readOnly()).isTrue();
        assertThat(tool.annotations().openWorldHint()).isFalse();
        assertThat(tool.annotations().destructiveHint()).isNull();
        assertThat(tool.timeoutMillis()).isEqualTo(5000);
        assertThat(tool.inputSchema()).containsEntry("type", "object");
        assertThat(tool.outputSchema()).containsKey("properties");
        assertThat(d.availability()).isNull();
        assertThat(loader.load("adapters/demo.yaml", VALID.replace("description: A demo",
                "description: A demo\navailability: com.example.DemoAvailability"), "routes/demo.yaml", ROUTES)
                .availability()).isEqualTo("com.example.DemoAvailability");
    }

    static List<Arguments> malformed() {
        return List.of(
                Arguments.of("not yaml", "adapter: [unclosed", "adapters/demo.yaml: not valid YAML at line"),
                Arguments.of("empty file", "", "adapters/demo.yaml: the file is empty"),
                Arguments.of("a list", "- a\n- b", "adapters/demo.yaml: expected a mapping"),
                Arguments.of("availability not a class name", VALID.replace("description: A demo",
                        "description: A demo\navailability: needs python"),
                        "adapters/demo.yaml: availability: 'needs python' is not a Java class name"),
                Arguments.of("no adapter name", VALID.replace("adapter: demo", "name: demo"),
                        "adapters/demo.yaml: name: unknown field"),
                Arguments.of("bad adapter name", VALID.replace("adapter: demo", "adapter: Demo!"),
                        "adapters/demo.yaml: adapter: 'Demo!' is not a valid adapter name"),
                Arguments.of("typo in a field", VALID.replace("    title: Hello", "    titel: Hello"),
                        "adapters/demo.yaml: tools[0].titel: unknown field"),
                Arguments.of("tools not a list", "adapter: demo\ntools: {a: 1}", "adapters/demo.yaml: tools: expected a list"),
                Arguments.of("no tools", "adapter: demo\ndescription: x",
                        "adapters/demo.yaml: tools: the adapter declares no tool, resource or prompt"),
                Arguments.of("tool without name", VALID.replace("  - name: hello\n    title: Hello", "  - title: Hello"),
                        "adapters/demo.yaml: tools[0].name: is required"),
                Arguments.of("bad tool name", VALID.replace("name: hello", "name: \"hel lo\""),
                        "adapters/demo.yaml: tools[0].name: 'hel lo' is not a valid tool name"),
                Arguments.of("no description", VALID.replace("    description: Says hello\n", ""),
                        "adapters/demo.yaml: tools[0].description: is required"),
                Arguments.of("bad endpoint", VALID.replace("endpoint: direct:demo.hello", "endpoint: hello"),
                        "adapters/demo.yaml: tools[0].endpoint: 'hello' is not a Camel endpoint URI"),
                Arguments.of("no input schema", VALID.replace("    input: { type: object, properties: { who: { type: string } } }\n", ""),
                        "adapters/demo.yaml: tools[0].input: is required"),
                Arguments.of("input not an object schema", VALID.replace("input: { type: object,", "input: { type: string,"),
                        "adapters/demo.yaml: tools[0].input: must be a JSON Schema whose type is 'object'"),
                Arguments.of("invalid JSON schema", VALID.replace("who: { type: string }", "who: { type: strin }"),
                        "adapters/demo.yaml: tools[0].input: is not a valid JSON Schema"),
                Arguments.of("comma split by YAML", VALID.replace("who: { type: string }",
                        "who: { type: string, description: Who, if anyone }"),
                        "adapters/demo.yaml: tools[0].input.properties.who.if anyone: is not a JSON Schema keyword"),
                Arguments.of("duplicate key", VALID.replace("    title: Hello\n", "    title: Hello\n    title: Again\n"),
                        "adapters/demo.yaml: not valid YAML at line"),
                Arguments.of("annotation not boolean", VALID.replace("readOnlyHint: true", "readOnlyHint: yes please"),
                        "adapters/demo.yaml: tools[0].annotations.readOnlyHint: must be true or false"),
                Arguments.of("unknown annotation", VALID.replace("readOnlyHint: true", "readonly: true"),
                        "adapters/demo.yaml: tools[0].annotations.readonly: unknown field"),
                Arguments.of("bad timeout", VALID.replace("timeout: 5s", "timeout: soon"),
                        "adapters/demo.yaml: tools[0].timeout: 'soon' is not a duration"),
                Arguments.of("bad env name", VALID.replace("env: DEMO_TOKEN", "env: DEMO-TOKEN"),
                        "adapters/demo.yaml: settings.token.env: 'DEMO-TOKEN' is not a valid environment variable name"),
                Arguments.of("setting not a mapping", VALID.replace("token: { env: DEMO_TOKEN, secret: true }", "token: DEMO_TOKEN"),
                        "adapters/demo.yaml: settings.token: expected a mapping"),
                Arguments.of("duplicate tool", VALID + VALID.substring(VALID.indexOf("  - name: hello")),
                        "adapters/demo.yaml: tools[1].name: tool 'hello' is declared twice"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformed")
    void refusesMalformedDescriptorsNamingFileFieldAndProblem(String why, String yaml, String expected) {
        assertThatThrownBy(() -> loader.load("adapters/demo.yaml", yaml, "routes/demo.yaml", ROUTES))
                .isInstanceOf(DescriptorException.class)
                .hasMessageStartingWith(expected);
    }

    @Test
    void refusesRoutesThatAreNotYaml() {
        assertThatThrownBy(() -> loader.load("adapters/demo.yaml", VALID, "routes/demo.yaml", "- from: [oops"))
                .isInstanceOf(DescriptorException.class).hasMessageStartingWith("routes/demo.yaml: not valid YAML");
    }

    @Test
    void refusesRoutesThatAreNotAList() {
        assertThatThrownBy(() -> loader.load("adapters/demo.yaml", VALID, "routes/demo.yaml", "from: x"))
                .isInstanceOf(DescriptorException.class)
                .hasMessageStartingWith("routes/demo.yaml: expected a YAML list of Camel routes");
    }

    @Test
    void aToolWithoutEndpointIsServedAtDirectAdapterDotToolName() {
        AdapterDescriptor d = loader.load("adapters/demo.yaml", VALID.replace("    endpoint: direct:demo.hello\n", ""),
                "routes/demo.yaml", ROUTES);
        assertThat(d.tools().get(0).endpoint()).isEqualTo("direct:demo.hello");
        assertThat(d.handlers()).isEmpty();
    }

    @Test
    void refusesAToolWhoseEndpointHasNoRoute() {
        String routes = ROUTES.replace("direct:demo.hello", "direct:demo.other");
        assertThatThrownBy(() -> loader.load("adapters/demo.yaml", VALID, "routes/demo.yaml", routes))
                .isInstanceOf(DescriptorException.class)
                .hasMessage("routes/demo.yaml: no route starts from 'direct:demo.hello', which the adapter declares as an endpoint");
    }

    @Test
    void catalogRefusesAMissingRoutesFileAndAMisnamedFile(@TempDir Path dir) throws Exception {
        Files.createDirectories(dir.resolve("adapters"));
        Files.createDirectories(dir.resolve("routes"));
        Files.writeString(dir.resolve("adapters/demo.yaml"), VALID);
        AdapterCatalog catalog = new AdapterCatalog(loader);
        assertThatThrownBy(() -> catalog.fromFolder(dir)).isInstanceOf(DescriptorException.class)
                .hasMessageContaining("adapters/demo.yaml").hasMessageContaining("routes file")
                .hasMessageContaining("is missing");
        Files.writeString(dir.resolve("routes/demo.yaml"), ROUTES);
        assertThat(catalog.fromFolder(dir)).extracting(AdapterDescriptor::name).containsExactly("demo");
        Files.move(dir.resolve("adapters/demo.yaml"), dir.resolve("adapters/other.yaml"));
        Files.move(dir.resolve("routes/demo.yaml"), dir.resolve("routes/other.yaml"));
        assertThatThrownBy(() -> catalog.fromFolder(dir)).isInstanceOf(DescriptorException.class)
                .hasMessageContaining("the adapter is named 'demo' but its file is other.yaml");
    }

    @Test
    void catalogRefusesAFolderWithoutAdapters(@TempDir Path dir) {
        assertThatThrownBy(() -> new AdapterCatalog(loader).fromFolder(dir)).isInstanceOf(DescriptorException.class)
                .hasMessageContaining("must contain an 'adapters' folder");
    }
}
