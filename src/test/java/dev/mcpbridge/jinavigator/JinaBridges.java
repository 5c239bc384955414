package dev.mcpbridge.jinavigator;

import dev.mcpbridge.core.app.Bridge;
import dev.mcpbridge.core.config.BridgeConfig;
import dev.mcpbridge.core.invoke.CallContext;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Bridges serving only the jinavigator adapter, with settings given as in the configuration file. */
final class JinaBridges {

    private JinaBridges() {
    }

    static Bridge start(Map<String, Object> settings) {
        BridgeConfig config = new BridgeConfig();
        config.adapters = List.of("jinavigator");
        config.settings.put("jinavigator", new LinkedHashMap<>(settings));
        Bridge bridge = Bridge.create(config, Map.of(), Map.of());
        bridge.camel().startNow();
        return bridge;
    }

    static CallToolResult call(Bridge bridge, String tool, Map<String, Object> args) {
        return bridge.invoker().call(bridge.registry().find(tool).orElseThrow(), args, CallContext.detached(tool))
                .block(Duration.ofSeconds(60));
    }

    static String text(CallToolResult r) {
        return ((McpSchema.TextContent) r.content().get(0)).text();
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> results(CallToolResult r) {
        return (List<Map<String, Object>>) ((Map<String, Object>) r.structuredContent()).get("results");
    }
}
