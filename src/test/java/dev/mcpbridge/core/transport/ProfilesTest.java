package dev.mcpbridge.core.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mcpbridge.core.StatelessRequests;
import dev.mcpbridge.core.TestBridges;
import dev.mcpbridge.core.app.Bridge;
import dev.mcpbridge.core.config.BridgeConfig;
import dev.mcpbridge.core.config.ConfigException;
import dev.mcpbridge.core.config.ConfigLoader;
import io.modelcontextprotocol.json.McpJsonDefaults;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Profiles from the configuration file: a narrower tool set per endpoint ({@code /mcp/p/<name>}), in discovery
 * mode or not, with titles and descriptions replaced; a name that matches nothing stops start-up with its place.
 */
class ProfilesTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private Bridge bridge(String profiles) throws Exception {
        Path file = dir.resolve("mcp-bridge.yaml");
        Files.writeString(file, "adapterFolders: [" + Path.of(TestBridges.TESTKIT).toAbsolutePath() + "]\n"
                + "adapters: [testkit]\nprofiles:\n" + profiles);
        BridgeConfig config = new ConfigLoader(Map.of()).load(file);
        return Bridge.create(config, Map.of(), Map.of("TESTKIT_API_KEY", "sk-test-0123456789"));
    }

    private static final String PROFILES = """
              reader:
                tools: [greet, stats, boom]
                readOnly: true
                overrides:
                  greet: { title: Say hello, description: Says hello to one person by name }
              finder:
                discovery: true
                excludeTools: [leak]
            """;

    private static List<String> names(JsonNode tools) {
        List<String> names = new ArrayList<>();
        tools.forEach(t -> names.add(t.path("name").asText()));
        return names;
    }

    private static JsonNode answer(HttpResponse<String> response) throws Exception {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        String text = response.body();
        if (response.headers().firstValue("Content-Type").orElse("").startsWith("text/event-stream")) {
            String[] events = text.split("\n\n");
            text = events[events.length - 1].replaceFirst("(?s).*data: ", "");
        }
        return JSON.readTree(text);
    }

    @Test
    void eachProfileIsAnEndpointOfItsOwnToolsAndAnUnknownOneIs404NamingTheKnown() throws Exception {
        try (Bridge bridge = bridge(PROFILES).startCamelInBackground()) {
            BridgeConfig.Http http = new BridgeConfig.Http();
            http.port = 0;
            HttpServer server = new HttpServer(bridge.serverFactory(), McpJsonDefaults.getMapper(), http,
                    bridge.all(), List.of()).profiles(bridge.profiles()).start();
            try {
                String base = "http://127.0.0.1:" + server.port();
                var list = StatelessRequests.request("tools/list", Map.of(), StatelessRequests.meta(Map.of()));
                JsonNode reader = answer(StatelessRequests.post(base + "/mcp/p/reader", list)).at("/result/tools");
                // boom is named but not read-only: the profile's readOnly wins, as --read-only wins over --tools.
                assertThat(names(reader)).containsExactly("greet", "stats");
                assertThat(reader.get(0).path("title").asText()).isEqualTo("Say hello");
                assertThat(reader.get(0).path("description").asText()).isEqualTo("Says hello to one person by name");
                assertThat(reader.get(0).at("/inputSchema/required/0").asText()).isEqualTo("name");

                JsonNode finder = answer(StatelessRequests.post(base + "/mcp/p/finder", list)).at("/result/tools");
                assertThat(names(finder)).containsExactly("search_tools", "describe_tools", "call_tool");
                var search = StatelessRequests.request("tools/call", Map.of("name", "search_tools", "arguments",
                        Map.of("query", "returns text that contains the secret API key")),
                        StatelessRequests.meta(Map.of()));
                String found = answer(StatelessRequests.post(base + "/mcp/p/finder", search))
                        .at("/result/content/0/text").asText();
                assertThat(found).doesNotContain("\"leak\"");
                var call = StatelessRequests.request("tools/call", Map.of("name", "call_tool", "arguments",
                        Map.of("name", "greet", "arguments", Map.of("name", "Ada"))), StatelessRequests.meta(Map.of()));
                assertThat(answer(StatelessRequests.post(base + "/mcp/p/finder", call)).at("/result/content/0/text")
                        .asText()).isEqualTo("hello, Ada!");

                HttpResponse<String> unknown = StatelessRequests.post(base + "/mcp/p/readr", list);
                assertThat(unknown.statusCode()).isEqualTo(404);
                assertThat(JSON.readTree(unknown.body()).at("/error/message").asText())
                        .contains("No profile 'readr'").contains("did you mean 'reader'")
                        .contains("Profiles: reader, finder");
            } finally {
                server.close();
            }
        }
    }

    @Test
    void theStdioProfileIsChosenByNameAndAnUnknownNameNamesTheKnownOnes() throws Exception {
        try (Bridge bridge = bridge(PROFILES)) {
            assertThat(bridge.profile("reader").registry().tools()).hasSize(2);
            assertThat(bridge.profile("finder").discovery()).isNotNull();
            assertThatThrownBy(() -> bridge.profile("redaer")).isInstanceOf(ConfigException.class)
                    .hasMessage("--profile: there is no profile named 'redaer' (did you mean 'reader'?); known: "
                            + "reader, finder");
        }
    }

    @Test
    void aNameAProfileGivesThatIsNotServedStopsStartUpWithItsPlace() {
        Path file = dir.resolve("mcp-bridge.yaml");
        assertThatThrownBy(() -> bridge("  reader:\n    tools: [greet, gret]\n")).isInstanceOf(ConfigException.class)
                .hasMessage(file + ":5:20: profiles.reader.tools[1]: the bridge serves no tool named 'gret' (did you "
                        + "mean 'greet'?) (a profile narrows what is served: check adapters, --tools and --read-only "
                        + "too)");
        assertThatThrownBy(() -> bridge("  reader:\n    adapters: [github]\n")).isInstanceOf(ConfigException.class)
                .hasMessageContaining("profiles.reader.adapters[0]: the bridge serves no adapter named 'github'");
        assertThatThrownBy(() -> bridge("  reader:\n    overrides:\n      nope: { title: x }\n"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("profiles.reader.overrides.nope: the bridge serves no tool named 'nope'");
        assertThatThrownBy(() -> bridge("  reader:\n    readOnli: true\n")).isInstanceOf(ConfigException.class)
                .hasMessageContaining("profiles.reader.readOnli: unknown field");
        assertThatThrownBy(() -> bridge("  \"a b\": {}\n")).isInstanceOf(ConfigException.class)
                .hasMessageContaining("a profile's name is a URL path segment");
    }
}
