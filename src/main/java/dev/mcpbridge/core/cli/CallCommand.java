package dev.mcpbridge.core.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.mcpbridge.core.app.Bridge;
import dev.mcpbridge.core.config.ConfigException;
import dev.mcpbridge.core.invoke.CallContext;
import dev.mcpbridge.core.registry.RegisteredTool;
import io.modelcontextprotocol.spec.McpSchema;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import dev.mcpbridge.core.config.Suggestions;
import picocli.CommandLine.Spec;

/** Runs one tool in-process and prints its result: exit code 0 when it succeeded, 1 when it answered isError. */
@Command(name = "call", mixinStandardHelpOptions = true, description = "Run one tool in-process and print its result.")
public final class CallCommand implements Callable<Integer> {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Mixin
    CommonOptions common;

    @Parameters(index = "0", paramLabel = "TOOL", description = "The tool's name, as `tools` lists it.")
    String tool;

    @Parameters(index = "1..*", paramLabel = "ARG", arity = "0..*",
            description = "As for serve: given to the one served adapter whose descriptor marks a setting positional.")
    List<String> positional = new ArrayList<>();

    @Option(names = "--arg", paramLabel = "NAME=VALUE",
            description = "An argument; the value is read as the schema's type says (JSON for objects, arrays, numbers).")
    Map<String, String> args = new LinkedHashMap<>();

    @Option(names = "--json", paramLabel = "JSON", description = "All arguments as one JSON object.")
    String json;

    @Option(names = "--output", paramLabel = "text|json",
            description = "text (default): the result's text; json: the whole MCP result.")
    String output = "text";

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        Main.logLevel(common.logLevel == null ? "warn" : common.logLevel);
        try (Bridge bridge = Bridge.create(common.load(System.getenv()), common.settings, System.getenv(),
                positional)) {
            RegisteredTool target = bridge.registry().find(tool).orElseThrow(() -> new ConfigException(
                    "no served tool is named '" + tool + "'" + Suggestions.didYouMean(tool, bridge.registry().tools()
                            .stream().map(RegisteredTool::exposedName).toList()) + " (see `mcp-bridge tools`)"));
            Map<String, Object> arguments = arguments(target);
            bridge.camel().startNow();
            McpSchema.CallToolResult result = bridge.invoker()
                    .call(target, arguments, CallContext.detached(target.exposedName())).block();
            PrintWriter out = spec.commandLine().getOut();
            if ("json".equals(output)) {
                out.println(JSON.enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(result));
            } else {
                for (McpSchema.Content part : result.content()) {
                    out.println(part instanceof McpSchema.TextContent t ? t.text()
                            : "[" + part.type() + " content; use --output json to see it]");
                }
            }
            out.flush();
            return Boolean.TRUE.equals(result.isError()) ? 1 : 0;
        }
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> arguments(RegisteredTool target) {
        Map<String, Object> result = new LinkedHashMap<>();
        if (json != null) {
            try {
                result.putAll(JSON.readValue(json, Map.class));
            } catch (Exception e) {
                throw new ConfigException("--json: not a JSON object: " + e.getMessage().lines().findFirst().orElse(""));
            }
        }
        Map<String, Object> properties = (Map<String, Object>) target.spec().inputSchema()
                .getOrDefault("properties", Map.of());
        args.forEach((name, value) -> {
            Object property = properties.get(name);
            Object type = property instanceof Map<?, ?> p ? p.get("type") : null;
            result.put(name, "string".equals(type) || (type instanceof List<?> l && l.contains("string"))
                    ? value : parse(value));
        });
        return result;
    }

    private static Object parse(String value) {
        try {
            JsonNode node = JSON.readTree(value);
            return node == null ? value : JSON.convertValue(node, Object.class);
        } catch (Exception e) {
            return value;
        }
    }
}
