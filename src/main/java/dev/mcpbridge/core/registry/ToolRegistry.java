package dev.mcpbridge.core.registry;

import dev.mcpbridge.core.adapter.AdapterDescriptor;
import dev.mcpbridge.core.adapter.AdapterDescriptor.SettingSpec;
import dev.mcpbridge.core.adapter.AdapterDescriptor.ToolSpec;
import dev.mcpbridge.core.config.ConfigException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The tools served, built from the descriptors of the served adapters in order. A name already taken by an earlier
 * adapter is exposed as {@code <adapter>_<name>}; selection switches are applied after naming, and may use either
 * name.
 */
public final class ToolRegistry {

    private final Map<String, RegisteredTool> byName;

    private ToolRegistry(Map<String, RegisteredTool> byName) {
        this.byName = byName;
    }

    public static ToolRegistry build(List<AdapterDescriptor> adapters, ToolSelection selection) {
        return build(adapters, selection, Map.of());
    }

    /**
     * @param settings resolved settings by adapter: a tool whose {@code enabledBy} setting is not true is left out,
     *     an adapter whose setting that {@code hidesWritingTools} is true offers only its read-only tools, and an
     *     adapter with a setting that {@code choosesToolsets} offers only the tools of the toolsets it lists
     */
    public static ToolRegistry build(List<AdapterDescriptor> adapters, ToolSelection selection,
            Map<String, Map<String, String>> settings) {
        Map<String, RegisteredTool> all = new LinkedHashMap<>();
        for (AdapterDescriptor adapter : adapters) {
            Map<String, String> values = settings.getOrDefault(adapter.name(), Map.of());
            boolean adapterReadOnly = adapter.settings().values().stream().filter(SettingSpec::hidesWritingTools)
                    .anyMatch(setting -> "true".equalsIgnoreCase(values.get(setting.name())));
            Set<String> toolsets = adapter.settings().values().stream().filter(SettingSpec::choosesToolsets)
                    .map(setting -> values.get(setting.name())).filter(v -> v != null).findFirst()
                    .map(v -> new HashSet<>(List.of(v.toLowerCase(java.util.Locale.ROOT).split("[,\\s]+"))))
                    .orElse(null);
            for (ToolSpec spec : adapter.tools()) {
                if ((spec.enabledBy() != null && !"true".equalsIgnoreCase(values.get(spec.enabledBy())))
                        || (adapterReadOnly && !spec.readOnly())
                        || (toolsets != null && !toolsets.contains("all") && spec.toolset() != null
                                && !toolsets.contains(spec.toolset().toLowerCase(java.util.Locale.ROOT)))) {
                    continue;
                }
                String exposed = all.containsKey(spec.name()) ? adapter.name() + "_" + spec.name() : spec.name();
                long timeout = Optional.ofNullable(selection.toolTimeoutsMillis().get(exposed))
                        .or(() -> Optional.ofNullable(spec.timeoutMillis()))
                        .orElse(selection.defaultTimeoutMillis());
                all.put(exposed, new RegisteredTool(adapter.name(), exposed, spec, Duration.ofMillis(timeout)));
            }
        }
        checkKnown(selection.include(), all, "--tools");
        checkKnown(selection.exclude(), all, "--exclude-tools");
        Set<String> include = new HashSet<>(selection.include());
        Set<String> exclude = new HashSet<>(selection.exclude());
        Map<String, RegisteredTool> served = new LinkedHashMap<>();
        for (RegisteredTool tool : all.values()) {
            boolean named = include.isEmpty() || include.contains(tool.exposedName()) || include.contains(tool.spec().name());
            boolean excluded = exclude.contains(tool.exposedName()) || exclude.contains(tool.spec().name());
            boolean allowed = !selection.readOnly() || tool.spec().readOnly();
            if (named && !excluded && allowed) {
                served.put(tool.exposedName(), tool);
            }
        }
        return new ToolRegistry(served);
    }

    private static void checkKnown(List<String> names, Map<String, RegisteredTool> all, String flag) {
        Set<String> known = new HashSet<>(all.keySet());
        all.values().forEach(t -> known.add(t.spec().name()));
        List<String> unknown = new ArrayList<>();
        for (String name : names) {
            if (!known.contains(name)) {
                unknown.add(name);
            }
        }
        if (!unknown.isEmpty()) {
            throw new ConfigException(flag + ": no served adapter has a tool named " + unknown);
        }
    }

    public List<RegisteredTool> tools() {
        return List.copyOf(byName.values());
    }

    public Optional<RegisteredTool> find(String exposedName) {
        return Optional.ofNullable(byName.get(exposedName));
    }

    /** The tools of one adapter only, under their declared names, for {@code /mcp/<adapter>}. */
    public ToolRegistry forAdapter(String adapter) {
        Map<String, RegisteredTool> subset = new LinkedHashMap<>();
        byName.values().stream().filter(t -> t.adapter().equals(adapter))
                .forEach(t -> subset.put(t.spec().name(),
                        new RegisteredTool(t.adapter(), t.spec().name(), t.spec(), t.timeout())));
        return new ToolRegistry(subset);
    }
}
