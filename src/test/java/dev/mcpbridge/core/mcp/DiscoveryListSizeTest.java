package dev.mcpbridge.core.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpbridge.core.discovery.DiscoveryTools;
import dev.mcpbridge.core.discovery.EveryTool;
import dev.mcpbridge.core.registry.ToolRegistry;
import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.spec.McpSchema;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What an agent carries in every request: the {@code tools/list} result's bytes with every built-in tool served,
 * listed whole and in discovery mode. The goal is at most 4 KB in discovery mode.
 */
class DiscoveryListSizeTest {

    static final int GOAL_BYTES = 4 * 1024;

    private static int bytes(List<McpSchema.Tool> tools) throws Exception {
        return McpJsonDefaults.getMapper().writeValueAsString(new McpSchema.ListToolsResult(tools, null))
                .getBytes(StandardCharsets.UTF_8).length;
    }

    @Test
    void discoveryModeListsAFewKilobytesInsteadOfEveryDefinition() throws Exception {
        ToolRegistry every = EveryTool.registry();
        int whole = bytes(every.tools().stream().map(McpShapes::tool).toList());
        int discovery = bytes(DiscoveryTools.over(every, McpJsonDefaults.getSchemaValidator()).tools().stream()
                .map(DiscoveryTools.MetaTool::tool).toList());
        System.err.printf("tools/list with %d tools: %d bytes listed whole, %d bytes in discovery mode%n",
                every.tools().size(), whole, discovery);
        assertThat(discovery).isLessThanOrEqualTo(GOAL_BYTES);
        assertThat(whole).isGreaterThan(discovery * 10);
    }
}
