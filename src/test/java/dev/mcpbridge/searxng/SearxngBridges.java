package dev.mcpbridge.searxng;

import dev.mcpbridge.core.TestBridges;
import dev.mcpbridge.core.app.Bridge;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import java.util.List;
import java.util.Map;

/** Bridges serving only the searxng adapter, with settings given as in the configuration file. */
final class SearxngBridges {

    private SearxngBridges() {
    }

    static Bridge start(Map<String, Object> settings) {
        return TestBridges.builtIn("searxng", settings);
    }

    static CallToolResult call(Bridge bridge, String tool, Map<String, Object> args) {
        return TestBridges.call(bridge, tool, args);
    }

    static String text(CallToolResult r) {
        return TestBridges.text(r);
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> data(CallToolResult r) {
        return (Map<String, Object>) r.structuredContent();
    }
}
