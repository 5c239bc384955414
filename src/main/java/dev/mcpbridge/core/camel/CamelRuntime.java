package dev.mcpbridge.core.camel;

import dev.mcpbridge.core.adapter.AdapterDescriptor;
import dev.mcpbridge.core.adapter.DescriptorException;
import dev.mcpbridge.core.pipeline.CallPipeline;
import dev.mcpbridge.core.spi.AdapterRestarts;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.model.ModelCamelContext;
import org.apache.camel.model.RouteDefinition;
import org.apache.camel.model.errorhandler.DefaultErrorHandlerDefinition;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Camel context that runs every served adapter's routes. It boots in the background so that
 * {@code initialize} and {@code tools/list} are answered from the descriptors alone; the first call waits for it.
 * Adapter settings are Camel properties named {@code <adapter>.<setting>}, so routes write {@code {{<adapter>.<setting>}}}.
 */
public final class CamelRuntime implements AutoCloseable, AdapterRestarts {

    private static final Logger LOG = LoggerFactory.getLogger(CamelRuntime.class);

    private final List<AdapterDescriptor> adapters;
    private final Properties properties = new Properties();
    private final CompletableFuture<Started> started = new CompletableFuture<>();
    private volatile CamelContext context;

    /** The started context and the one template every call goes through (templates are thread-safe). */
    public record Started(CamelContext context, ProducerTemplate template) {
    }

    /** Name under which {@link dev.mcpbridge.core.spi.Secrets} is in the Camel registry ({@code #bean:mcpSecrets}). */
    public static final String SECRETS_BEAN = "mcpSecrets";

    private final dev.mcpbridge.core.spi.Secrets secrets;

    private final Map<String, Map<Class<?>, Object>> boundSettings;
    private final List<AutoCloseable> services = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final Map<String, ServiceWiring> wirings = new java.util.concurrent.ConcurrentHashMap<>();
    /** By adapter, the routes its routes file made, to reload them on a restart. */
    private final Map<String, List<RouteDefinition>> routeDefinitions = new java.util.concurrent.ConcurrentHashMap<>();
    private final Properties overrides = new Properties();
    private volatile Function<AdapterDescriptor, Resolved> settingsSource;
    private CallPipeline pipeline;
    private List<CallPipeline.Tool> pipelineTools = List.of();
    private volatile ToolCalls toolCalls;

    /** An adapter's settings read again: as properties for its routes, and as the records its services take. */
    public record Resolved(Map<String, String> values, Map<Class<?>, Object> bound) {
    }

    public CamelRuntime(List<AdapterDescriptor> adapters, Map<String, Map<String, String>> settingsByAdapter,
            dev.mcpbridge.core.spi.Secrets secrets) {
        this(adapters, settingsByAdapter, Map.of(), secrets);
    }

    /**
     * @param boundSettings by adapter, the settings records its services take (see
     *     {@link dev.mcpbridge.core.config.SettingsBinder})
     */
    public CamelRuntime(List<AdapterDescriptor> adapters, Map<String, Map<String, String>> settingsByAdapter,
            Map<String, Map<Class<?>, Object>> boundSettings, dev.mcpbridge.core.spi.Secrets secrets) {
        this.adapters = adapters;
        this.secrets = secrets;
        this.boundSettings = boundSettings;
        settingsByAdapter.forEach((adapter, values) -> values.forEach((k, v) -> properties.put(adapter + "." + k, v)));
    }

    /**
     * Lets {@link #restart} read an adapter's settings again; without it, restarts fail with a message.
     *
     * @param source reads one adapter's settings afresh; throws when they are wrong
     */
    public CamelRuntime restartsWith(Function<AdapterDescriptor, Resolved> source) {
        this.settingsSource = source;
        return this;
    }

    /**
     * Every call of these tools goes through the call route ({@code routes/call.yaml}), made once per tool when
     * Camel boots; the pipeline is closed with the runtime.
     */
    public CamelRuntime withPipeline(CallPipeline pipeline, List<CallPipeline.Tool> tools) {
        this.pipeline = pipeline;
        this.pipelineTools = List.copyOf(tools);
        return this;
    }

    /** Lets routes call served tools as steps ({@code tool:<name>}, see {@link ToolComponent}). */
    public CamelRuntime withToolCalls(ToolCalls calls) {
        this.toolCalls = calls;
        return this;
    }

    /** Starts booting on a background thread; failures complete {@link #started()} exceptionally. */
    public CamelRuntime startInBackground() {
        Thread boot = new Thread(this::boot, "camel-boot");
        boot.setDaemon(true);
        boot.start();
        return this;
    }

    /** Boots on the calling thread; throws a {@link DescriptorException} naming the route file that failed. */
    public CamelRuntime startNow() {
        boot();
        try {
            started.join();
        } catch (java.util.concurrent.CompletionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : e;
        }
        return this;
    }

    public CompletableFuture<Started> started() {
        return started;
    }

    private void boot() {
        long t0 = System.nanoTime();
        try {
            DefaultCamelContext ctx = new DefaultCamelContext();
            ctx.getCamelContextExtension().setName("mcp-bridge");
            ctx.getPropertiesComponent().setInitialProperties(properties);
            ctx.getPropertiesComponent().setOverrideProperties(overrides);
            // A failed exchange reaches its caller as a tool error; Camel's own ERROR log with the internal
            // message and stack trace would only duplicate it (the invoker logs what the operator needs).
            ctx.getCamelContextExtension().setErrorHandlerFactory(new DefaultErrorHandlerDefinition().logExhausted(false));
            // Services that start processes take it to scrub secrets from children's environments.
            ctx.getRegistry().bind(SECRETS_BEAN, secrets);
            // A route's bean step takes a call's arguments (the body, or a property holding them) the way a handler
            // method does, as Arguments: one typed way in for arguments, never a raw map.
            ctx.getTypeConverterRegistry().addTypeConverter(dev.mcpbridge.core.spi.Arguments.class, Map.class,
                    new org.apache.camel.support.TypeConverterSupport() {
                        @Override
                        @SuppressWarnings("unchecked")
                        public <T> T convertTo(Class<T> type, org.apache.camel.Exchange exchange, Object value) {
                            return type.cast(new dev.mcpbridge.core.spi.Arguments((Map<String, Object>) value));
                        }
                    });
            if (toolCalls != null) {
                ctx.addComponent("tool", new ToolComponent(toolCalls));
            }
            context = ctx;
            for (AdapterDescriptor adapter : adapters) {
                // Services first: the adapter's own routes may call them as beans.
                ServiceWiring wiring = new ServiceWiring(adapter, boundSettings.getOrDefault(adapter.name(), Map.of()),
                        secrets, this);
                wirings.put(adapter.name(), wiring);
                services.addAll(wiring.register(ctx));
                try {
                    loadRoutes(ctx, adapter);
                } catch (Exception e) {
                    throw new DescriptorException(where(adapter, e) + rootMessage(e), e);
                }
                try {
                    ctx.addRoutes(wiring.handlerRoutes());
                } catch (Exception e) {
                    throw new DescriptorException(adapter.source() + ": " + rootMessage(e), e);
                }
            }
            if (pipeline != null) {
                try {
                    pipeline.install(ctx, pipelineTools);
                } catch (Exception e) {
                    throw new DescriptorException(CallPipeline.ROUTES + ": " + rootMessage(e), e);
                }
            }
            try {
                ctx.start();
            } catch (Exception e) {
                throw new DescriptorException("the routes could not start: " + rootMessage(e), e);
            }
            ProducerTemplate template = ctx.createProducerTemplate();
            LOG.debug("Camel started in {} ms", (System.nanoTime() - t0) / 1_000_000);
            started.complete(new Started(ctx, template));
        } catch (RuntimeException e) {
            started.completeExceptionally(e);
        }
    }

    /** Loads the adapter's routes file, remembering the routes it made. */
    private void loadRoutes(CamelContext ctx, AdapterDescriptor adapter) throws Exception {
        if (!hasRoutes(adapter.routesYaml())) {
            return;
        }
        List<RouteDefinition> before = List.copyOf(((ModelCamelContext) ctx).getRouteDefinitions());
        PluginHelper.getRoutesLoader(ctx).loadRoutes(ResourceHelper.fromString(adapter.name() + ".yaml",
                adapter.routesYaml()));
        List<RouteDefinition> made = new java.util.ArrayList<>();
        for (RouteDefinition d : ((ModelCamelContext) ctx).getRouteDefinitions()) {
            if (before.stream().noneMatch(b -> b == d)) {
                made.add(d);
            }
        }
        routeDefinitions.put(adapter.name(), made);
    }

    @Override
    public synchronized Outcome restart(String name) {
        AdapterDescriptor adapter = adapters.stream().filter(a -> a.name().equals(name)).findFirst().orElse(null);
        if (adapter == null) {
            return new Outcome(name, Status.NOT_SERVED, "not served by this bridge (served: "
                    + adapters.stream().map(AdapterDescriptor::name).toList() + ")");
        }
        Function<AdapterDescriptor, Resolved> source = settingsSource;
        CamelContext ctx = context;
        if (source == null || ctx == null || !started.isDone() || started.isCompletedExceptionally()) {
            return new Outcome(name, Status.FAILED, "restarts are not available in this bridge");
        }
        List<AutoCloseable> old;
        try {
            Resolved fresh = source.apply(adapter);
            old = wirings.get(name).rebuild(ctx, fresh.bound());
            fresh.values().forEach((k, v) -> overrides.put(name + "." + k, v));
            List<RouteDefinition> routes = routeDefinitions.getOrDefault(name, List.of());
            if (!routes.isEmpty()) {
                // Stops them (letting running calls finish) and removes them, to be loaded with the new settings.
                ((ModelCamelContext) ctx).removeRouteDefinitions(routes);
            }
            loadRoutes(ctx, adapter);
        } catch (Exception e) {
            return new Outcome(name, Status.FAILED, rootMessage(e));
        }
        for (AutoCloseable service : old) {
            services.remove(service);
            try {
                service.close();
            } catch (Exception e) {
                LOG.debug("a service of {} did not stop cleanly", name, e);
            }
        }
        services.addAll(wirings.get(name).closeable());
        LOG.info("adapter '{}' restarted", name);
        return new Outcome(name, Status.RESTARTED, "settings read again, services rebuilt"
                + (routeDefinitions.getOrDefault(name, List.of()).isEmpty() ? "" : ", routes reloaded"));
    }

    private static boolean hasRoutes(String yaml) {
        return yaml != null && !yaml.lines().map(String::strip).allMatch(l -> l.isEmpty() || l.startsWith("#"));
    }

    /**
     * A service that refuses its settings while its beans are created says so with a ToolException: that is the
     * operator's configuration, not the routes file, so the adapter is named instead (or nothing, when the message
     * already names the setting, {@code filesystem.directories: ...}).
     */
    private static String where(AdapterDescriptor adapter, Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        if (!(root instanceof dev.mcpbridge.core.spi.ToolException)) {
            return adapter.routesSource() + ": ";
        }
        return String.valueOf(root.getMessage()).startsWith(adapter.name() + ".") ? ""
                : "adapter '" + adapter.name() + "': ";
    }

    static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        String message = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
        return message.lines().limit(6).reduce((a, b) -> a + " " + b.trim()).orElse(message);
    }

    @Override
    public void close() {
        CamelContext ctx = context;
        if (ctx != null) {
            try {
                ctx.close();
            } catch (Exception e) {
                LOG.debug("Camel did not stop cleanly", e);
            }
        }
        if (pipeline != null) {
            pipeline.close();
        }
        List<AutoCloseable> reversed = new java.util.ArrayList<>(services);
        java.util.Collections.reverse(reversed);
        for (AutoCloseable service : reversed) {
            try {
                service.close();
            } catch (Exception e) {
                LOG.debug("a service did not stop cleanly", e);
            }
        }
    }
}
