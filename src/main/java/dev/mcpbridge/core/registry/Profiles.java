package dev.mcpbridge.core.registry;

import dev.mcpbridge.core.adapter.AdapterDescriptor.ToolSpec;
import dev.mcpbridge.core.config.BridgeConfig;
import dev.mcpbridge.core.config.ConfigException;
import dev.mcpbridge.core.config.ConfigOrigins;
import dev.mcpbridge.core.config.Suggestions;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The profiles of the configuration file as views of the served tools: each a subset (by adapter, tool, exclusion
 * and read-only), with titles and descriptions replaced where it says so. A profile can only narrow: a name it gives
 * that the bridge does not serve stops start-up with the place in the file, so a typo never serves nothing silently.
 */
public final class Profiles {

    /** One profile: its tools and whether it is served in discovery mode. */
    public record View(String name, ToolRegistry registry, Set<String> adapters, boolean discovery) {
    }

    private final Map<String, View> views;

    private Profiles(Map<String, View> views) {
        this.views = views;
    }

    public static Profiles of(BridgeConfig config, ToolRegistry served) {
        Map<String, View> views = new LinkedHashMap<>();
        config.profiles.forEach((name, profile) -> views.put(name, view(config.origins(), name,
                profile == null ? new BridgeConfig.Profile() : profile, served, config.discovery)));
        return new Profiles(views);
    }

    private static View view(ConfigOrigins origins, String name, BridgeConfig.Profile profile, ToolRegistry served,
            boolean discovery) {
        String at = "profiles." + name;
        if (!name.matches("[A-Za-z0-9_-]+")) {
            throw new ConfigException(origins.where(at) + ": a profile's name is a URL path segment (/mcp/p/" + name
                    + "): use letters, digits, '-' and '_'");
        }
        Set<String> adapters = new LinkedHashSet<>();
        served.tools().forEach(t -> adapters.add(t.adapter()));
        Set<String> names = new LinkedHashSet<>();
        served.tools().forEach(t -> {
            names.add(t.exposedName());
            names.add(t.spec().name());
        });
        check(origins, at + ".adapters", profile.adapters, adapters, "adapter");
        check(origins, at + ".tools", profile.tools, names, "tool");
        check(origins, at + ".excludeTools", profile.excludeTools, names, "tool");
        Set<String> exposed = new LinkedHashSet<>();
        served.tools().forEach(t -> exposed.add(t.exposedName()));
        check(origins, at + ".overrides", List.copyOf(profile.overrides.keySet()), exposed, "tool");
        ToolRegistry tools = served.narrowed(tool -> {
            boolean kept = (profile.adapters.isEmpty() || profile.adapters.contains(tool.adapter()))
                    && (profile.tools.isEmpty() || named(profile.tools, tool))
                    && !named(profile.excludeTools, tool)
                    && (!profile.readOnly || tool.spec().readOnly());
            return kept ? overridden(tool, profile.overrides.get(tool.exposedName())) : null;
        });
        Set<String> kept = new LinkedHashSet<>();
        tools.tools().forEach(t -> kept.add(t.adapter()));
        return new View(name, tools, kept, profile.discovery == null ? discovery : profile.discovery);
    }

    private static boolean named(List<String> names, RegisteredTool tool) {
        return names.contains(tool.exposedName()) || names.contains(tool.spec().name());
    }

    private static RegisteredTool overridden(RegisteredTool tool, BridgeConfig.ToolOverride override) {
        if (override == null) {
            return tool;
        }
        ToolSpec s = tool.spec();
        ToolSpec spec = new ToolSpec(s.name(), override.title != null ? override.title : s.title(),
                override.description != null ? override.description : s.description(), s.annotations(), s.endpoint(),
                s.inputSchema(), s.outputSchema(), s.timeoutMillis(), s.enabledBy(), s.toolset(), s.task());
        return new RegisteredTool(tool.adapter(), tool.exposedName(), spec, tool.timeout());
    }

    private static void check(ConfigOrigins origins, String field, List<String> given, Set<String> known,
            String what) {
        for (int i = 0; i < given.size(); i++) {
            String name = given.get(i);
            if (!known.contains(name)) {
                String place = field.endsWith(".overrides") ? origins.where(field + "." + name)
                        : origins.where(field + "[" + i + "]");
                throw new ConfigException(place + ": the bridge serves no " + what + " named '" + name + "'"
                        + Suggestions.didYouMean(name, known) + " (a profile narrows what is served: check adapters, "
                        + "--tools and --read-only too)");
            }
        }
    }

    public Map<String, View> views() {
        return views;
    }

    /** The profile of this name, or a configuration error naming the known ones (for {@code --profile}). */
    public View named(String name, String flag) {
        View view = views.get(name);
        if (view == null) {
            throw new ConfigException(flag + ": there is no profile named '" + name + "'"
                    + Suggestions.didYouMean(name, views.keySet()) + "; known: "
                    + (views.isEmpty() ? "none (declare them under profiles: in mcp-bridge.yaml)"
                            : String.join(", ", views.keySet())));
        }
        return view;
    }
}
