package dev.mcpbridge.filesystem;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpbridge.core.app.Bridge;
import dev.mcpbridge.core.config.BridgeConfig;
import dev.mcpbridge.core.invoke.CallContext;
import dev.mcpbridge.core.registry.RegisteredTool;
import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.json.schema.JsonSchemaValidator;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A bridge serving only the built-in filesystem adapter over chosen directories, with helpers that call its tools
 * the way an MCP client would (arguments validated against the input schema, answers mapped by the invoker).
 */
final class FsBridge implements AutoCloseable {

    private static final JsonSchemaValidator VALIDATOR = McpJsonDefaults.getSchemaValidator();

    private final Bridge bridge;

    private FsBridge(Bridge bridge) {
        this.bridge = bridge;
    }

    /** A started bridge; {@code settings} are filesystem settings (directories, allowDelete, windowsRules...). */
    static FsBridge start(Map<String, String> settings) {
        FsBridge b = create(settings);
        b.bridge.camel().startNow();
        return b;
    }

    /** A bridge whose Camel routes are not started: enough to look at the registry. */
    static FsBridge create(Map<String, String> settings) {
        BridgeConfig config = new BridgeConfig();
        config.adapters = List.of("filesystem");
        config.settings.put("filesystem", new LinkedHashMap<>(settings));
        return new FsBridge(Bridge.create(config, Map.of(), Map.of()));
    }

    static Map<String, String> dirs(Path... directories) {
        StringBuilder joined = new StringBuilder();
        for (Path d : directories) {
            if (joined.length() > 0) {
                joined.append('\n');
            }
            joined.append(d);
        }
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("directories", joined.toString());
        return settings;
    }

    Bridge bridge() {
        return bridge;
    }

    List<String> toolNames() {
        return bridge.registry().tools().stream().map(RegisteredTool::exposedName).toList();
    }

    RegisteredTool tool(String name) {
        return bridge.registry().find(name).orElseThrow(() -> new AssertionError("tool " + name + " is not served"));
    }

    CallToolResult call(String tool, Map<String, Object> args) {
        return call(tool, args, CallContext.detached(tool));
    }

    CallToolResult call(String tool, Map<String, Object> args, CallContext context) {
        return bridge.invoker().call(tool(tool), args, context).block(Duration.ofSeconds(60));
    }

    /** Calls a tool that must succeed; checks its structured content against its output schema; returns its text. */
    String ok(String tool, Map<String, Object> args) {
        CallToolResult r = call(tool, args);
        assertThat(r.isError()).as("%s %s failed: %s", tool, args, text(r)).isFalse();
        checkStructured(tool, r);
        return text(r);
    }

    /** Calls a tool that must fail; returns the error text. */
    String error(String tool, Map<String, Object> args) {
        CallToolResult r = call(tool, args);
        assertThat(r.isError()).as("%s %s should fail but answered: %s", tool, args, text(r)).isTrue();
        return text(r);
    }

    void checkStructured(String tool, CallToolResult r) {
        Map<String, Object> schema = tool(tool).spec().outputSchema();
        if (schema != null) {
            assertThat(r.structuredContent()).as("%s structuredContent", tool).isNotNull();
            JsonSchemaValidator.ValidationResponse check = VALIDATOR.validate(schema, r.structuredContent());
            assertThat(check.valid()).as("%s structuredContent %s matches the output schema: %s", tool,
                    r.structuredContent(), check.errorMessage()).isTrue();
            if (isTextOutput(schema)) {
                // The official server's shape: structuredContent is {content: <the same text>}.
                assertThat(r.structuredContent()).as("%s structuredContent", tool)
                        .isEqualTo(Map.of("content", text(r)));
            }
        }
    }

    /** The official tools' output schema: {content: string}. */
    static boolean isTextOutput(Map<String, Object> schema) {
        return schema != null && schema.get("properties") instanceof Map<?, ?> props && props.size() == 1
                && props.get("content") instanceof Map<?, ?> content && "string".equals(content.get("type"));
    }

    static String text(CallToolResult r) {
        StringBuilder sb = new StringBuilder();
        for (McpSchema.Content c : r.content()) {
            if (c instanceof McpSchema.TextContent t) {
                if (sb.length() > 0) {
                    sb.append('\n');
                }
                sb.append(t.text());
            }
        }
        return sb.toString();
    }

    @Override
    public void close() {
        bridge.close();
    }
}
