package dev.mcpbridge.core.mcp;

import dev.mcpbridge.core.config.Suggestions;
import io.modelcontextprotocol.spec.McpSchema;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * The answer to a {@code tools/call} naming a tool the endpoint does not serve, given before the SDK's, which is
 * "Unknown tool: invalid_tool_name" in every case: it names neither the tool asked for nor the one meant. One
 * wording for both protocol eras and every transport.
 */
public final class UnknownTools {

    private final Set<String> served;

    public UnknownTools(Collection<String> served) {
        this.served = Set.copyOf(new LinkedHashSet<>(served));
    }

    /** The tools the endpoint lists: its own, or in discovery mode the meta-tools that reach them. */
    static UnknownTools of(McpServerFactory.Served endpoint) {
        return new UnknownTools(endpoint.discovery() == null
                ? endpoint.registry().tools().stream().map(t -> t.exposedName()).toList()
                : endpoint.discovery().tools().stream().map(m -> m.tool().name()).toList());
    }

    /** Whether {@code name} is a tool of this endpoint. */
    public boolean serves(String name) {
        return served.contains(name);
    }

    /** {@code Unknown tool 'reed_file' (did you mean 'read_file'?): tools/list names the tools ...}. */
    public String message(String name) {
        return "Unknown tool '" + name + "'" + Suggestions.didYouMean(name, served)
                + ": tools/list names the tools this server serves";
    }

    /** The error data: the name asked for, so that a client can show it without parsing the message. */
    public static Map<String, Object> data(String name) {
        return Map.of("name", name);
    }

    /**
     * The error answer to {@code request}, or null when it is not a {@code tools/call}, has no name (the message
     * shape check answers that) or names a served tool.
     */
    public McpSchema.JSONRPCResponse refusal(McpSchema.JSONRPCRequest request) {
        if (!McpSchema.METHOD_TOOLS_CALL.equals(request.method())
                || !(request.params() instanceof Map<?, ?> params) || !(params.get("name") instanceof String name)
                || serves(name)) {
            return null;
        }
        return McpSchema.JSONRPCResponse.error(request.id(), new McpSchema.JSONRPCResponse.JSONRPCError(
                McpSchema.ErrorCodes.INVALID_PARAMS, message(name), data(name)));
    }
}
