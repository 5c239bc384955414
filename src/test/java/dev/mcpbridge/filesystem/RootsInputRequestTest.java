package dev.mcpbridge.filesystem;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mcpbridge.core.StatelessRequests;
import dev.mcpbridge.core.TestBridges;
import dev.mcpbridge.core.app.Bridge;
import dev.mcpbridge.core.config.BridgeConfig;
import dev.mcpbridge.core.transport.HttpServer;
import io.modelcontextprotocol.json.McpJsonDefaults;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The client's roots in the 2026-07-28 revision: no server-to-client request exists there, so a client that
 * declares {@code roots} is asked {@code roots/list} in an input-required result, and the directory it names is
 * allowed once it answers; a client without the capability is not asked.
 */
class RootsInputRequestTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path configured;
    @TempDir
    Path workspace;

    private Bridge bridge;
    private HttpServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
        if (bridge != null) {
            bridge.close();
        }
    }

    private JsonNode call(Map<String, Object> capabilities, Map<String, Object> params) throws Exception {
        HttpResponse<String> response = StatelessRequests.post("http://127.0.0.1:" + server.port() + "/mcp",
                StatelessRequests.request("tools/call", params, StatelessRequests.meta(capabilities)));
        return JSON.readTree(response.body()).get("result");
    }

    @Test
    void aClientThatDeclaresRootsIsAskedForThemAndItsRootIsAllowed() throws Exception {
        Files.writeString(workspace.resolve("notes.txt"), "from the client's root\n");
        bridge = TestBridges.builtIn("filesystem", Map.of("directories", configured.toString()));
        BridgeConfig.Http http = new BridgeConfig.Http();
        http.port = 0;
        server = new HttpServer(bridge.serverFactory(), McpJsonDefaults.getMapper(), http, bridge.all(), List.of())
                .start();
        Map<String, Object> read = Map.of("name", "read_text_file",
                "arguments", Map.of("path", workspace.resolve("notes.txt").toString()));

        JsonNode asked = call(Map.of("roots", Map.of()), read);
        assertThat(asked.path("resultType").asText()).isEqualTo("input_required");
        assertThat(asked.at("/inputRequests/client_roots/method").asText()).isEqualTo("roots/list");

        Map<String, Object> answered = new java.util.LinkedHashMap<>(read);
        answered.put("inputResponses", Map.of("client_roots",
                Map.of("roots", List.of(Map.of("uri", workspace.toUri().toString(), "name", "workspace")))));
        answered.put("requestState", asked.path("requestState").asText());
        JsonNode done = call(Map.of("roots", Map.of()), answered);
        assertThat(done.path("resultType").asText()).isEqualTo("complete");
        assertThat(done.at("/content/0/text").asText()).isEqualTo("from the client's root\n");

        JsonNode withoutRoots = call(Map.of(), read);
        assertThat(withoutRoots.path("resultType").asText()).isEqualTo("complete");
        assertThat(withoutRoots.path("isError").asBoolean()).as("outside the configured directory: %s", withoutRoots)
                .isTrue();
    }
}
