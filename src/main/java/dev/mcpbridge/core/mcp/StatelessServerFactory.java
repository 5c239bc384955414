package dev.mcpbridge.core.mcp;

import dev.mcpbridge.core.adapter.AdapterDescriptor;
import dev.mcpbridge.core.adapter.AdapterDescriptor.PromptSpec;
import dev.mcpbridge.core.discovery.DiscoveryTools;
import dev.mcpbridge.core.invoke.ToolInvoker;
import dev.mcpbridge.core.registry.RegisteredTool;
import dev.mcpbridge.core.registry.ToolRegistry;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpStatelessAsyncServer;
import io.modelcontextprotocol.server.McpStatelessServerFeatures;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpStatelessServerTransport;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import reactor.core.publisher.Mono;

/**
 * Builds the stateless MCP server (the SDK's {@link McpStatelessAsyncServer}) for {@code --stateless}: the same
 * tools, resources, prompts and completions as the session-bound server, each request answered on its own, so
 * that any instance behind a load balancer can answer any request. What needs a session is left out:
 * {@code logging/setLevel}, resource subscriptions, and everything a tool would ask the client
 * ({@link StatelessCallContext}).
 */
final class StatelessServerFactory {

    private final String version;
    private final McpJsonMapper json;
    private final ToolInvoker tools;
    private final FeatureInvoker features;
    private final Duration requestTimeout;

    StatelessServerFactory(String version, McpJsonMapper json, ToolInvoker tools, FeatureInvoker features,
            Duration requestTimeout) {
        this.version = version;
        this.json = json;
        this.tools = tools;
        this.features = features;
        this.requestTimeout = requestTimeout;
    }

    McpStatelessAsyncServer build(McpStatelessServerTransport transport, McpServerFactory.Served served) {
        List<McpStatelessServerFeatures.AsyncResourceSpecification> resources = new ArrayList<>();
        List<McpStatelessServerFeatures.AsyncResourceTemplateSpecification> templates = new ArrayList<>();
        List<McpStatelessServerFeatures.AsyncPromptSpecification> prompts = new ArrayList<>();
        List<McpStatelessServerFeatures.AsyncCompletionSpecification> completions = new ArrayList<>();
        for (AdapterDescriptor adapter : served.adapters()) {
            adapter.resources().forEach(r -> resources.add(new McpStatelessServerFeatures.AsyncResourceSpecification(
                    McpShapes.resource(r), (context, request) -> features.readResource(r.endpoint(), request.uri(),
                            r.mimeType(), null, new StatelessCallContext(r.uri(), exchange(context))))));
            adapter.resourceTemplates().forEach(t -> templates.add(
                    new McpStatelessServerFeatures.AsyncResourceTemplateSpecification(McpShapes.template(t),
                            (context, request) -> features.readResource(t.endpoint(), request.uri(), t.mimeType(),
                                    t.uriTemplate(), new StatelessCallContext(t.uriTemplate(), exchange(context))))));
            for (PromptSpec p : adapter.prompts()) {
                prompts.add(new McpStatelessServerFeatures.AsyncPromptSpecification(McpShapes.prompt(p),
                        (context, request) -> features.getPrompt(p, request.arguments(),
                                new StatelessCallContext(p.name(), exchange(context)))));
                if (!p.arguments().isEmpty()) {
                    completions.add(new McpStatelessServerFeatures.AsyncCompletionSpecification(
                            new McpSchema.PromptReference(p.name()),
                            (context, request) -> Mono.just(McpShapes.complete(p, request))));
                }
            }
        }
        return McpServer.async(transport)
                .serverInfo(served.name(), version)
                .jsonMapper(json)
                .requestTimeout(requestTimeout)
                // As in session mode: the invoker validates arguments, so a bad call is an isError result.
                .validateToolInputs(false)
                .capabilities(McpShapes.capabilities(served.adapters(), false))
                .tools(served.discovery() == null
                        ? served.registry().tools().stream().map(t -> tool(t, served.reach())).toList()
                        : served.discovery().tools().stream().map(t -> metaTool(t, served.reach())).toList())
                .addToolFilter(new CallerToolFilter(tools.access(), served.registry()))
                .resources(resources)
                .resourceTemplates(templates)
                .prompts(prompts)
                .completions(completions)
                .build();
    }

    /** The 2026-07-28 request being served, when it is one (see {@link StatelessEra}). */
    private static StatelessExchange exchange(io.modelcontextprotocol.common.McpTransportContext context) {
        return context == null ? null : (StatelessExchange) context.get(StatelessExchange.KEY);
    }

    private McpStatelessServerFeatures.AsyncToolSpecification metaTool(DiscoveryTools.MetaTool meta,
            ToolRegistry reach) {
        return new McpStatelessServerFeatures.AsyncToolSpecification(meta.tool(),
                (context, request) -> meta.handler().handle(request.arguments(), (target, arguments) -> tools.call(
                        target, arguments, new StatelessCallContext(target.exposedName(), exchange(context))
                                .within(reach))));
    }

    private McpStatelessServerFeatures.AsyncToolSpecification tool(RegisteredTool registered, ToolRegistry reach) {
        return new McpStatelessServerFeatures.AsyncToolSpecification(McpShapes.tool(registered),
                (context, request) -> tools.call(registered, request.arguments(),
                        new StatelessCallContext(registered.exposedName(), exchange(context)).within(reach)
                                .by(CallerToolFilter.callerOf(context))));
    }
}
