package dev.mcpbridge.core.auth;

import dev.mcpbridge.core.config.BridgeConfig;
import dev.mcpbridge.core.config.ConfigException;
import dev.mcpbridge.core.config.Suggestions;
import dev.mcpbridge.core.registry.RegisteredTool;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Which tools a caller may see and call ({@code access:} in the configuration file). Every rule whose caller
 * matches applies: a tool one of them denies is denied; else, when one of them has an {@code allow:}, the tool
 * must be in one of those; else the default decides ({@code access.default}; deny when OAuth is on, allow
 * otherwise), and the local user is allowed. The same answer hides a tool from {@code tools/list} and refuses a
 * call of it.
 */
public final class AccessRules {

    /** No rules: every caller may call every tool served, as before rules existed. */
    public static final AccessRules NONE = new AccessRules(List.of(), true);

    private final List<Rule> rules;
    private final boolean allowUnmatched;

    private AccessRules(List<Rule> rules, boolean allowUnmatched) {
        this.rules = List.copyOf(rules);
        this.allowUnmatched = allowUnmatched;
    }

    /**
     * @param adapters every adapter name known (served or not), {@code toolsets} and {@code tools} likewise: a
     *     name no one knows is a typo, said at start-up
     */
    public static AccessRules from(BridgeConfig config, Collection<String> adapters, Collection<String> toolsets,
            Collection<String> tools) {
        BridgeConfig.Access access = config.access;
        boolean oauth = config.oauth.issuer != null && !config.oauth.issuer.isBlank();
        boolean allowUnmatched = !oauth;
        if (access.fallback != null) {
            switch (access.fallback.strip().toLowerCase(Locale.ROOT)) {
                case "allow" -> allowUnmatched = true;
                case "deny" -> allowUnmatched = false;
                default -> throw new ConfigException(config.origins().where("access.default") + ": expected allow "
                        + "or deny, got '" + access.fallback + "'");
            }
        }
        List<Rule> rules = new ArrayList<>();
        Names known = new Names(config, adapters, toolsets, tools);
        for (int i = 0; i < access.rules.size(); i++) {
            BridgeConfig.Rule rule = access.rules.get(i);
            String path = "access.rules[" + i + "]";
            if (rule == null || rule.allow == null && rule.deny == null) {
                throw new ConfigException(config.origins().where(path) + ": a rule needs allow: or deny: (or both), "
                        + "e.g. allow: { adapters: [filesystem] }");
            }
            rules.add(new Rule(caller(rule.caller == null ? new BridgeConfig.Callers() : rule.caller),
                    selection(rule.allow, path + ".allow", known), selection(rule.deny, path + ".deny", known)));
        }
        return new AccessRules(rules, allowUnmatched);
    }

    /** Whether any rule was configured, or unmatched callers are denied: else nothing needs filtering. */
    public boolean restricts() {
        return !rules.isEmpty() || !allowUnmatched;
    }

    public boolean allows(Caller caller, RegisteredTool tool) {
        boolean anyAllow = false;
        boolean allowed = false;
        for (Rule rule : rules) {
            if (!rule.caller().matches(caller)) {
                continue;
            }
            if (rule.deny() != null && rule.deny().matches(tool)) {
                return false;
            }
            if (rule.allow() != null) {
                anyAllow = true;
                allowed |= rule.allow().matches(tool);
            }
        }
        if (anyAllow) {
            return allowed;
        }
        return caller.kind() == Caller.Kind.LOCAL || allowUnmatched;
    }

    /** The tool error of a call the rules refuse: which tool, for whom, and where that is decided. */
    public static String refusal(Caller caller, RegisteredTool tool) {
        return "Tool '" + tool.exposedName() + "' is not allowed for " + caller.describe() + " by the access rules "
                + "(access: in the bridge's configuration): tools/list names the tools this caller may call; ask "
                + "the bridge's operator for a rule that allows it";
    }

    private record Rule(CallerMatch caller, Selection allow, Selection deny) {
    }

    private record CallerMatch(Set<String> tokens, Set<String> subjects, Set<String> clients, Set<String> scopes,
            Set<String> groups, Boolean local) {

        boolean matches(Caller caller) {
            boolean isLocal = caller.kind() == Caller.Kind.LOCAL;
            if (local != null && local != isLocal) {
                return false;
            }
            return (tokens.isEmpty() || caller.kind() == Caller.Kind.TOKEN && tokens.contains(caller.name()))
                    && (subjects.isEmpty() || caller.kind() == Caller.Kind.OAUTH && subjects.contains(caller.name()))
                    && (clients.isEmpty() || caller.client() != null && clients.contains(caller.client()))
                    && (scopes.isEmpty() || caller.scopes().stream().anyMatch(scopes::contains))
                    && (groups.isEmpty() || caller.groups().stream().anyMatch(groups::contains));
        }
    }

    private static CallerMatch caller(BridgeConfig.Callers c) {
        return new CallerMatch(Set.copyOf(c.token), Set.copyOf(c.sub), Set.copyOf(c.client), Set.copyOf(c.scope),
                Set.copyOf(c.group), c.local);
    }

    private record Selection(Set<String> adapters, Set<String> toolsets, List<Pattern> tools, Boolean readOnly) {

        boolean matches(RegisteredTool tool) {
            return (adapters.isEmpty() || adapters.contains(tool.adapter()))
                    && (toolsets.isEmpty() || tool.spec().toolset() != null && toolsets.contains(tool.spec().toolset()))
                    && (tools.isEmpty() || tools.stream().anyMatch(p -> p.matcher(tool.exposedName()).matches()))
                    && (readOnly == null || readOnly == tool.spec().readOnly());
        }
    }

    private static Selection selection(BridgeConfig.Tools tools, String path, Names known) {
        if (tools == null) {
            return null;
        }
        for (int i = 0; i < tools.adapters.size(); i++) {
            known.check(path + ".adapters[" + i + "]", tools.adapters.get(i), known.adapters, "adapter");
        }
        for (int i = 0; i < tools.toolsets.size(); i++) {
            known.check(path + ".toolsets[" + i + "]", tools.toolsets.get(i), known.toolsets, "toolset");
        }
        List<Pattern> patterns = new ArrayList<>();
        for (int i = 0; i < tools.tools.size(); i++) {
            String name = tools.tools.get(i);
            if (isGlob(name)) {
                patterns.add(glob(name));
            } else {
                known.check(path + ".tools[" + i + "]", name, known.tools, "tool");
                patterns.add(Pattern.compile(Pattern.quote(name)));
            }
        }
        return new Selection(Set.copyOf(tools.adapters), Set.copyOf(tools.toolsets), patterns, tools.readOnly);
    }

    private static boolean isGlob(String name) {
        return name.indexOf('*') >= 0 || name.indexOf('?') >= 0;
    }

    /** {@code *} any run of characters, {@code ?} one; everything else literal. */
    static Pattern glob(String glob) {
        StringBuilder regex = new StringBuilder();
        StringBuilder literal = new StringBuilder();
        for (char c : glob.toCharArray()) {
            if (c == '*' || c == '?') {
                if (!literal.isEmpty()) {
                    regex.append(Pattern.quote(literal.toString()));
                    literal.setLength(0);
                }
                regex.append(c == '*' ? ".*" : ".");
            } else {
                literal.append(c);
            }
        }
        if (!literal.isEmpty()) {
            regex.append(Pattern.quote(literal.toString()));
        }
        return Pattern.compile(regex.toString());
    }

    /** The names a rule may use, for the start-up check of its spelling. */
    private record Names(BridgeConfig config, Collection<String> adapters, Collection<String> toolsets,
            Collection<String> tools) {

        void check(String path, String name, Collection<String> names, String what) {
            if (!names.contains(name)) {
                throw new ConfigException(config.origins().where(path) + ": no " + what + " is named '" + name + "'"
                        + Suggestions.didYouMean(name, names) + (names.size() <= 20 ? " (known: "
                        + String.join(", ", names.stream().sorted().toList()) + ")" : ""));
            }
        }
    }
}
