package dev.mcpbridge.core.camel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mcpbridge.contractkit.ContractkitService;
import dev.mcpbridge.core.adapter.AdapterLoader;
import dev.mcpbridge.core.adapter.DescriptorException;
import dev.mcpbridge.core.app.Bridge;
import dev.mcpbridge.core.config.BridgeConfig;
import dev.mcpbridge.core.config.ConfigException;
import dev.mcpbridge.core.invoke.CallContext;
import dev.mcpbridge.core.spi.Arguments;
import dev.mcpbridge.core.spi.ToolException;
import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The adapter contract as an adapter author meets it: handlers bound by tool name with no route, settings bound to a
 * record, arguments bound to a record or read through {@link Arguments}, and every mistake reported at start-up with
 * the file and the field.
 */
class AdapterContractTest {

    private static final String FOLDER = "src/test/resources/contractkit";
    private static final AdapterLoader LOADER = new AdapterLoader(McpJsonDefaults.getSchemaValidator());

    private static Bridge bridge(Map<String, Object> settings) {
        BridgeConfig config = new BridgeConfig();
        config.adapterFolders = List.of(FOLDER);
        config.adapters = List.of("contractkit");
        config.settings.put("contractkit", new LinkedHashMap<>(settings));
        return Bridge.create(config, Map.of(), Map.of());
    }

    private static String call(Bridge bridge, String tool, Map<String, Object> args) {
        CallToolResult r = bridge.invoker().call(bridge.registry().find(tool).orElseThrow(), args,
                CallContext.detached(tool)).block(Duration.ofSeconds(30));
        String text = ((McpSchema.TextContent) r.content().get(0)).text();
        return Boolean.TRUE.equals(r.isError()) ? "ERROR " + text : text;
    }

    @Test
    void aToolWithoutARouteIsServedByTheMethodOfItsNameWithItsArgumentsAsARecord() {
        try (Bridge bridge = bridge(Map.of("greeting", "hi", "repeat", 2, "shout", true))) {
            bridge.camel().startNow();
            assertThat(call(bridge, "greet_person", Map.of("person_name", "ann"))).isEqualTo("HI, ANN HI, ANN");
            assertThat(call(bridge, "greet_person", Map.of("person_name", "bob", "times", 1))).isEqualTo("HI, BOB");
        }
    }

    @Test
    void aHandlerMayTakeTheSharedAccessorAndTheCallContext() {
        try (Bridge bridge = bridge(Map.of())) {
            bridge.camel().startNow();
            assertThat(call(bridge, "count_args", Map.of("items", List.of("a", "b"), "flag", true)))
                    .isEqualTo("count_args: 2 items, flag true");
        }
    }

    @Test
    void settingsAreBoundToTheServicesRecordWithTheirTypes() {
        try (Bridge bridge = bridge(Map.of("mode", "CURT", "pause", "2s", "names", "x,\n y", "limit", "7"))) {
            bridge.camel().startNow();
            assertThat(call(bridge, "show_settings", Map.of())).isEqualTo("Settings[greeting=hello, repeat=1, "
                    + "shout=false, mode=curt, pause=PT2S, names=[x, y], limit=7, stop=]");
        }
    }

    @Test
    void anUnsetOptionalNumberIsNull() {
        try (Bridge bridge = bridge(Map.of())) {
            bridge.camel().startNow();
            assertThat(call(bridge, "show_settings", Map.of())).contains("limit=null");
        }
    }

    @Test
    void aRouteStillServesTheToolItStartsFromAndHandlersServeResources() {
        try (Bridge bridge = bridge(Map.of())) {
            bridge.camel().startNow();
            assertThat(call(bridge, "routed_tool", Map.of())).isEqualTo("routed, hello");
            Object body = bridge.camel().started().join().template()
                    .requestBody("direct:contractkit.aboutResource", "contractkit://about");
            assertThat(body).isEqualTo("about contractkit://about");
        }
    }

    @Test
    void servicesAreClosedWithTheBridge() {
        int before = ContractkitService.CLOSED.get();
        try (Bridge bridge = bridge(Map.of())) {
            bridge.camel().startNow();
        }
        assertThat(ContractkitService.CLOSED.get()).isEqualTo(before + 1);
    }

    @Test
    void aSettingThatDoesNotConvertStopsStartUpNamingTheFileTheFieldAndTheVariable() {
        assertThatThrownBy(() -> bridge(Map.of("mode", "rude"))).isInstanceOf(ConfigException.class)
                .hasMessage(Path.of(FOLDER, "adapters", "contractkit.yaml") + ": settings.mode: must be one of "
                        + "[polite, curt], not 'rude' (environment variable CONTRACTKIT_MODE)");
        assertThatThrownBy(() -> bridge(Map.of("repeat", "twice"))).isInstanceOf(ConfigException.class)
                .hasMessageEndingWith("settings.repeat: must be a whole number, not 'twice' "
                        + "(environment variable CONTRACTKIT_REPEAT)");
        assertThatThrownBy(() -> bridge(Map.of("shout", "maybe"))).isInstanceOf(ConfigException.class)
                .hasMessageEndingWith("settings.shout: must be true/false, yes/no, on/off or 1/0, not 'maybe'");
        assertThatThrownBy(() -> bridge(Map.of("pause", "soon"))).isInstanceOf(ConfigException.class)
                .hasMessageContaining("settings.pause: 'soon' is not a duration");
    }

    @Test
    void aServiceThatRefusesASettingStopsStartUpNamingIt() {
        try (Bridge bridge = bridge(Map.of("stop", "now"))) {
            assertThatThrownBy(() -> bridge.camel().startNow()).isInstanceOf(DescriptorException.class)
                    .hasMessage(Path.of(FOLDER, "adapters", "contractkit.yaml")
                            + ": settings.stop: is set to 'now'; leave it empty");
        }
    }

    @Test
    void anArgumentThatDoesNotFitTheRecordIsReportedInTheSharedWording() {
        assertThatThrownBy(() -> new Arguments(Map.of("person_name", "ann", "times", "many"))
                .as(ContractkitService.Greet.class)).isInstanceOf(ToolException.class)
                .hasMessage("parameter times must be of type Integer, not 'many'");
        assertThatThrownBy(() -> new Arguments(Map.of()).required("owner"))
                .hasMessage("missing required parameter: owner");
    }

    private static String descriptor(String tools) {
        return """
                adapter: contractkit
                services: [dev.mcpbridge.contractkit.ContractkitService]
                settings: { greeting: { default: hi } }
                tools:
                """ + tools;
    }

    @Test
    void aToolWithNeitherRouteNorMethodStopsStartUpNamingTheMethodItLooksFor() {
        assertThatThrownBy(() -> LOADER.load("adapters/contractkit.yaml", descriptor("""
                  - name: say_goodbye
                    description: d
                    input: { type: object }
                """), "routes/contractkit.yaml", "# none\n")).isInstanceOf(DescriptorException.class)
                .hasMessageStartingWith("adapters/contractkit.yaml: tools[0]: no route starts from "
                        + "'direct:contractkit.say_goodbye' and no service has a public method 'sayGoodbye'");
    }

    @Test
    void aRecordComponentThatIsNoPropertyOfTheInputStopsStartUp() {
        assertThatThrownBy(() -> LOADER.load("adapters/contractkit.yaml", descriptor("""
                  - name: greet_person
                    description: d
                    input: { type: object, properties: { person: { type: string } } }
                """), "routes/contractkit.yaml", "# none\n")).isInstanceOf(DescriptorException.class)
                .hasMessageContaining("tools[0]: ContractkitService.greetPerson takes Greet whose component "
                        + "'personName' is not a property of the input schema");
    }

    @Test
    void anUnknownServiceClassStopsStartUp() {
        assertThatThrownBy(() -> LOADER.load("adapters/contractkit.yaml", """
                adapter: contractkit
                services: [dev.mcpbridge.contractkit.Missing]
                tools:
                  - name: greet_person
                    description: d
                    input: { type: object }
                """, "routes/contractkit.yaml", "# none\n")).isInstanceOf(DescriptorException.class)
                .hasMessage("adapters/contractkit.yaml: services[0]: class 'dev.mcpbridge.contractkit.Missing' is "
                        + "not on the class path");
    }

    @Test
    void aSettingsRecordComponentWithoutADeclaredSettingStopsStartUp(@TempDir Path dir) throws Exception {
        Files.createDirectories(dir.resolve("adapters"));
        Files.createDirectories(dir.resolve("routes"));
        Files.writeString(dir.resolve("adapters/contractkit.yaml"), descriptor("""
                  - name: show_settings
                    description: d
                    input: { type: object }
                """));
        Files.writeString(dir.resolve("routes/contractkit.yaml"), "# none\n");
        BridgeConfig config = new BridgeConfig();
        config.adapterFolders = List.of(dir.toString());
        config.adapters = List.of("contractkit");
        assertThatThrownBy(() -> Bridge.create(config, Map.of(), Map.of())).isInstanceOf(ConfigException.class)
                .hasMessageContaining("settings: Settings.repeat has no setting of that name; declare it under "
                        + "settings");
    }
}
