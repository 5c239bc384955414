package dev.mcpbridge.core.mcp;

import dev.mcpbridge.core.adapter.AdapterDescriptor;
import dev.mcpbridge.core.adapter.AdapterDescriptor.PromptSpec;
import dev.mcpbridge.core.adapter.AdapterDescriptor.ResourceSpec;
import dev.mcpbridge.core.adapter.AdapterDescriptor.ResourceTemplateSpec;
import dev.mcpbridge.core.adapter.AdapterDescriptor.ToolSpec;
import dev.mcpbridge.core.invoke.ToolInvoker;
import dev.mcpbridge.core.registry.RegisteredTool;
import dev.mcpbridge.core.registry.ToolRegistry;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.server.McpAsyncServer;
import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpServerFeatures;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpServerTransportProvider;
import io.modelcontextprotocol.spec.McpStreamableServerTransportProvider;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import reactor.core.publisher.Mono;

/**
 * Builds one MCP server (the SDK's {@link McpAsyncServer}) over a transport, from the served tools and the
 * resources and prompts of the served adapters. Only the descriptors are needed, so {@code initialize} and
 * {@code tools/list} are answered before Camel has finished booting.
 */
public final class McpServerFactory {

    private final String version;
    private final McpJsonMapper json;
    private final ToolInvoker tools;
    private final FeatureInvoker features;
    private final Duration requestTimeout;
    private final ClientRoots roots = new ClientRoots();

    public McpServerFactory(String version, McpJsonMapper json, ToolInvoker tools, FeatureInvoker features,
            Duration requestTimeout) {
        this.version = version;
        this.json = json;
        this.tools = tools;
        this.features = features;
        this.requestTimeout = requestTimeout;
    }

    /** What one endpoint serves: its tools and the adapters whose resources and prompts it offers. */
    public record Served(String name, ToolRegistry registry, List<AdapterDescriptor> adapters) {
    }

    public McpAsyncServer build(McpServerTransportProvider transport, Served served) {
        return configure(McpServer.async(transport), served);
    }

    public McpAsyncServer build(McpStreamableServerTransportProvider transport, Served served) {
        return configure(McpServer.async(transport), served);
    }

    private McpAsyncServer configure(McpServer.AsyncSpecification<?> spec, Served served) {
        List<McpServerFeatures.AsyncResourceSpecification> resources = new ArrayList<>();
        List<McpServerFeatures.AsyncResourceTemplateSpecification> templates = new ArrayList<>();
        List<McpServerFeatures.AsyncPromptSpecification> prompts = new ArrayList<>();
        List<McpServerFeatures.AsyncCompletionSpecification> completions = new ArrayList<>();
        for (AdapterDescriptor adapter : served.adapters()) {
            adapter.resources().forEach(r -> resources.add(resource(r)));
            adapter.resourceTemplates().forEach(t -> templates.add(template(t)));
            for (PromptSpec p : adapter.prompts()) {
                prompts.add(prompt(p));
                if (!p.arguments().isEmpty()) {
                    completions.add(completion(p));
                }
            }
        }
        McpSchema.ServerCapabilities.Builder capabilities = McpSchema.ServerCapabilities.builder().tools(false)
                .logging();
        if (!resources.isEmpty() || !templates.isEmpty()) {
            capabilities.resources(true, false);
        }
        if (!prompts.isEmpty()) {
            capabilities.prompts(false);
        }
        if (!completions.isEmpty()) {
            capabilities.completions();
        }
        return spec.serverInfo(served.name(), version)
                .jsonMapper(json)
                .requestTimeout(requestTimeout)
                // The invoker validates arguments itself, so that a bad call is an isError result naming the problem.
                .validateToolInputs(false)
                .capabilities(capabilities.build())
                .tools(served.registry().tools().stream().map(this::tool).toList())
                .resources(resources)
                .uriTemplateManagerFactory(new UriTemplates())
                .resourceTemplates(templates)
                .prompts(prompts)
                .completions(completions)
                .rootsChangeHandler(roots::changed)
                .build();
    }

    private McpServerFeatures.AsyncToolSpecification tool(RegisteredTool registered) {
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
        return McpServerFeatures.AsyncToolSpecification.builder().tool(tool.build())
                .callHandler((exchange, request) -> tools.call(registered, request.arguments(),
                        new McpCallContext(registered.exposedName(), exchange, request.meta(), json, roots)))
                .build();
    }

    private McpServerFeatures.AsyncResourceSpecification resource(ResourceSpec r) {
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
        return new McpServerFeatures.AsyncResourceSpecification(resource.build(),
                (exchange, request) -> features.readResource(r.endpoint(), request.uri(), r.mimeType(), null,
                        new McpCallContext(r.uri(), exchange, request.meta(), json, roots)));
    }

    private McpServerFeatures.AsyncResourceTemplateSpecification template(ResourceTemplateSpec t) {
        var template = new McpSchema.ResourceTemplate(t.uriTemplate(), t.name(), t.title(), t.description(),
                t.mimeType(), null);
        return new McpServerFeatures.AsyncResourceTemplateSpecification(template,
                (exchange, request) -> features.readResource(t.endpoint(), request.uri(), t.mimeType(),
                        t.uriTemplate(), new McpCallContext(t.uriTemplate(), exchange, request.meta(), json, roots)));
    }

    private McpServerFeatures.AsyncPromptSpecification prompt(PromptSpec p) {
        List<McpSchema.PromptArgument> arguments = p.arguments().stream()
                .map(a -> new McpSchema.PromptArgument(a.name(), null, a.description(), a.required())).toList();
        var prompt = new McpSchema.Prompt(p.name(), p.title(), p.description(), arguments);
        return new McpServerFeatures.AsyncPromptSpecification(prompt,
                (exchange, request) -> features.getPrompt(p, request.arguments(),
                        new McpCallContext(p.name(), exchange, request.meta(), json, roots)));
    }

    private McpServerFeatures.AsyncCompletionSpecification completion(PromptSpec p) {
        return new McpServerFeatures.AsyncCompletionSpecification(new McpSchema.PromptReference(p.name()),
                (exchange, request) -> {
                    String typed = request.argument().value() == null ? "" : request.argument().value();
                    List<String> values = p.arguments().stream()
                            .filter(a -> a.name().equals(request.argument().name()))
                            .flatMap(a -> a.values().stream()).filter(v -> v.startsWith(typed)).limit(100).toList();
                    return Mono.just(new McpSchema.CompleteResult(
                            new McpSchema.CompleteResult.CompleteCompletion(values, values.size(), false)));
                });
    }


}
