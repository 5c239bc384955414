package dev.mcpbridge.wincli;

import dev.mcpbridge.core.app.Bridge;
import dev.mcpbridge.core.config.BridgeConfig;
import dev.mcpbridge.core.invoke.CallContext;
import dev.mcpbridge.core.registry.RegisteredTool;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The built-in win-cli adapter served alone by a real Bridge, its tools called through the invoker. */
final class WinCliBridge implements AutoCloseable {

    final Bridge bridge;
    final Path auditLog;

    private WinCliBridge(Bridge bridge, Path auditLog) {
        this.bridge = bridge;
        this.auditLog = auditLog;
    }

    /** @param settings win-cli settings besides shells=bash,sh and an audit log in {@code work} */
    static WinCliBridge start(Path work, Map<String, Object> settings) {
        return start(work, settings, Map.of());
    }

    static WinCliBridge start(Path work, Map<String, Object> settings, Map<String, String> env) {
        BridgeConfig config = new BridgeConfig();
        config.adapters = List.of("win-cli");
        Map<String, Object> s = new LinkedHashMap<>();
        Path audit = work.resolve("audit.jsonl");
        s.put("shells", "bash,sh");
        s.put("auditLog", audit.toString());
        s.put("sshConnectionsFile", work.resolve("ssh-connections.yaml").toString());
        s.put("sshKnownHosts", work.resolve("known_hosts").toString());
        s.put("allowedPaths", work.toString());
        s.putAll(settings);
        config.settings.put("win-cli", s);
        Bridge bridge = Bridge.create(config, Map.of(), env);
        bridge.camel().startNow();
        return new WinCliBridge(bridge, audit);
    }

    CallToolResult call(String tool, Map<String, Object> args) {
        RegisteredTool t = bridge.registry().find(tool).orElseThrow(() -> new AssertionError("no tool " + tool));
        return bridge.invoker().call(t, args, CallContext.detached(tool)).block(Duration.ofSeconds(120));
    }

    /**
     * The audit file once it holds {@code expected}: the route writes each line off the caller's thread (wireTap),
     * so a line may follow its answer by a moment.
     */
    String audited(String expected) {
        dev.mcpbridge.core.Eventually.until(Duration.ofSeconds(30), () -> {
            try {
                return java.nio.file.Files.exists(auditLog)
                        && java.nio.file.Files.readString(auditLog).contains(expected);
            } catch (java.io.IOException e) {
                return false;
            }
        });
        try {
            return java.nio.file.Files.readString(auditLog);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    CallToolResult run(String shell, String command) {
        return call("execute_command", Map.of("shell", shell, "command", command));
    }

    CallToolResult run(String shell, String command, String dir) {
        return call("execute_command", Map.of("shell", shell, "command", command, "workingDir", dir));
    }

    /** Reads a resource through its Camel endpoint, as the MCP server would. */
    String resource(String endpoint) {
        return String.valueOf(bridge.camel().started().join().template().requestBody(endpoint, (Object) null));
    }

    /** Asserts that the result's structuredContent matches the tool's output schema (error results included). */
    void assertMatchesOutputSchema(String tool, CallToolResult r) {
        Map<String, Object> schema = bridge.registry().find(tool).orElseThrow().spec().outputSchema();
        var check = io.modelcontextprotocol.json.McpJsonDefaults.getSchemaValidator().validate(schema,
                r.structuredContent());
        org.assertj.core.api.Assertions.assertThat(check.valid()).as("%s output schema: %s", tool,
                check.errorMessage()).isTrue();
    }

    static String text(CallToolResult r) {
        return ((McpSchema.TextContent) r.content().get(0)).text();
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> data(CallToolResult r) {
        return (Map<String, Object>) r.structuredContent();
    }

    @Override
    public void close() {
        bridge.close();
    }
}
