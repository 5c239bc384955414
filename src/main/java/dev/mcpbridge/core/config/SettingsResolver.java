package dev.mcpbridge.core.config;

import dev.mcpbridge.core.adapter.AdapterDescriptor;
import dev.mcpbridge.core.adapter.AdapterDescriptor.SettingSpec;
import dev.mcpbridge.core.spi.Secrets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Resolves each adapter setting: its default, then the config file's {@code settings.<adapter>.<name>}, then its
 * environment variable, then {@code --set adapter.name=value} flags; later wins. Secret values are registered with
 * {@link Secrets} so they never leave the bridge.
 */
public final class SettingsResolver {

    private java.util.Set<String> fromArguments = java.util.Set.of();
    private final BridgeConfig config;
    private final Map<String, String> env;
    private final Map<String, String> overrides;
    private final Secrets secrets;
    /** Adapter, then setting, to where its value was set (see {@link #place}). */
    private final Map<String, Map<String, String>> places = new java.util.concurrent.ConcurrentHashMap<>();

    public SettingsResolver(BridgeConfig config, Map<String, String> env, Map<String, String> overrides,
            Secrets secrets) {
        this.config = config;
        this.env = env;
        this.overrides = overrides;
        this.secrets = secrets;
    }

    /** The resolved values by setting name; absent settings without default are left out. */
    public Map<String, String> resolve(AdapterDescriptor adapter) {
        Map<String, Object> fromFile = config.settings.getOrDefault(adapter.name(), Map.of());
        for (String key : fromFile.keySet()) {
            if (!adapter.settings().containsKey(key)) {
                throw new ConfigException("settings." + adapter.name() + "." + key + ": unknown setting of adapter '"
                        + adapter.name() + "' (known: " + adapter.settings().keySet() + ")");
            }
        }
        Map<String, String> values = new LinkedHashMap<>();
        Map<String, String> where = new LinkedHashMap<>();
        for (SettingSpec spec : adapter.settings().values()) {
            Optional<String> value = Optional.ofNullable(spec.defaultValue());
            String path = adapter.name() + "." + spec.name();
            Object file = fromFile.get(spec.name());
            if (file != null) {
                value = Optional.of(file instanceof List<?> list ? String.join("\n", list.stream().map(String::valueOf).toList())
                        : String.valueOf(file));
                if (config.source != null) {
                    where.put(spec.name(), config.origins().where("settings." + path));
                }
            }
            if (spec.env() != null && env.get(spec.env()) != null && !env.get(spec.env()).isEmpty()) {
                value = Optional.of(env.get(spec.env()));
                where.put(spec.name(), "environment variable " + spec.env() + " (setting " + path + ")");
            }
            String flag = overrides.get(path);
            if (flag != null) {
                value = Optional.of(flag);
                where.put(spec.name(), fromArguments.contains(path)
                        ? "the command-line arguments (setting " + path + ")" : "--set " + path);
            }
            if (spec.secret()) {
                secrets.add(spec.env(), value.orElse(null));
            }
            value.ifPresent(v -> values.put(spec.name(), v));
        }
        places.put(adapter.name(), where);
        return values;
    }

    /** Settings whose value came from the positional command-line arguments, not from {@code --set}. */
    public SettingsResolver fromArguments(java.util.Set<String> paths) {
        fromArguments = java.util.Set.copyOf(paths);
        return this;
    }

    /**
     * Where the operator set the value of {@code setting} last resolved for {@code adapter}, as the prefix of an
     * error about it: {@code mcp-bridge.yaml:5:16: settings.searxng.timeoutMs}, {@code environment variable
     * SEARXNG_TIMEOUT_MS (setting searxng.timeoutMs)} or {@code --set searxng.timeoutMs}; null for a default.
     */
    public String place(String adapter, String setting) {
        return places.getOrDefault(adapter, Map.of()).get(setting);
    }

    /** The required settings that have no value, described for the operator. */
    public static List<String> missing(AdapterDescriptor adapter, Map<String, String> values) {
        List<String> missing = new ArrayList<>();
        for (SettingSpec spec : adapter.settings().values()) {
            if (spec.required() && !values.containsKey(spec.name())) {
                missing.add(adapter.name() + "." + spec.name()
                        + (spec.env() == null ? "" : " (environment variable " + spec.env() + ")"));
            }
        }
        return missing;
    }
}
