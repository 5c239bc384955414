package dev.mcpbridge.core.mcp;

import dev.mcpbridge.core.adapter.AdapterDescriptor;
import dev.mcpbridge.core.adapter.AdapterDescriptor.PromptSpec;
import dev.mcpbridge.core.adapter.AdapterDescriptor.ResourceSpec;
import dev.mcpbridge.core.adapter.AdapterDescriptor.ResourceTemplateSpec;
import dev.mcpbridge.core.adapter.AdapterDescriptor.ToolSpec;
import dev.mcpbridge.core.discovery.DiscoveryTools;
import dev.mcpbridge.core.invoke.ToolInvoker;
import dev.mcpbridge.core.registry.RegisteredTool;
import dev.mcpbridge.core.registry.ToolRegistry;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.server.McpAsyncServer;
import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpServerFeatures;
import io.modelcontextprotocol.server.McpStatelessAsyncServer;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpServerTransportProvider;
import io.modelcontextprotocol.spec.McpStatelessServerTransport;
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
    private static final com.fasterxml.jackson.databind.ObjectMapper MAPPER = new com.fasterxml.jackson.databind.ObjectMapper();
    private final RequestStates states = RequestStates.fromEnvironment(MAPPER);
    private final Tasks tasks = new Tasks(java.time.Clock.systemUTC());

    public McpServerFactory(String version, McpJsonMapper json, ToolInvoker tools, FeatureInvoker features,
            Duration requestTimeout) {
        this.version = version;
        this.json = json;
        this.tools = tools;
        this.features = features;
        this.requestTimeout = requestTimeout;
    }

    /**
     * What one endpoint serves: its tools and the adapters whose resources and prompts it offers; {@code reach}, the
     * tools its callers may call, which a workflow's steps are kept to (the endpoint's own tools unless it is one
     * adapter's view of a wider set); {@code discovery}, when not null, the meta-tools listed instead of the tools.
     */
    public record Served(String name, ToolRegistry registry, List<AdapterDescriptor> adapters, ToolRegistry reach,
            DiscoveryTools discovery) {

        public Served(String name, ToolRegistry registry, List<AdapterDescriptor> adapters, ToolRegistry reach) {
            this(name, registry, adapters, reach, null);
        }

        public Served(String name, ToolRegistry registry, List<AdapterDescriptor> adapters) {
            this(name, registry, adapters, registry);
        }

        /** The same endpoint in discovery mode: its tools found, described and called through the meta-tools. */
        public Served discovering(DiscoveryTools tools) {
            return new Served(name, registry, adapters, reach, tools);
        }

        /** What {@code tools/call} accepts by name: the meta-tools in discovery mode, else the tools. */
        List<String> callable() {
            return discovery == null ? registry.tools().stream().map(RegisteredTool::exposedName).toList()
                    : discovery.tools().stream().map(t -> t.tool().name()).toList();
        }
    }

    public McpAsyncServer build(McpServerTransportProvider transport, Served served) {
        return configure(McpServer.async(transport), served);
    }

    public McpAsyncServer build(McpStreamableServerTransportProvider transport, Served served) {
        return configure(McpServer.async(transport), served);
    }

    /** Answers the calls of tools {@code served} does not serve, for a transport to ask before the SDK. */
    public UnknownTools unknownTools(Served served) {
        return UnknownTools.of(served);
    }

    /**
     * The same features without sessions, for {@code --stateless}: any instance can answer any request; what needs
     * a session is unavailable there (see {@link StatelessServerFactory}).
     */
    public McpStatelessAsyncServer buildStateless(McpStatelessServerTransport transport, Served served) {
        return new StatelessServerFactory(version, json, tools, features, requestTimeout).build(transport, served);
    }

    /**
     * The 2026-07-28 revision over the same features (see {@link StatelessEra}), for one endpoint: served on its own
     * beside the session revisions, by whichever transport carries the endpoint.
     */
    public StatelessEra buildStatelessEra(Served served) {
        HandlerHolder holder = new HandlerHolder();
        buildStateless(holder, served);
        return new StatelessEra(holder.handler, McpShapes.capabilities(served.adapters(), false), served.name(),
                version, states, new HeaderParameters(inputSchemas(served)), taskSupport(served), tasks, MAPPER);
    }

    private static java.util.Map<String, dev.mcpbridge.core.adapter.AdapterDescriptor.TaskSupport> taskSupport(
            Served served) {
        java.util.Map<String, dev.mcpbridge.core.adapter.AdapterDescriptor.TaskSupport> support =
                new java.util.LinkedHashMap<>();
        if (served.discovery() != null) {
            // call_tool answers at once or not at all: a target's task support is not carried through it.
            served.callable().forEach(name -> support.put(name, AdapterDescriptor.TaskSupport.NONE));
            return support;
        }
        served.registry().tools().forEach(t -> support.put(t.exposedName(), t.spec().task()));
        return support;
    }

    private static java.util.Map<String, java.util.Map<String, Object>> inputSchemas(Served served) {
        java.util.Map<String, java.util.Map<String, Object>> schemas = new java.util.LinkedHashMap<>();
        if (served.discovery() != null) {
            served.discovery().tools().forEach(t -> schemas.put(t.tool().name(), t.tool().inputSchema()));
            return schemas;
        }
        served.registry().tools().forEach(t -> schemas.put(t.exposedName(), t.spec().inputSchema()));
        return schemas;
    }

    /** Takes the SDK's stateless handler, to be called with each request of the revision it does not know. */
    private static final class HandlerHolder implements McpStatelessServerTransport {
        private io.modelcontextprotocol.server.McpStatelessServerHandler handler;

        @Override
        public void setMcpHandler(io.modelcontextprotocol.server.McpStatelessServerHandler handler) {
            this.handler = handler;
        }

        @Override
        public Mono<Void> closeGracefully() {
            return Mono.empty();
        }
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
        return spec.serverInfo(served.name(), version)
                .jsonMapper(json)
                .requestTimeout(requestTimeout)
                // The invoker validates arguments itself, so that a bad call is an isError result naming the problem.
                .validateToolInputs(false)
                .capabilities(McpShapes.capabilities(served.adapters(), true))
                .tools(served.discovery() == null
                        ? served.registry().tools().stream().map(t -> tool(t, served.reach())).toList()
                        : served.discovery().tools().stream().map(t -> metaTool(t, served.reach())).toList())
                .addToolFilter(new CallerToolFilter(tools.access(), served.registry()))
                .resources(resources)
                .uriTemplateManagerFactory(new UriTemplates())
                .resourceTemplates(templates)
                .prompts(prompts)
                .completions(completions)
                .rootsChangeHandler(roots::changed)
                .build();
    }

    private McpServerFeatures.AsyncToolSpecification tool(RegisteredTool registered, ToolRegistry reach) {
        return McpServerFeatures.AsyncToolSpecification.builder().tool(McpShapes.tool(registered))
                .callHandler((exchange, request) -> tools.call(registered, request.arguments(),
                        new McpCallContext(registered.exposedName(), exchange, request.meta(), json, roots)
                                .within(reach)))
                .build();
    }

    /** A meta-tool: what {@code call_tool} runs gets the context a direct call of that tool would get. */
    private McpServerFeatures.AsyncToolSpecification metaTool(DiscoveryTools.MetaTool meta, ToolRegistry reach) {
        return McpServerFeatures.AsyncToolSpecification.builder().tool(meta.tool())
                .callHandler((exchange, request) -> meta.handler().handle(request.arguments(),
                        (target, arguments) -> tools.call(target, arguments, new McpCallContext(target.exposedName(),
                                exchange, request.meta(), json, roots).within(reach))))
                .build();
    }

    private McpServerFeatures.AsyncResourceSpecification resource(ResourceSpec r) {
        return new McpServerFeatures.AsyncResourceSpecification(McpShapes.resource(r),
                (exchange, request) -> features.readResource(r.endpoint(), request.uri(), r.mimeType(), null,
                        new McpCallContext(r.uri(), exchange, request.meta(), json, roots)));
    }

    private McpServerFeatures.AsyncResourceTemplateSpecification template(ResourceTemplateSpec t) {
        return new McpServerFeatures.AsyncResourceTemplateSpecification(McpShapes.template(t),
                (exchange, request) -> features.readResource(t.endpoint(), request.uri(), t.mimeType(),
                        t.uriTemplate(), new McpCallContext(t.uriTemplate(), exchange, request.meta(), json, roots)));
    }

    private McpServerFeatures.AsyncPromptSpecification prompt(PromptSpec p) {
        return new McpServerFeatures.AsyncPromptSpecification(McpShapes.prompt(p),
                (exchange, request) -> features.getPrompt(p, request.arguments(),
                        new McpCallContext(p.name(), exchange, request.meta(), json, roots)));
    }

    private McpServerFeatures.AsyncCompletionSpecification completion(PromptSpec p) {
        return new McpServerFeatures.AsyncCompletionSpecification(new McpSchema.PromptReference(p.name()),
                (exchange, request) -> Mono.just(McpShapes.complete(p, request)));
    }


}
