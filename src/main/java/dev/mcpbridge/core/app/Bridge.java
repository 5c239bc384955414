package dev.mcpbridge.core.app;

import dev.mcpbridge.core.adapter.AdapterCatalog;
import dev.mcpbridge.core.adapter.AdapterDescriptor;
import dev.mcpbridge.core.adapter.AdapterLoader;
import dev.mcpbridge.core.spi.Durations;
import dev.mcpbridge.core.camel.CamelRuntime;
import dev.mcpbridge.core.camel.WorkflowReferences;
import dev.mcpbridge.core.config.AuditFiles;
import dev.mcpbridge.core.config.BridgeConfig;
import dev.mcpbridge.core.config.ConfigException;
import dev.mcpbridge.core.config.ConfigNames;
import dev.mcpbridge.core.config.ConfigLoader;
import dev.mcpbridge.core.config.SettingChecks;
import dev.mcpbridge.core.config.SettingsBinder;
import dev.mcpbridge.core.config.SettingsResolver;
import dev.mcpbridge.core.discovery.DiscoveryTools;
import dev.mcpbridge.core.invoke.CamelCaller;
import dev.mcpbridge.core.pipeline.CallMetrics;
import dev.mcpbridge.core.pipeline.CallPipeline;
import dev.mcpbridge.core.pipeline.Failures;
import dev.mcpbridge.core.invoke.ResultMapper;
import dev.mcpbridge.core.invoke.ToolInvoker;
import dev.mcpbridge.core.invoke.WorkflowSteps;
import dev.mcpbridge.core.mcp.FeatureInvoker;
import dev.mcpbridge.core.mcp.McpServerFactory;
import dev.mcpbridge.core.registry.Profiles;
import dev.mcpbridge.core.registry.ToolRegistry;
import dev.mcpbridge.core.registry.ToolSelection;
import dev.mcpbridge.core.spi.Secrets;
import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.json.schema.JsonSchemaValidator;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The composition root: from a configuration to served adapters, their tools, a Camel runtime and an MCP server
 * factory. Knows no particular adapter.
 */
public final class Bridge implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Bridge.class);

    static {
        // A call cancelled or answered otherwise may still fail later (its worker interrupted, Camel stopping):
        // nobody waits for that error any more. Reactor would log it at ERROR with its stack trace.
        reactor.core.publisher.Hooks.onErrorDropped(e -> LOG.debug("a failure after its call was over: {}", e.toString()));
    }

    private final Secrets secrets;
    private final List<AdapterDescriptor> served;
    private final ToolRegistry registry;
    private final CamelRuntime camel;
    private final ExecutorService workers;
    private final ToolInvoker invoker;
    private final McpServerFactory serverFactory;
    private final java.util.concurrent.atomic.AtomicBoolean camelStarting = new java.util.concurrent.atomic.AtomicBoolean();
    private final Map<String, java.util.function.Supplier<String>> notServed;
    private final CallMetrics metrics;
    private final boolean discovery;
    private final JsonSchemaValidator validator;
    private final Profiles profiles;

    private Bridge(Secrets secrets, List<AdapterDescriptor> served, ToolRegistry registry, CamelRuntime camel,
            ExecutorService workers, ToolInvoker invoker, McpServerFactory serverFactory,
            Map<String, java.util.function.Supplier<String>> notServed, CallMetrics metrics, boolean discovery,
            JsonSchemaValidator validator, Profiles profiles) {
        this.metrics = metrics;
        this.discovery = discovery;
        this.validator = validator;
        this.profiles = profiles;
        this.notServed = Map.copyOf(notServed);
        this.secrets = secrets;
        this.served = served;
        this.registry = registry;
        this.camel = camel;
        this.workers = workers;
        this.invoker = invoker;
        this.serverFactory = serverFactory;
    }

    /**
     * @param overrides {@code adapter.setting=value} flags, winning over the environment and the file
     * @param env the process environment (or a test's)
     */
    public static Bridge create(BridgeConfig config, Map<String, String> overrides, Map<String, String> env) {
        return create(config, overrides, env, List.of());
    }

    /**
     * @param positional the command line's positional arguments, given to the positional setting of each served
     *     adapter that has one (the filesystem and quickfiles adapters' directories)
     */
    public static Bridge create(BridgeConfig config, Map<String, String> overrides, Map<String, String> env,
            List<String> positional) {
        Secrets secrets = new Secrets();
        // The HTTP token is a secret like any adapter's: masked everywhere, kept from child processes.
        secrets.add("MCP_BRIDGE_HTTP_TOKEN", config.http.token);
        JsonSchemaValidator validator = McpJsonDefaults.getSchemaValidator();
        McpJsonMapper json = McpJsonDefaults.getMapper();
        List<Path> folders = config.adapterFolders.stream().map(Path::of).toList();
        java.util.Set<String> withSettings = ConfigNames.withSettings(config, overrides);
        AdapterCatalog catalog = new AdapterCatalog(new AdapterLoader(validator),
                name -> withSettings.contains(name) || (config.adapters.isEmpty() || config.adapters.contains(name))
                        && !config.disabledAdapters.contains(name));
        List<AdapterDescriptor> all = catalog.load(folders);
        ConfigNames.check(config, overrides, catalog.names(), all);
        // Every known adapter's secrets, served or not, and whatever merely looks like one: kept from child
        // processes, masked in results, logs and histories.
        catalog.skippedSecretEnvironment().forEach(name -> secrets.add(name, env.get(name)));
        secrets.addLookingSecret(env);
        SettingsResolver resolver = new SettingsResolver(config, env,
                withPositional(all, config, overrides, positional), secrets)
                .fromArguments(positional.isEmpty() ? java.util.Set.of() : positionalTargets(all, config));
        Map<String, Map<String, String>> settings = new LinkedHashMap<>();
        Map<String, java.util.function.Supplier<String>> notServed = new java.util.TreeMap<>();
        List<AdapterDescriptor> served = select(all, config, resolver, settings, notServed);
        for (AdapterDescriptor adapter : served) {
            SettingChecks.check(adapter, settings.get(adapter.name()), setting -> resolver.place(adapter.name(), setting));
        }
        long timeout = millis(config.origins().where("timeout"), config.timeout);
        Map<String, Long> toolTimeouts = new LinkedHashMap<>();
        config.toolTimeouts.forEach((tool, value) -> toolTimeouts.put(tool,
                millis(config.origins().where("toolTimeouts." + tool), value)));
        ToolRegistry registry = ToolRegistry.build(served,
                new ToolSelection(config.tools, config.excludeTools, config.readOnly, timeout, toolTimeouts), settings,
                resolver::place);
        Map<String, Map<Class<?>, Object>> bound = new LinkedHashMap<>();
        for (AdapterDescriptor adapter : served) {
            bound.put(adapter.name(), SettingsBinder.bind(adapter, settings.get(adapter.name()),
                    setting -> resolver.place(adapter.name(), setting)));
        }
        Map<String, String> withArguments = withPositional(all, config, overrides, positional);
        CallPipeline pipeline = new CallPipeline(served, secrets, auditFiles(config, served, settings), env::get);
        CamelRuntime camel = new CamelRuntime(served, settings, bound, secrets)
                .restartsWith(adapter -> reread(adapter, config, env, withArguments, secrets))
                .withPipeline(pipeline, registry.tools().stream()
                        .map(t -> new CallPipeline.Tool(t.adapter(), t.exposedName(), t.spec().name(),
                                t.spec().endpoint())).toList());
        ExecutorService workers = Executors.newCachedThreadPool(daemonThreads("tool-call"));
        CamelCaller caller = new CamelCaller(camel, workers);
        ToolInvoker invoker = new ToolInvoker(caller, validator, new ResultMapper(validator), secrets,
                accessRules(config, catalog.names(), all, registry), dev.mcpbridge.core.auth.CallLimits.from(config));
        WorkflowReferences.check(served, name -> registry.find(name).isPresent(),
                registry.tools().stream().map(t -> t.exposedName()).toList());
        camel.withToolCalls(new WorkflowSteps(invoker, registry));
        FeatureInvoker features = new FeatureInvoker(caller, new Failures(secrets), Duration.ofMillis(timeout));
        McpServerFactory factory = new McpServerFactory(Version.current(), json, invoker, features,
                Duration.ofMillis(timeout).plusSeconds(30));
        return new Bridge(secrets, served, registry, camel, workers, invoker, factory, notServed, pipeline.metrics(),
                config.discovery, validator, Profiles.of(config, registry));
    }

    /** The rules, their names checked against every adapter, toolset and tool known, served or not. */
    private static dev.mcpbridge.core.auth.AccessRules accessRules(BridgeConfig config, java.util.Set<String> adapters,
            List<AdapterDescriptor> loaded, ToolRegistry registry) {
        java.util.Set<String> toolsets = new java.util.TreeSet<>();
        java.util.Set<String> tools = new java.util.TreeSet<>();
        loaded.forEach(a -> a.tools().forEach(t -> {
            tools.add(t.name());
            if (t.toolset() != null) {
                toolsets.add(t.toolset());
            }
        }));
        registry.tools().forEach(t -> tools.add(t.exposedName()));
        return dev.mcpbridge.core.auth.AccessRules.from(config, adapters, toolsets, tools);
    }

    /**
     * Where audit lines go: the bridge's audit log (key null) for every call, and an adapter's own audit file (its
     * setting of kind auditFile) for that adapter's calls.
     */
    private static Map<String, java.nio.file.Path> auditFiles(BridgeConfig config, List<AdapterDescriptor> served,
            Map<String, Map<String, String>> settings) {
        Map<String, java.nio.file.Path> files = new java.util.HashMap<>();
        files.put(null, AuditFiles.path(config.auditLog));
        for (AdapterDescriptor adapter : served) {
            adapter.settings().values().stream().filter(s -> "auditFile".equals(s.kind()))
                    .map(s -> AuditFiles.path(settings.get(adapter.name()).get(s.name())))
                    .filter(java.util.Objects::nonNull).findFirst()
                    .ifPresent(file -> files.put(adapter.name(), file));
        }
        return files;
    }

    /**
     * One adapter's settings read again for a restart: the configuration file (when there is one) read anew, with
     * the environment and the command line over it as at start.
     */
    private static CamelRuntime.Resolved reread(AdapterDescriptor adapter, BridgeConfig config,
            Map<String, String> env, Map<String, String> overrides, Secrets secrets) {
        BridgeConfig file = config.source == null ? config : new ConfigLoader(env).load(config.source);
        SettingsResolver resolver = new SettingsResolver(file, env, overrides, secrets);
        Map<String, String> values = resolver.resolve(adapter);
        List<String> missing = SettingsResolver.missing(adapter, values);
        if (!missing.isEmpty()) {
            throw new ConfigException("adapter '" + adapter.name() + "' needs " + String.join(", ", missing));
        }
        adapter.settings().keySet().forEach(name -> values.putIfAbsent(name, ""));
        return new CamelRuntime.Resolved(values, SettingsBinder.bind(adapter, values,
                setting -> resolver.place(adapter.name(), setting)));
    }

    private static List<AdapterDescriptor> select(List<AdapterDescriptor> all, BridgeConfig config,
            SettingsResolver resolver, Map<String, Map<String, String>> settings,
            Map<String, java.util.function.Supplier<String>> notServed) {
        Map<String, AdapterDescriptor> byName = new LinkedHashMap<>();
        all.forEach(a -> byName.put(a.name(), a));
        List<AdapterDescriptor> served = new ArrayList<>();
        List<AdapterDescriptor> candidates = config.adapters.isEmpty() ? all
                : config.adapters.stream().map(byName::get).toList();
        for (AdapterDescriptor adapter : candidates) {
            if (config.disabledAdapters.contains(adapter.name())) {
                continue;
            }
            Map<String, String> values = resolver.resolve(adapter);
            boolean named = config.adapters.contains(adapter.name());
            if (!named && !adapter.activatedBy().isEmpty()
                    && adapter.activatedBy().stream().allMatch(s -> values.getOrDefault(s, "").isBlank())) {
                String hint = "set " + String.join(" or ", adapter.activatedBy().stream()
                        .map(s -> adapter.settings().get(s).env() == null ? adapter.name() + "." + s
                                : adapter.settings().get(s).env()).toList()) + ", or ask for it with --adapter "
                        + adapter.name();
                // Asking for it helps only where it can run: `tools` says so when it cannot (checked when listed).
                notServed.put(adapter.name(), AdapterAvailability.lazyReason(adapter, values, hint));
                continue;
            }
            List<String> missing = SettingsResolver.missing(adapter, values);
            if (!missing.isEmpty()) {
                if (config.adapters.contains(adapter.name())) {
                    throw new ConfigException("adapter '" + adapter.name() + "' needs " + String.join(", ", missing));
                }
                String needs = "needs " + String.join(", ", missing);
                notServed.put(adapter.name(), () -> needs);
                continue;
            }
            String unavailable = AdapterAvailability.unavailable(adapter, values);
            if (unavailable != null) {
                if (named) {
                    throw new ConfigException(adapter.source() + ": adapter '" + adapter.name()
                            + "' cannot be served here: " + unavailable);
                }
                notServed.put(adapter.name(), () -> unavailable);
                continue;
            }
            // Optional settings left unset are empty properties, so routes that mention them still start.
            adapter.settings().keySet().forEach(name -> values.putIfAbsent(name, ""));
            settings.put(adapter.name(), values);
            served.add(adapter);
        }
        // Adapters nobody asked for are not worth a warning on every run: `tools` lists them, debug logs them.
        if (LOG.isDebugEnabled()) {
            notServed.forEach((name, why) -> LOG.debug("adapter '{}' is not served: {}", name, why.get()));
        }
        return List.copyOf(served);
    }

    private static Map<String, String> withPositional(List<AdapterDescriptor> all, BridgeConfig config,
            Map<String, String> overrides, List<String> positional) {
        if (positional.isEmpty()) {
            return overrides;
        }
        java.util.Set<String> targets = positionalTargets(all, config);
        if (targets.isEmpty()) {
            throw new ConfigException("unexpected arguments " + positional
                    + ": no served adapter takes positional arguments");
        }
        // Served together, the adapters that take them (filesystem's and quickfiles' directories) all get them.
        Map<String, String> merged = new LinkedHashMap<>(overrides);
        targets.forEach(target -> merged.put(target, String.join("\n", positional)));
        return merged;
    }

    /** The settings the positional arguments set: every served adapter's positional one. */
    private static java.util.Set<String> positionalTargets(List<AdapterDescriptor> all, BridgeConfig config) {
        java.util.Set<String> targets = new java.util.LinkedHashSet<>();
        for (AdapterDescriptor adapter : all) {
            boolean candidate = (config.adapters.isEmpty() || config.adapters.contains(adapter.name()))
                    && !config.disabledAdapters.contains(adapter.name());
            adapter.settings().values().stream().filter(s -> s.positional() && candidate)
                    .forEach(s -> targets.add(adapter.name() + "." + s.name()));
        }
        return targets;
    }

    private static long millis(String field, String value) {
        try {
            return Durations.parseMillis(value);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(field + ": " + e.getMessage());
        }
    }

    static java.util.concurrent.ThreadFactory daemonThreads(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    /** Starts booting Camel and the adapters' routes on a background thread; later calls do nothing. */
    public Bridge startCamelInBackground() {
        if (camelStarting.compareAndSet(false, true)) {
            camel.startInBackground();
        }
        return this;
    }

    public List<AdapterDescriptor> served() {
        return served;
    }

    /** Adapters found but not served although nobody excluded them, each with what would serve it. */
    public Map<String, String> notServed() {
        Map<String, String> reasons = new java.util.TreeMap<>();
        notServed.forEach((name, why) -> reasons.put(name, why.get()));
        return reasons;
    }

    public ToolRegistry registry() {
        return registry;
    }

    public ToolInvoker invoker() {
        return invoker;
    }

    public CamelRuntime camel() {
        return camel;
    }

    /** Per-tool metrics of the call route, for {@code GET /metrics}. */
    public CallMetrics metrics() {
        return metrics;
    }

    public Secrets secrets() {
        return secrets;
    }

    public McpServerFactory serverFactory() {
        return serverFactory;
    }

    /** Everything served together, for stdio and {@code /mcp}. */
    public McpServerFactory.Served all() {
        return discovering(new McpServerFactory.Served("mcp-bridge", registry, served));
    }

    private McpServerFactory.Served discovering(McpServerFactory.Served endpoint) {
        return discovery ? endpoint.discovering(DiscoveryTools.over(endpoint.registry(), validator)) : endpoint;
    }

    /** Every profile of the configuration by name, for {@code /mcp/p/<profile>}. */
    public Map<String, McpServerFactory.Served> profiles() {
        Map<String, McpServerFactory.Served> endpoints = new LinkedHashMap<>();
        profiles.views().forEach((name, view) -> endpoints.put(name, served(view)));
        return endpoints;
    }

    /** One profile, for {@code --profile} on stdio; an unknown name is a configuration error naming the known ones. */
    public McpServerFactory.Served profile(String name) {
        return served(profiles.named(name, "--profile"));
    }

    private McpServerFactory.Served served(Profiles.View view) {
        // A profile's workflows reach only the profile's tools: it is all its callers may call.
        McpServerFactory.Served endpoint = new McpServerFactory.Served("mcp-bridge-" + view.name(), view.registry(),
                served.stream().filter(a -> view.adapters().contains(a.name())).toList(), view.registry());
        return view.discovery() ? endpoint.discovering(DiscoveryTools.over(view.registry(), validator)) : endpoint;
    }

    /** One adapter alone, for {@code /mcp/<adapter>}. */
    public McpServerFactory.Served only(AdapterDescriptor adapter) {
        // Alone on its endpoint, an adapter's workflows still reach the other tools its caller may call on /mcp.
        return discovering(new McpServerFactory.Served("mcp-bridge-" + adapter.name(),
                registry.forAdapter(adapter.name()), List.of(adapter), registry));
    }

    @Override
    public void close() {
        camel.close();
        workers.shutdownNow();
    }
}
