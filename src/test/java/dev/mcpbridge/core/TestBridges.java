package dev.mcpbridge.core;

import dev.mcpbridge.core.app.Bridge;
import dev.mcpbridge.core.config.BridgeConfig;
import dev.mcpbridge.core.invoke.CallContext;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/** Builds bridges over the test-only adapters in src/test/resources. */
public final class TestBridges {

    public static final String TESTKIT = "src/test/resources/testkit";
    public static final String CONFORMANCE = "src/test/resources/conformance";

    private TestBridges() {
    }

    public static Bridge testkit(Map<String, String> env, Consumer<BridgeConfig> tweak) {
        BridgeConfig config = new BridgeConfig();
        config.adapterFolders = List.of(TESTKIT);
        config.adapters = List.of("testkit");
        tweak.accept(config);
        return Bridge.create(config, Map.of(), env);
    }

    public static Bridge testkit() {
        return testkit(Map.of("TESTKIT_API_KEY", "sk-test-0123456789"), c -> {
        });
    }

    /** A started bridge serving only one built-in adapter, with settings given as in the configuration file. */
    public static Bridge builtIn(String adapter, Map<String, Object> settings) {
        BridgeConfig config = new BridgeConfig();
        config.adapters = List.of(adapter);
        config.settings.put(adapter, new LinkedHashMap<>(settings));
        Bridge bridge = Bridge.create(config, Map.of(), Map.of());
        bridge.camel().startNow();
        return bridge;
    }

    /** Calls a tool as the MCP server would, without a client. */
    public static CallToolResult call(Bridge bridge, String tool, Map<String, Object> args) {
        return bridge.invoker().call(bridge.registry().find(tool).orElseThrow(), args, CallContext.detached(tool))
                .block(Duration.ofSeconds(60));
    }

    /** The text of a result's first content. */
    public static String text(CallToolResult r) {
        return ((McpSchema.TextContent) r.content().get(0)).text();
    }
}
