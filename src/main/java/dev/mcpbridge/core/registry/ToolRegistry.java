package dev.mcpbridge.core.registry;

import dev.mcpbridge.core.adapter.AdapterDescriptor;
import dev.mcpbridge.core.adapter.AdapterDescriptor.SettingSpec;
import dev.mcpbridge.core.adapter.AdapterDescriptor.ToolSpec;
import dev.mcpbridge.core.config.ConfigException;
import dev.mcpbridge.core.config.SettingsBinder;
import dev.mcpbridge.core.config.Suggestions;
import dev.mcpbridge.core.spi.Booleans;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BiFunction;

/**
 * The tools served, built from the descriptors of the served adapters in order. A name already taken by an earlier
 * adapter is exposed as {@code <adapter>_<name>}; selection switches are applied after naming, and may use either
 * name.
 */
public final class ToolRegistry {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(ToolRegistry.class);

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
        return build(adapters, selection, settings, (adapter, setting) -> null);
    }

    /**
     * @param places where the operator set a setting (adapter, setting to a place such as a file line, an
     *     environment variable or a {@code --set} flag), null for a default: a refused value names that place
     */
    public static ToolRegistry build(List<AdapterDescriptor> adapters, ToolSelection selection,
            Map<String, Map<String, String>> settings, BiFunction<String, String, String> places) {
        Map<String, RegisteredTool> all = new LinkedHashMap<>();
        for (AdapterDescriptor adapter : adapters) {
            Map<String, String> values = settings.getOrDefault(adapter.name(), Map.of());
            SettingReader read = new SettingReader(adapter, values, places);
            boolean adapterReadOnly = adapter.settings().values().stream().filter(SettingSpec::hidesWritingTools)
                    .anyMatch(setting -> read.bool(setting.name()));
            Set<String> toolsets = read.toolsets();
            Set<String> named = read.tools();
            boolean toolsetsChosen = named != null && read.toolsetsChosen();
            Map<String, Boolean> enabled = new HashMap<>();
            for (ToolSpec spec : adapter.tools()) {
                boolean inToolsets = toolsets == null || toolsets.contains("all") || spec.toolset() == null
                        || toolsets.contains(spec.toolset().toLowerCase(Locale.ROOT));
                boolean chosen = named == null ? inToolsets
                        : named.contains(spec.name()) || (inToolsets && toolsetsChosen);
                if ((spec.enabledBy() != null && !enabled.computeIfAbsent(spec.enabledBy(), read::bool))
                        || (adapterReadOnly && !spec.readOnly()) || !chosen || read.unserved(spec)) {
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

    /** One adapter's settings as the tool list needs them, a refused value named where it was set. */
    private record SettingReader(AdapterDescriptor adapter, Map<String, String> values,
            BiFunction<String, String, String> places) {

        /** Whether a setting has the value that leaves {@code spec} out. */
        boolean unserved(ToolSpec spec) {
            return spec.unservedWhen().entrySet().stream().anyMatch(when -> values.get(when.getKey()) != null
                    && values.get(when.getKey()).strip().equalsIgnoreCase(when.getValue()));
        }

        boolean bool(String setting) {
            try {
                return Booleans.parse(values.get(setting), false);
            } catch (IllegalArgumentException e) {
                throw refused(setting, e.getMessage());
            }
        }

        /** The toolsets listed, lower case, or null when the adapter chooses none; an unknown word is refused. */
        Set<String> toolsets() {
            Optional<SettingSpec> chooser = adapter.settings().values().stream()
                    .filter(SettingSpec::choosesToolsets).findFirst();
            if (chooser.isEmpty() || values.get(chooser.get().name()) == null) {
                return null;
            }
            String setting = chooser.get().name();
            Set<String> known = new TreeSet<>();
            adapter.tools().stream().map(ToolSpec::toolset).filter(t -> t != null)
                    .forEach(t -> known.add(t.toLowerCase(Locale.ROOT)));
            // 'default' stands for the setting's declared default, as github-mcp-server reads GITHUB_TOOLSETS
            String declared = chooser.get().defaultValue() == null ? "" : chooser.get().defaultValue();
            String words = values.get(setting).toLowerCase(Locale.ROOT)
                    .replaceAll("(^|[,\\s])default(?=$|[,\\s])", "$1" + declared.toLowerCase(Locale.ROOT));
            Set<String> listed = new LinkedHashSet<>();
            for (String word : words.split("[,\\s]+")) {
                if (word.isEmpty()) {
                    continue;
                }
                if (!word.equals("all") && !known.contains(word)) {
                    throw refused(setting, "'" + word + "' is not a toolset"
                            + Suggestions.didYouMean(word, known) + "; known: " + String.join(", ", known)
                            + ", default or all");
                }
                listed.add(word);
            }
            return listed;
        }

        /** The tools named by the setting that {@code choosesTools}, or null when there is none or it is blank. */
        Set<String> tools() {
            Optional<SettingSpec> chooser = adapter.settings().values().stream()
                    .filter(SettingSpec::choosesTools).findFirst();
            String value = chooser.map(c -> values.get(c.name())).orElse(null);
            if (value == null || value.isBlank()) {
                return null;
            }
            Set<String> known = new TreeSet<>();
            Map<String, String> aliases = new HashMap<>();
            adapter.tools().forEach(t -> {
                known.add(t.name());
                t.aliases().forEach(alias -> aliases.put(alias, t.name()));
            });
            Set<String> listed = new LinkedHashSet<>();
            for (String word : value.strip().split("[,\\s]+")) {
                if (aliases.containsKey(word)) {
                    LOG.warn("{}: tool '{}' is deprecated, serving '{}' instead", chooser.get().name(), word,
                            aliases.get(word));
                    listed.add(aliases.get(word));
                    continue;
                }
                if (!known.contains(word)) {
                    throw refused(chooser.get().name(), "'" + word + "' is not a tool of " + adapter.name()
                            + Suggestions.didYouMean(word, known) + "; known: " + String.join(", ", known));
                }
                listed.add(word);
            }
            return listed;
        }

        /** Whether the operator set the toolsets setting, rather than leaving it at its default. */
        boolean toolsetsChosen() {
            return adapter.settings().values().stream().filter(SettingSpec::choosesToolsets)
                    .anyMatch(s -> places.apply(adapter.name(), s.name()) != null);
        }

        private ConfigException refused(String setting, String problem) {
            return SettingsBinder.refused(adapter, setting, problem, name -> places.apply(adapter.name(), name));
        }
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

    /** The tool served under this name, or the one that has it as a deprecated alias. */
    public Optional<RegisteredTool> find(String exposedName) {
        RegisteredTool tool = byName.get(exposedName);
        if (tool != null) {
            return Optional.of(tool);
        }
        return byName.values().stream().filter(t -> t.spec().aliases().contains(exposedName)).findFirst();
    }

    /**
     * A narrower view under the same names, for a profile: each tool as {@code view} gives it (re-described), or
     * left out where it gives null.
     */
    public ToolRegistry narrowed(java.util.function.Function<RegisteredTool, RegisteredTool> view) {
        Map<String, RegisteredTool> subset = new LinkedHashMap<>();
        byName.values().forEach(t -> Optional.ofNullable(view.apply(t)).ifPresent(v -> subset.put(t.exposedName(), v)));
        return new ToolRegistry(subset);
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
