package dev.mcpbridge.searxng;

import dev.mcpbridge.core.app.Bridge;
import dev.mcpbridge.core.config.BridgeConfig;
import dev.mcpbridge.core.invoke.CallContext;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Bridges serving only the searxng adapter, with settings given as in the configuration file. */
final class SearxngBridges {

    private SearxngBridges() {
    }

    static Bridge start(Map<String, Object> settings) {
        BridgeConfig config = new BridgeConfig();
        config.adapters = List.of("searxng");
        config.settings.put("searxng", new LinkedHashMap<>(settings));
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
    static Map<String, Object> data(CallToolResult r) {
        return (Map<String, Object>) r.structuredContent();
    }
}
