package dev.mcpbridge.core.discovery;

import dev.mcpbridge.core.adapter.AdapterCatalog;
import dev.mcpbridge.core.adapter.AdapterLoader;
import dev.mcpbridge.core.registry.ToolRegistry;
import dev.mcpbridge.core.registry.ToolSelection;
import io.modelcontextprotocol.json.McpJsonDefaults;
import java.util.List;
import java.util.Map;

/**
 * Every built-in adapter served together with every tool on: all GitHub toolsets, the tools behind a setting too.
 * The widest registry a bridge can serve, which is where discovery matters most.
 */
public final class EveryTool {

    private EveryTool() {
    }

    public static ToolRegistry registry() {
        return ToolRegistry.build(new AdapterCatalog(new AdapterLoader(McpJsonDefaults.getSchemaValidator()))
                .load(List.of()), ToolSelection.all(), Map.of("filesystem", Map.of("allowDelete", "true"),
                        "win-cli", Map.of("sshEnabled", "true")));
    }
}
