package dev.mcpbridge.wincli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mcpbridge.core.Eventually;
import dev.mcpbridge.core.StatelessRequests;
import dev.mcpbridge.core.config.BridgeConfig;
import dev.mcpbridge.core.transport.HttpServer;
import io.modelcontextprotocol.json.McpJsonDefaults;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * execute_command as a task of the 2026-07-28 tasks extension (its descriptor: {@code task: optional, after 5s}): a
 * command that ends sooner is answered in its request; a longer one becomes a task that is polled to its result,
 * and {@code tasks/cancel} kills its process as a client's cancellation does.
 */
class ExecuteCommandTaskTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path work;

    private static WinCliBridge bridge;
    private static HttpServer server;

    @BeforeAll
    static void start() throws Exception {
        bridge = WinCliBridge.start(work, Map.of("allowedCommands", "default, sleep, echo", "allowedOperators", "&&"));
        BridgeConfig.Http http = new BridgeConfig.Http();
        http.port = 0;
        server = new HttpServer(bridge.bridge.serverFactory(), McpJsonDefaults.getMapper(), http, bridge.bridge.all(),
                java.util.List.of()).start();
    }

    @AfterAll
    static void stop() {
        server.close();
        bridge.close();
    }

    private static JsonNode send(String method, Map<String, Object> params, String name) throws Exception {
        ObjectNode message = StatelessRequests.request(method, params, StatelessRequests.meta(
                Map.of("extensions", Map.of("io.modelcontextprotocol/tasks", Map.of()))));
        HttpResponse<String> response = StatelessRequests.post("http://127.0.0.1:" + server.port() + "/mcp", message,
                "Mcp-Name", name);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body()).get("result");
    }

    private static JsonNode run(String command) throws Exception {
        return send("tools/call", Map.of("name", "execute_command", "arguments",
                Map.of("shell", "bash", "command", command)), "execute_command");
    }

    private static boolean running(String marker) {
        return ProcessHandle.allProcesses().anyMatch(p -> p.info().commandLine().orElse("").contains(marker));
    }

    @Test
    void aShortCommandIsAnsweredInItsRequest() throws Exception {
        JsonNode result = run("echo quick");
        assertThat(result.path("resultType").asText()).isEqualTo("complete");
        assertThat(result.toString()).contains("quick");
    }

    @Test
    void aLongCommandBecomesATaskThatIsPolledToItsResult() throws Exception {
        JsonNode created = run("sleep 6.25 && echo late");
        assertThat(created.path("resultType").asText()).isEqualTo("task");
        String id = created.path("taskId").asText();
        JsonNode[] task = new JsonNode[1];
        Eventually.until(Duration.ofSeconds(60), () -> {
            try {
                task[0] = send("tasks/get", Map.of("taskId", id), id);
                return !"working".equals(task[0].path("status").asText());
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        assertThat(task[0].path("status").asText()).isEqualTo("completed");
        assertThat(task[0].path("result").toString()).contains("late");
    }

    @Test
    void cancellingTheTaskKillsTheCommand() throws Exception {
        String marker = "sleep 47.5";
        JsonNode created = run(marker + " && echo never");
        assertThat(created.path("resultType").asText()).isEqualTo("task");
        assertThat(running(marker)).as("the command runs").isTrue();
        String id = created.path("taskId").asText();
        assertThat(send("tasks/cancel", Map.of("taskId", id), id).toString()).isEqualTo("{\"resultType\":\"complete\"}");
        assertThat(send("tasks/get", Map.of("taskId", id), id).path("status").asText()).isEqualTo("cancelled");
        Eventually.until(Duration.ofSeconds(60), () -> !running(marker));
    }
}
