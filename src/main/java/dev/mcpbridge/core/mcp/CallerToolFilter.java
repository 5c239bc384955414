package dev.mcpbridge.core.mcp;

import dev.mcpbridge.core.auth.AccessRules;
import dev.mcpbridge.core.auth.Caller;
import dev.mcpbridge.core.registry.ToolRegistry;
import io.modelcontextprotocol.common.McpTransportContext;
import io.modelcontextprotocol.server.McpAsyncListFilter;
import io.modelcontextprotocol.spec.McpSchema;
import reactor.core.publisher.Mono;

/**
 * Hides from a {@code tools/list} the tools the access rules do not allow its caller (the SDK's list filter), so
 * that a client is never shown a tool it may not call. The caller is the one the HTTP transport put in the
 * request's context; a context without one (stdio) is the local user's.
 */
final class CallerToolFilter implements McpAsyncListFilter<McpSchema.Tool> {

    private final AccessRules access;
    private final ToolRegistry tools;

    CallerToolFilter(AccessRules access, ToolRegistry tools) {
        this.access = access;
        this.tools = tools;
    }

    static Caller callerOf(McpTransportContext context) {
        return context != null && context.get(Caller.KEY) instanceof Caller caller ? caller : Caller.LOCAL;
    }

    @Override
    public Mono<Boolean> isVisible(McpTransportContext context, McpSchema.Tool tool) {
        Caller caller = callerOf(context);
        return Mono.just(tools.find(tool.name()).map(t -> access.allows(caller, t)).orElse(true));
    }
}
