package dev.mcpbridge.core.adapter;

import java.util.List;
import java.util.Map;

/**
 * One adapter as declared in {@code adapters/<name>.yaml}, together with the Camel routes that implement it.
 *
 * @param source where the descriptor was read from, for error messages
 * @param routesSource where its routes were read from
 * @param routesYaml the Camel YAML DSL text of its routes
 * @param activatedBy settings of which at least one must have a value for the adapter to be served without being
 *     named (an adapter is always served when named with --adapter or in {@code adapters:}); empty = always
 * @param services the adapter's service classes ({@code services:}), built once when Camel starts
 * @param handlers the endpoints no route serves, each bound to a method of one of the services
 * @param availability the class ({@link dev.mcpbridge.core.spi.Availability}) that says whether the adapter can be
 *     served on this machine, or null when its settings are all it needs
 * @param breaker when the adapter calls an outside service, the circuit breaker its calls go through; null for none
 */
public record AdapterDescriptor(
        String name,
        String description,
        List<String> activatedBy,
        Map<String, SettingSpec> settings,
        List<ToolSpec> tools,
        List<ResourceSpec> resources,
        List<ResourceTemplateSpec> resourceTemplates,
        List<PromptSpec> prompts,
        String source,
        String routesSource,
        String routesYaml,
        List<String> services,
        List<HandlerBinding> handlers,
        String availability,
        Breaker breaker) {

    /** An adapter without a circuit breaker. */
    public AdapterDescriptor(String name, String description, List<String> activatedBy,
            Map<String, SettingSpec> settings, List<ToolSpec> tools, List<ResourceSpec> resources,
            List<ResourceTemplateSpec> resourceTemplates, List<PromptSpec> prompts, String source,
            String routesSource, String routesYaml, List<String> services, List<HandlerBinding> handlers,
            String availability) {
        this(name, description, activatedBy, settings, tools, resources, resourceTemplates, prompts, source,
                routesSource, routesYaml, services, handlers, availability, null);
    }

    /**
     * The descriptor's {@code breaker:}: when {@code failures} of the last {@code window} calls failed for a reason
     * of the service's (not the caller's), calls fail fast for {@code openMillis}, then one is let through again.
     *
     * @param except tools that do not call the adapter's service (say, a page fetch from any site beside a search)
     */
    public record Breaker(int failures, int window, long openMillis, List<String> except) {
    }

    /** An adapter whose every endpoint is served by its routes. */
    public AdapterDescriptor(String name, String description, List<String> activatedBy,
            Map<String, SettingSpec> settings, List<ToolSpec> tools, List<ResourceSpec> resources,
            List<ResourceTemplateSpec> resourceTemplates, List<PromptSpec> prompts, String source,
            String routesSource, String routesYaml) {
        this(name, description, activatedBy, settings, tools, resources, resourceTemplates, prompts, source,
                routesSource, routesYaml, List.of(), List.of(), null);
    }

    /**
     * One endpoint served by a service method with no route of its own: the loader creates the route.
     *
     * @param field where in the descriptor it is declared, for error messages
     * @param service the class that has the method
     */
    public record HandlerBinding(String endpoint, String field, String service, String method) {
    }

    /**
     * A setting resolved from the config file, then the environment, then its default.
     *
     * @param positional takes the command line's positional arguments (one value per line)
     * @param hidesWritingTools when this boolean setting is true, the adapter serves only its readOnlyHint tools
     * @param choosesToolsets this setting lists the toolsets served (comma- or space-separated, {@code all} for every
     *     one); tools of other toolsets are left out
     * @param choosesTools this setting names tools served on top of the chosen toolsets; set while the toolsets
     *     setting is left at its default, only the named tools are served (github-mcp-server's GITHUB_TOOLS)
     */
    /**
     * @param kind what the value must be, checked at start-up before any client is answered: {@code directories}
     *     (existing directories, one per line), {@code url} / {@code urls} (http or https URLs, several separated
     *     by commas or blanks), {@code auditFile} (a file that gets the bridge's audit lines of this adapter's
     *     calls, beside the bridge's own audit log; {@code none} for no file); null for free text
     */
    public record SettingSpec(String name, String env, String defaultValue, boolean required, boolean secret,
            boolean positional, boolean hidesWritingTools, boolean choosesToolsets, String description, String kind,
            boolean choosesTools) {

        public static final List<String> KINDS = List.of("directories", "url", "urls", "auditFile");

        public SettingSpec(String name, String env, String defaultValue, boolean required, boolean secret,
                boolean positional, boolean hidesWritingTools, boolean choosesToolsets, String description,
                String kind) {
            this(name, env, defaultValue, required, secret, positional, hidesWritingTools, choosesToolsets,
                    description, kind, false);
        }

        public SettingSpec(String name, String env, String defaultValue, boolean required, boolean secret,
                boolean positional, boolean hidesWritingTools, boolean choosesToolsets, String description) {
            this(name, env, defaultValue, required, secret, positional, hidesWritingTools, choosesToolsets,
                    description, null);
        }

        public SettingSpec(String name, String env, String defaultValue, boolean required, boolean secret,
                boolean positional, String description) {
            this(name, env, defaultValue, required, secret, positional, false, false, description);
        }
    }

    /**
     * One tool: its MCP contract and the Camel endpoint that serves it.
     *
     * @param enabledBy a boolean setting of the adapter that must be true for the tool to be served, or null
     * @param toolset the group the tool belongs to; when the adapter has a setting that {@code choosesToolsets},
     *     only tools of the listed toolsets are served ({@code all} lists every one)
     * @param unservedWhen settings of the adapter and a value each that leaves the tool out when the setting has it
     *     (compared ignoring case), such as win-cli's {@code shells: none}; empty for none
     */
    public record ToolSpec(String name, String title, String description, Annotations annotations, String endpoint,
            Map<String, Object> inputSchema, Map<String, Object> outputSchema, Long timeoutMillis, String enabledBy,
            String toolset, TaskSupport task, Map<String, String> unservedWhen, List<String> aliases) {

        /**
         * @param aliases older names of the tool (the replaced server's deprecated ones): a call or a tool selection
         *     by one of them reaches this tool, which is listed under its own name only
         */
        public ToolSpec {
            aliases = aliases == null ? List.of() : List.copyOf(aliases);
            unservedWhen = unservedWhen == null ? Map.of() : unservedWhen;
        }

        public ToolSpec(String name, String title, String description, Annotations annotations, String endpoint,
                Map<String, Object> inputSchema, Map<String, Object> outputSchema, Long timeoutMillis,
                String enabledBy, String toolset, TaskSupport task) {
            this(name, title, description, annotations, endpoint, inputSchema, outputSchema, timeoutMillis, enabledBy,
                    toolset, task, Map.of(), List.of());
        }

        public ToolSpec(String name, String title, String description, Annotations annotations, String endpoint,
                Map<String, Object> inputSchema, Map<String, Object> outputSchema, Long timeoutMillis,
                String enabledBy, String toolset) {
            this(name, title, description, annotations, endpoint, inputSchema, outputSchema, timeoutMillis, enabledBy,
                    toolset, TaskSupport.NONE);
        }

        public boolean readOnly() {
            return annotations.readOnlyHint() != null && annotations.readOnlyHint();
        }
    }

    /**
     * Whether a call may run as a task of the 2026-07-28 tasks extension (the client polls {@code tasks/get}
     * instead of holding the request open), and when it becomes one.
     *
     * @param mode {@code none} (always answered in the request), {@code optional} (a task for a client that
     *     declared the extension, else answered in the request), {@code required} (refused to a client without it)
     * @param afterMillis how long the call runs in the request before it becomes a task: a call that ends (or asks
     *     the client something) sooner is answered directly
     */
    public record TaskSupport(String mode, long afterMillis) {
        public static final TaskSupport NONE = new TaskSupport("none", 0);

        public boolean supported() {
            return !"none".equals(mode);
        }

        public boolean required() {
            return "required".equals(mode);
        }
    }

    /** MCP tool annotations; null means "not declared". */
    public record Annotations(Boolean readOnlyHint, Boolean destructiveHint, Boolean idempotentHint,
            Boolean openWorldHint) {
    }

    public record ResourceSpec(String uri, String name, String title, String description, String mimeType,
            String endpoint) {
    }

    public record ResourceTemplateSpec(String uriTemplate, String name, String title, String description,
            String mimeType, String endpoint) {
    }

    public record PromptSpec(String name, String title, String description, List<PromptArgumentSpec> arguments,
            String endpoint) {
    }

    /** @param values suggestions offered through completion/complete, filtered by what the user typed */
    public record PromptArgumentSpec(String name, String description, boolean required, List<String> values) {
    }
}
