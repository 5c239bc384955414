package dev.mcpbridge.core.config;

import dev.mcpbridge.core.adapter.AdapterDescriptor;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Refuses names that match nothing — an adapter in {@code adapters}, {@code disabledAdapters}, {@code settings} or
 * a {@code --set} flag, a setting in {@code settings.<adapter>} or {@code --set} — so that a typo stops start-up with
 * the place to fix instead of silently serving something else.
 */
public final class ConfigNames {

    private ConfigNames() {
    }

    /** Adapters the configuration gives settings to: they are read too, so their setting names can be checked. */
    public static Set<String> withSettings(BridgeConfig config, Map<String, String> overrides) {
        Set<String> names = new HashSet<>(config.settings.keySet());
        overrides.keySet().forEach(key -> names.add(key.substring(0, Math.max(0, key.indexOf('.')))));
        return names;
    }

    /**
     * @param known every adapter found, read or not
     * @param read the adapters read, which include all named in settings and flags
     */
    public static void check(BridgeConfig config, Map<String, String> overrides, Collection<String> known,
            List<AdapterDescriptor> read) {
        ConfigOrigins origins = config.origins();
        adapterList(origins, "adapters", config.adapters, known);
        adapterList(origins, "disabledAdapters", config.disabledAdapters, known);
        for (Map.Entry<String, Map<String, Object>> entry : config.settings.entrySet()) {
            String adapter = entry.getKey();
            String path = "settings." + adapter;
            if (!known.contains(adapter)) {
                throw new ConfigException(origins.where(path) + ": " + noAdapter(adapter, known));
            }
            Map<String, Object> values = entry.getValue() == null ? Map.of() : entry.getValue();
            for (String setting : values.keySet()) {
                descriptor(read, adapter).ifPresent(d -> {
                    if (!d.settings().containsKey(setting)) {
                        throw new ConfigException(origins.where(path + "." + setting) + ": " + noSetting(d, setting));
                    }
                });
            }
        }
        for (String key : overrides.keySet()) {
            int dot = key.indexOf('.');
            String adapter = key.substring(0, dot);
            String setting = key.substring(dot + 1);
            if (!known.contains(adapter)) {
                throw new ConfigException("--set " + key + ": " + noAdapter(adapter, known));
            }
            descriptor(read, adapter).ifPresent(d -> {
                if (!d.settings().containsKey(setting)) {
                    throw new ConfigException("--set " + key + ": " + noSetting(d, setting));
                }
            });
        }
    }

    private static void adapterList(ConfigOrigins origins, String field, List<String> names, Collection<String> known) {
        for (int i = 0; i < names.size(); i++) {
            if (!known.contains(names.get(i))) {
                throw new ConfigException(origins.where(field + "[" + i + "]") + ": " + noAdapter(names.get(i), known));
            }
        }
    }

    private static java.util.Optional<AdapterDescriptor> descriptor(List<AdapterDescriptor> read, String name) {
        return read.stream().filter(d -> d.name().equals(name)).findFirst();
    }

    private static String noAdapter(String name, Collection<String> known) {
        return "there is no adapter named '" + name + "'" + Suggestions.didYouMean(name, known) + "; known adapters: "
                + String.join(", ", known.stream().sorted().toList())
                + " (user adapters come from --adapters-dir or adapterFolders)";
    }

    private static String noSetting(AdapterDescriptor adapter, String setting) {
        return "adapter '" + adapter.name() + "' has no setting '" + setting + "'"
                + Suggestions.didYouMean(setting, adapter.settings().keySet()) + "; its settings: "
                + String.join(", ", adapter.settings().keySet());
    }
}
