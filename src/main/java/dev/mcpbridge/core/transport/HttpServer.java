package dev.mcpbridge.core.transport;

import dev.mcpbridge.core.adapter.AdapterDescriptor;
import dev.mcpbridge.core.auth.Authenticator;
import dev.mcpbridge.core.auth.CallLimits;
import dev.mcpbridge.core.auth.Caller;
import dev.mcpbridge.core.auth.StaticTokens;
import io.modelcontextprotocol.common.McpTransportContext;
import io.modelcontextprotocol.server.McpTransportContextExtractor;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Map;
import dev.mcpbridge.core.spi.Durations;
import dev.mcpbridge.core.pipeline.CallMetrics;
import dev.mcpbridge.core.config.BridgeConfig;
import dev.mcpbridge.core.config.ConfigException;
import dev.mcpbridge.core.mcp.CancellableSessions;
import dev.mcpbridge.core.mcp.McpServerFactory;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.server.McpAsyncServer;
import io.modelcontextprotocol.server.McpStatelessAsyncServer;
import io.modelcontextprotocol.server.transport.DefaultServerTransportSecurityValidator;
import io.modelcontextprotocol.server.transport.HttpServletSseServerTransportProvider;
import io.modelcontextprotocol.server.transport.HttpServletStatelessServerTransport;
import io.modelcontextprotocol.server.transport.HttpServletStreamableServerTransportProvider;
import jakarta.servlet.DispatcherType;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.BooleanSupplier;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves MCP over HTTP on embedded Jetty: Streamable HTTP at {@code /mcp} (every adapter) and
 * {@code /mcp/<adapter>} (one adapter), legacy SSE at {@code /sse} + {@code /message} and
 * {@code /sse/<adapter>} + {@code /message/<adapter>}. Host and Origin are checked
 * against DNS rebinding; a bearer token is required when one is configured, and always off loopback.
 */
public final class HttpServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(HttpServer.class);

    private final Server jetty;
    private final List<McpAsyncServer> servers = new ArrayList<>();
    private final List<McpStatelessAsyncServer> statelessServers = new ArrayList<>();
    private final DrainHandler drain;
    private final Duration shutdownTimeout;
    private volatile BooleanSupplier ready = () -> true;
    private final ServletContextHandler context;
    private final CallLimits limits;

    /** The caller {@link AuthFilter} found, travelling in the SDK's transport context to the tools and their list. */
    private static final McpTransportContextExtractor<HttpServletRequest> CALLER = request ->
            McpTransportContext.create(Map.of(Caller.KEY, callerOf(request)));

    static Caller callerOf(HttpServletRequest request) {
        return request.getAttribute(Caller.KEY) instanceof Caller caller ? caller : Caller.LOCAL;
    }
    /** Adds one more Streamable HTTP endpoint at a path (for profiles), as the constructor adds /mcp. */
    private final java.util.function.BiConsumer<String, McpServerFactory.Served> endpoint;
    private final List<String> profiles = new java.util.concurrent.CopyOnWriteArrayList<>();

    public HttpServer(McpServerFactory factory, McpJsonMapper json, BridgeConfig.Http http,
            McpServerFactory.Served all, List<McpServerFactory.Served> perAdapter) {
        this(factory, json, http, all, perAdapter,
                new Authenticator(new StaticTokens(StaticTokens.ofHttpToken(http.token)), null, List.of()),
                CallLimits.NONE);
    }

    /**
     * @param auth who may call; when OAuth is on, its resource is what {@code /.well-known/oauth-protected-resource}
     *     publishes
     * @param limits how many tool calls per window each caller may send (answered 429 beyond)
     */
    public HttpServer(McpServerFactory factory, McpJsonMapper json, BridgeConfig.Http http,
            McpServerFactory.Served all, List<McpServerFactory.Served> perAdapter, Authenticator auth,
            CallLimits limits) {
        this.limits = limits;
        boolean loopback = isLoopback(http.bind);
        if (!loopback && !auth.required()) {
            throw new ConfigException("binding to " + http.bind + " (not loopback) needs a bearer token or OAuth: "
                    + "give --http-token (MCP_BRIDGE_HTTP_TOKEN), http.tokens or --oauth-issuer");
        }
        OriginHostCheck security = security(http, loopback);
        QueuedThreadPool threads = new QueuedThreadPool(200, 4);
        threads.setName("http");
        threads.setDaemon(true);
        jetty = new Server(threads);
        HttpConfiguration httpConfig = new HttpConfiguration();
        // No "Server: Jetty(12.x)" header: the version is of no use to a client and of some to an attacker.
        httpConfig.setSendServerVersion(false);
        httpConfig.setSendXPoweredBy(false);
        ServerConnector connector = new ServerConnector(jetty, new HttpConnectionFactory(httpConfig));
        connector.setHost(http.bind);
        connector.setPort(http.port);
        jetty.addConnector(connector);
        jetty.setErrorHandler(new JsonErrorPages());

        ServletContextHandler context = new ServletContextHandler();
        context.setContextPath("/");
        context.setErrorHandler(new JsonErrorPages());
        FilterHolder authFilter = new FilterHolder(new AuthFilter(auth, http.publicUrl));
        authFilter.setAsyncSupported(true);
        context.addFilter(authFilter, "/*", EnumSet.of(DispatcherType.REQUEST));
        Authenticator.Resource oauth = auth.resource();
        if (oauth != null) {
            context.addServlet(new ServletHolder("oauth-protected-resource", new ProtectedResourceMetadata(
                    oauth.resource(), oauth.issuer(), oauth.scopes())), AuthFilter.METADATA_PATH + "/*");
        }
        List<String> adapters = new ArrayList<>();
        if (http.stateless) {
            addStateless(context, factory, json, http, security, "/mcp", all);
            for (McpServerFactory.Served one : perAdapter) {
                adapters.add(adapterOf(one));
                addStateless(context, factory, json, http, security, "/mcp/" + adapterOf(one), one);
            }
        } else {
            addStreamable(context, factory, json, http, security, "/mcp", all);
            addSse(context, factory, json, http, security, "", all);
            for (McpServerFactory.Served one : perAdapter) {
                String adapter = adapterOf(one);
                adapters.add(adapter);
                addStreamable(context, factory, json, http, security, "/mcp/" + adapter, one);
                addSse(context, factory, json, http, security, "/" + adapter, one);
            }
        }
        context.addServlet(new ServletHolder("not-found", new NoSuchEndpoint(adapters, profiles, security)), "/");
        this.context = context;
        this.endpoint = (path, served) -> {
            if (http.stateless) {
                addStateless(context, factory, json, http, security, path, served);
            } else {
                addStreamable(context, factory, json, http, security, path, served);
            }
        };
        shutdownTimeout = shutdownTimeout(http);
        drain = new DrainHandler(context);
        jetty.setHandler(new HealthHandler(drain, () -> ready.getAsBoolean(), drain::draining));
    }

    /**
     * Serves each profile at {@code /mcp/p/<name>} (Streamable HTTP, both eras; no legacy SSE). Call before
     * {@link #start}.
     */
    public HttpServer profiles(java.util.Map<String, McpServerFactory.Served> served) {
        served.forEach((name, profile) -> {
            profiles.add(name);
            endpoint.accept("/mcp/p/" + name, profile);
        });
        return this;
    }

    /**
     * Serves {@code GET /metrics}: the call route's per-tool metrics as Prometheus text, behind the same token
     * check as {@code /mcp}. Call before {@link #start}.
     */
    public HttpServer metrics(CallMetrics metrics) {
        context.addServlet(new ServletHolder("metrics", new MetricsEndpoint(metrics.enable())), "/metrics");
        return this;
    }

    private static String adapterOf(McpServerFactory.Served one) {
        // Each per-adapter server serves exactly one adapter (Bridge.only).
        return one.adapters().get(0).name();
    }

    /** Stateless Streamable HTTP ({@code --stateless}): no sessions, so any instance can answer any request. */
    private void addStateless(ServletContextHandler context, McpServerFactory factory, McpJsonMapper json,
            BridgeConfig.Http http, OriginHostCheck security, String path,
            McpServerFactory.Served served) {
        HttpServletStatelessServerTransport transport = HttpServletStatelessServerTransport.builder().jsonMapper(json)
                .messageEndpoint(path).securityValidator(security).maxRequestSize(http.maxRequestBytes)
                .contextExtractor(CALLER).build();
        statelessServers.add(factory.buildStateless(transport, served));
        ServletHolder holder = new ServletHolder(path, transport);
        holder.setAsyncSupported(true);
        context.addServlet(holder, path);
        guard(context, http, statelessEra(factory, served, security), path);
    }

    /** The 2026-07-28 revision on the same endpoint as the session revisions (see {@link StatelessEraEndpoint}). */
    private static StatelessEraEndpoint statelessEra(McpServerFactory factory, McpServerFactory.Served served,
            OriginHostCheck security) {
        return new StatelessEraEndpoint(factory.buildStatelessEra(served), security);
    }

    private static Duration shutdownTimeout(BridgeConfig.Http http) {
        try {
            return Duration.ofMillis(Durations.parseMillis(http.shutdownTimeout));
        } catch (IllegalArgumentException e) {
            throw new ConfigException("http.shutdownTimeout: " + e.getMessage());
        }
    }

    /** {@code /health} answers "starting" (503) until {@code started} completes normally. */
    public HttpServer readyWhen(CompletableFuture<?> started) {
        ready = () -> started.isDone() && !started.isCompletedExceptionally();
        return this;
    }

    /** Legacy SSE at {@code /sse} + {@code /message} (every adapter) or {@code /sse/<adapter>} + {@code /message/<adapter>}. */
    private void addSse(ServletContextHandler context, McpServerFactory factory, McpJsonMapper json,
            BridgeConfig.Http http, OriginHostCheck security, String suffix,
            McpServerFactory.Served served) {
        HttpServletSseServerTransportProvider sse = HttpServletSseServerTransportProvider.builder().jsonMapper(json)
                .sseEndpoint("/sse" + suffix).messageEndpoint("/message" + suffix).securityValidator(security)
                .maxRequestSize(http.maxRequestBytes).contextExtractor(CALLER).build();
        servers.add(factory.build(CancellableSessions.wrap(sse, factory.unknownTools(served)), served));
        ServletHolder holder = new ServletHolder("sse" + suffix, sse);
        holder.setAsyncSupported(true);
        context.addServlet(holder, "/sse" + suffix);
        context.addServlet(holder, "/message" + suffix);
        // Legacy SSE is of the session revisions only.
        guard(context, http, null, "/sse" + suffix, "/message" + suffix);
    }

    private void addStreamable(ServletContextHandler context, McpServerFactory factory, McpJsonMapper json,
            BridgeConfig.Http http, OriginHostCheck security, String path,
            McpServerFactory.Served served) {
        HttpServletStreamableServerTransportProvider transport = HttpServletStreamableServerTransportProvider.builder()
                .jsonMapper(json).mcpEndpoint(path).securityValidator(security).maxRequestSize(http.maxRequestBytes)
                .contextExtractor(CALLER).build();
        servers.add(factory.build(CancellableSessions.wrap(transport, factory.unknownTools(served)), served));
        ServletHolder holder = new ServletHolder(path, transport);
        holder.setAsyncSupported(true);
        context.addServlet(holder, path);
        guard(context, http, statelessEra(factory, served, security), path);
    }

    /**
     * Behind the token check, in front of an SDK endpoint: malformed bodies get a 400 and the SDK's error bodies
     * are cleaned (see {@link JsonRpcBodyGuard}).
     */
    private void guard(ServletContextHandler context, BridgeConfig.Http http, StatelessEraEndpoint era,
            String... paths) {
        for (String path : paths) {
            FilterHolder guard = new FilterHolder(new JsonRpcBodyGuard(http.maxRequestBytes, era, limits));
            guard.setAsyncSupported(true);
            context.addFilter(guard, path, EnumSet.of(DispatcherType.REQUEST));
        }
    }

    private static OriginHostCheck security(BridgeConfig.Http http, boolean loopback) {
        List<String> hosts = new ArrayList<>();
        if (!loopback && !isWildcard(http.bind)) {
            hosts.add(http.bind.contains(":") && !http.bind.startsWith("[") ? "[" + http.bind + "]" : http.bind);
        }
        hosts.addAll(http.allowedHosts);
        try {
            // A wildcard bind answers to any name; the required token is then what protects it.
            return new OriginHostCheck(http.allowedOrigins, hosts, !isWildcard(http.bind) || !http.allowedHosts.isEmpty());
        } catch (IllegalArgumentException e) {
            throw new ConfigException("http.allowedOrigins / http.allowedHosts: " + e.getMessage());
        }
    }

    static boolean isWildcard(String bind) {
        return "0.0.0.0".equals(bind) || "::".equals(bind) || "[::]".equals(bind);
    }

    static boolean isLoopback(String bind) {
        if ("localhost".equalsIgnoreCase(bind)) {
            return true;
        }
        try {
            return InetAddress.getByName(bind).isLoopbackAddress();
        } catch (UnknownHostException e) {
            throw new ConfigException("http bind address '" + bind + "' cannot be resolved");
        }
    }

    public HttpServer start() throws Exception {
        try {
            jetty.start();
        } catch (java.io.IOException e) {
            jetty.stop();
            throw new ConfigException(bindFailure(e));
        }
        if (statelessServers.isEmpty()) {
            LOG.info("MCP over HTTP on http://{}:{}/mcp (and /mcp/<adapter>, legacy SSE at /sse and /sse/<adapter>)",
                    host(), port());
        } else {
            LOG.info("MCP over stateless HTTP on http://{}:{}/mcp (and /mcp/<adapter>); no sessions, no legacy SSE",
                    host(), port());
        }
        return this;
    }

    /** Why the address could not be taken, and the flag that changes it. */
    private String bindFailure(java.io.IOException e) {
        ServerConnector connector = (ServerConnector) jetty.getConnectors()[0];
        String host = connector.getHost() == null ? "0.0.0.0" : connector.getHost();
        String address = (host.contains(":") ? "[" + host + "]" : host) + ":" + connector.getPort();
        String cause = e.getCause() == null ? "" : String.valueOf(e.getCause().getMessage()).toLowerCase(java.util.Locale.ROOT);
        if (cause.contains("in use")) {
            return "cannot listen on " + address + ": the address is already in use (another mcp-bridge?); choose "
                    + "another port with --port (or http.port, MCP_BRIDGE_HTTP_PORT; --port 0 picks a free one)";
        }
        if (cause.contains("permission")) {
            return "cannot listen on " + address + ": permission denied (ports below 1024 need privileges); "
                    + "choose another port with --port";
        }
        if (cause.contains("assign")) {
            return "cannot listen on " + address + ": " + host + " is not an address of this machine; choose "
                    + "another with --bind (or http.bind, MCP_BRIDGE_HTTP_BIND)";
        }
        return "cannot listen on " + address + ": " + (cause.isEmpty() ? e.getMessage() : cause)
                + "; change --port or --bind";
    }

    public int port() {
        return ((ServerConnector) jetty.getConnectors()[0]).getLocalPort();
    }

    private String host() {
        String host = ((ServerConnector) jetty.getConnectors()[0]).getHost();
        return host.contains(":") ? "[" + host + "]" : host;
    }

    public void join() throws InterruptedException {
        jetty.join();
    }

    /**
     * Graceful stop, for SIGTERM: refuses new requests (503, not run: HAProxy sends them elsewhere), lets the calls
     * already running finish for up to {@code http.shutdownTimeout}, then closes.
     */
    public void drainAndClose() {
        drain();
        close();
    }

    /**
     * Refuses new requests (503, not run) and waits, at most {@code http.shutdownTimeout}, for the calls already
     * running to finish; {@link #close()} is the next step.
     */
    public void drain() {
        int running = drain.inFlight();
        if (running > 0) {
            LOG.info("shutting down: waiting up to {} for {} call(s) in flight", human(shutdownTimeout),
                    running);
        }
        try {
            int left = drain.drain(shutdownTimeout);
            if (left > 0) {
                LOG.warn("shutting down: {} call(s) still running after {} are stopped", left,
                        human(shutdownTimeout));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String human(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
    }

    @Override
    public void close() {
        // All endpoints close together, and briefly: a client still connected is not worth delaying exit for.
        try {
            reactor.core.publisher.Flux.concat(reactor.core.publisher.Flux.fromIterable(servers)
                    .flatMap(McpAsyncServer::closeGracefully), reactor.core.publisher.Flux.fromIterable(statelessServers)
                    .flatMap(McpStatelessAsyncServer::closeGracefully))
                    .then().block(java.time.Duration.ofMillis(500));
        } catch (RuntimeException e) {
            LOG.debug("MCP servers did not close gracefully", e);
        }
        try {
            jetty.stop();
        } catch (Exception e) {
            LOG.debug("Jetty did not stop cleanly", e);
        }
    }
}
