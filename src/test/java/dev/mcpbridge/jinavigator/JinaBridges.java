package dev.mcpbridge.jinavigator;

import dev.mcpbridge.core.TestBridges;
import dev.mcpbridge.core.app.Bridge;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import java.util.List;
import java.util.Map;

/** Bridges serving only the jinavigator adapter, with settings given as in the configuration file. */
final class JinaBridges {

    private JinaBridges() {
    }

    static Bridge start(Map<String, Object> settings) {
        return TestBridges.builtIn("jinavigator", settings);
    }

    static CallToolResult call(Bridge bridge, String tool, Map<String, Object> args) {
        return TestBridges.call(bridge, tool, args);
    }

    static String text(CallToolResult r) {
        return TestBridges.text(r);
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> results(CallToolResult r) {
        return (List<Map<String, Object>>) ((Map<String, Object>) r.structuredContent()).get("results");
    }
}
