package dev.mcpbridge.core.mcp;

import dev.mcpbridge.core.adapter.AdapterDescriptor;
import dev.mcpbridge.core.adapter.AdapterDescriptor.PromptSpec;
import dev.mcpbridge.core.adapter.AdapterDescriptor.ResourceSpec;
import dev.mcpbridge.core.adapter.AdapterDescriptor.ResourceTemplateSpec;
import dev.mcpbridge.core.adapter.AdapterDescriptor.ToolSpec;
import dev.mcpbridge.core.registry.RegisteredTool;
import io.modelcontextprotocol.spec.McpSchema;
import java.util.List;

/**
 * What the descriptors look like in MCP terms: tools, resources, templates, prompts, completions and capabilities.
 * Shared by the session-bound server ({@link McpServerFactory}) and the stateless one
 * ({@link StatelessServerFactory}), which differ only in how a request reaches its handler.
 */
final class McpShapes {

    private McpShapes() {
    }

    static McpSchema.Tool tool(RegisteredTool registered) {
        ToolSpec spec = registered.spec();
        McpSchema.Tool.Builder tool = McpSchema.Tool.builder().name(registered.exposedName())
                .description(spec.description()).inputSchema(spec.inputSchema());
        if (spec.title() != null) {
            tool.title(spec.title());
        }
        if (spec.outputSchema() != null) {
            tool.outputSchema(spec.outputSchema());
        }
        var a = spec.annotations();
        if (a.readOnlyHint() != null || a.destructiveHint() != null || a.idempotentHint() != null
                || a.openWorldHint() != null) {
            tool.annotations(new McpSchema.ToolAnnotations(spec.title(), a.readOnlyHint(), a.destructiveHint(),
                    a.idempotentHint(), a.openWorldHint(), null));
        }
        return tool.build();
    }

    static McpSchema.Resource resource(ResourceSpec r) {
        McpSchema.Resource.Builder resource = McpSchema.Resource.builder().uri(r.uri()).name(r.name());
        if (r.title() != null) {
            resource.title(r.title());
        }
        if (r.description() != null) {
            resource.description(r.description());
        }
        if (r.mimeType() != null) {
            resource.mimeType(r.mimeType());
        }
        return resource.build();
    }

    static McpSchema.ResourceTemplate template(ResourceTemplateSpec t) {
        return new McpSchema.ResourceTemplate(t.uriTemplate(), t.name(), t.title(), t.description(), t.mimeType(),
                null);
    }

    static McpSchema.Prompt prompt(PromptSpec p) {
        List<McpSchema.PromptArgument> arguments = p.arguments().stream()
                .map(a -> new McpSchema.PromptArgument(a.name(), null, a.description(), a.required())).toList();
        return new McpSchema.Prompt(p.name(), p.title(), p.description(), arguments);
    }

    /** The declared values of the prompt argument being completed that start with what was typed (100 at most). */
    static McpSchema.CompleteResult complete(PromptSpec p, McpSchema.CompleteRequest request) {
        String typed = request.argument().value() == null ? "" : request.argument().value();
        List<String> values = p.arguments().stream()
                .filter(a -> a.name().equals(request.argument().name()))
                .flatMap(a -> a.values().stream()).filter(v -> v.startsWith(typed)).limit(100).toList();
        return new McpSchema.CompleteResult(new McpSchema.CompleteResult.CompleteCompletion(values, values.size(),
                false));
    }

    /**
     * Tools always; resources, prompts and completions when an adapter declares them. Logging and resource
     * subscriptions only with {@code sessions}: both need a session that remembers the client's wish and carries
     * the messages back.
     */
    static McpSchema.ServerCapabilities capabilities(List<AdapterDescriptor> adapters, boolean sessions) {
        McpSchema.ServerCapabilities.Builder capabilities = McpSchema.ServerCapabilities.builder().tools(false);
        if (sessions) {
            capabilities.logging();
        }
        if (adapters.stream().anyMatch(a -> !a.resources().isEmpty() || !a.resourceTemplates().isEmpty())) {
            capabilities.resources(sessions, false);
        }
        if (adapters.stream().anyMatch(a -> !a.prompts().isEmpty())) {
            capabilities.prompts(false);
        }
        if (adapters.stream().flatMap(a -> a.prompts().stream()).anyMatch(p -> !p.arguments().isEmpty())) {
            capabilities.completions();
        }
        return capabilities.build();
    }
}
