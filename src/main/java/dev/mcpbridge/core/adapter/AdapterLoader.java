package dev.mcpbridge.core.adapter;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.mcpbridge.core.adapter.AdapterDescriptor.Annotations;
import dev.mcpbridge.core.adapter.AdapterDescriptor.HandlerBinding;
import dev.mcpbridge.core.adapter.AdapterDescriptor.PromptArgumentSpec;
import dev.mcpbridge.core.adapter.AdapterDescriptor.PromptSpec;
import dev.mcpbridge.core.adapter.AdapterDescriptor.ResourceSpec;
import dev.mcpbridge.core.adapter.AdapterDescriptor.ResourceTemplateSpec;
import dev.mcpbridge.core.adapter.AdapterDescriptor.SettingSpec;
import dev.mcpbridge.core.adapter.AdapterDescriptor.ToolSpec;
import dev.mcpbridge.core.spi.Durations;
import io.modelcontextprotocol.json.schema.JsonSchemaValidator;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * Turns the text of {@code adapters/<name>.yaml} and {@code routes/<name>.yaml} into an {@link AdapterDescriptor},
 * refusing anything malformed with a {@link DescriptorException} that names the file, the field and the problem.
 */
public final class AdapterLoader {

    private static final Pattern ADAPTER_NAME = Pattern.compile("[a-z][a-z0-9_-]{0,63}");
    private static final Pattern TOOL_NAME = Pattern.compile("[A-Za-z0-9_.-]{1,128}");
    private static final Pattern ENDPOINT = Pattern.compile("[a-z][a-z0-9+.-]*:.+");
    private static final Pattern JAVA_CLASS = Pattern.compile("[A-Za-z_$][\\w$]*(\\.[A-Za-z_$][\\w$]*)*");
    private static final Pattern ENV_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private static final Set<String> TOP_FIELDS = Set.of("adapter", "description", "activatedBy", "settings",
            "services", "tools", "resources", "resourceTemplates", "prompts", "availability", "breaker");
    private static final Set<String> BREAKER_FIELDS = Set.of("failures", "window", "openFor", "except");
    private static final Set<String> SETTING_FIELDS = Set.of("env", "default", "required", "secret", "positional",
            "hidesWritingTools", "choosesToolsets", "choosesTools", "description", "kind");
    private static final Set<String> TOOL_FIELDS = Set.of("name", "title", "description", "annotations", "endpoint",
            "input", "output", "timeout", "enabledBy", "toolset", "task", "unservedWhen", "aliases");
    private static final Set<String> ANNOTATION_FIELDS = Set.of("readOnlyHint", "destructiveHint", "idempotentHint",
            "openWorldHint");
    private static final Set<String> RESOURCE_FIELDS = Set.of("uri", "name", "title", "description", "mimeType",
            "endpoint", "handler");
    private static final Set<String> TEMPLATE_FIELDS = Set.of("uriTemplate", "name", "title", "description",
            "mimeType", "endpoint", "handler");
    private static final Set<String> PROMPT_FIELDS = Set.of("name", "title", "description", "arguments", "endpoint",
            "handler");
    private static final Set<String> ARGUMENT_FIELDS = Set.of("name", "description", "required", "values");

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private final JsonSchemaValidator schemaValidator;

    public AdapterLoader(JsonSchemaValidator schemaValidator) {
        this.schemaValidator = schemaValidator;
    }

    /** Whether the descriptor is of a kind whose routes are generated (kind: sql), so it has no routes file. */
    static boolean generatesRoutes(String descriptorYaml) {
        try {
            JsonNode root = YAML.readTree(descriptorYaml);
            return root != null && root.has("kind");
        } catch (java.io.IOException e) {
            return false;
        }
    }

    public AdapterDescriptor load(String descriptorSource, String descriptorYaml, String routesSource,
            String routesYaml) {
        return load(descriptorSource, descriptorYaml, routesSource, routesYaml, null);
    }

    /** @param folder the descriptor's folder, where a {@code kind: openapi} adapter's spec file is looked for */
    public AdapterDescriptor load(String descriptorSource, String descriptorYaml, String routesSource,
            String routesYaml, java.nio.file.Path folder) {
        JsonNode root = parse(descriptorSource, descriptorYaml);
        if (!root.isObject()) {
            throw new DescriptorException(descriptorSource, "", "expected a mapping with 'adapter' and 'tools'");
        }
        if (root.has("kind")) {
            String kind = root.get("kind").asText();
            if (!"sql".equals(kind) && !"openapi".equals(kind)) {
                throw new DescriptorException(descriptorSource, "kind", "'" + kind + "' is not a kind of adapter "
                        + "this bridge knows (sql, openapi); leave kind out for an adapter of tools, routes and "
                        + "services");
            }
            if (routesYaml != null && !routesYaml.isBlank()) {
                throw new DescriptorException(descriptorSource, "kind", "a kind: " + kind + " adapter has its routes "
                        + "generated; remove " + routesSource);
            }
            com.fasterxml.jackson.databind.node.ObjectNode object = (com.fasterxml.jackson.databind.node.ObjectNode) root;
            if ("sql".equals(kind)) {
                SqlKind.Expanded expanded = new SqlKind(YAML, descriptorSource).expand(object);
                root = expanded.descriptor();
                routesYaml = expanded.routesYaml();
            } else {
                OpenApiKind.Expanded expanded = new OpenApiKind(YAML, descriptorSource, folder).expand(object);
                root = expanded.descriptor();
                routesYaml = expanded.routesYaml();
            }
            routesSource = descriptorSource + " (routes generated by kind: " + kind + ")";
        }
        Fields top = new Fields(descriptorSource, "", root, TOP_FIELDS);
        String name = top.requiredText("adapter");
        if (!ADAPTER_NAME.matcher(name).matches()) {
            throw new DescriptorException(descriptorSource, "adapter",
                    "'" + name + "' is not a valid adapter name (lower case letters, digits, '-' and '_', "
                            + "starting with a letter)");
        }
        String description = top.optionalText("description", "");
        String availability = top.optionalText("availability", null);
        if (availability != null && !JAVA_CLASS.matcher(availability).matches()) {
            throw new DescriptorException(descriptorSource, "availability",
                    "'" + availability + "' is not a Java class name (e.g. com.example.FooAvailability)");
        }
        List<String> services = new ArrayList<>();
        forEachItem(descriptorSource, "services", root.get("services"),
                (field, node) -> services.add(new Fields(descriptorSource, field, node).text()));
        Map<String, SettingSpec> settings = settings(descriptorSource, root.get("settings"));
        List<String> activatedBy = new ArrayList<>();
        JsonNode activation = root.get("activatedBy");
        if (activation != null && !activation.isNull()) {
            (activation.isArray() ? activation : YAML.createArrayNode().add(activation)).forEach(n -> {
                if (!settings.containsKey(n.asText())) {
                    throw new DescriptorException(descriptorSource, "activatedBy",
                            "'" + n.asText() + "' is not one of the adapter's settings " + settings.keySet());
                }
                activatedBy.add(n.asText());
            });
        }
        List<ToolSpec> tools = new ArrayList<>();
        Set<String> toolNames = new HashSet<>();
        forEachItem(descriptorSource, "tools", root.get("tools"), (field, node) -> {
            ToolSpec tool = tool(descriptorSource, name, field, node);
            if (tool.enabledBy() != null && !settings.containsKey(tool.enabledBy())) {
                throw new DescriptorException(descriptorSource, field + ".enabledBy",
                        "'" + tool.enabledBy() + "' is not one of the adapter's settings " + settings.keySet());
            }
            for (String setting : tool.unservedWhen().keySet()) {
                if (!settings.containsKey(setting)) {
                    throw new DescriptorException(descriptorSource, field + ".unservedWhen." + setting,
                            "'" + setting + "' is not one of the adapter's settings " + settings.keySet());
                }
            }
            if (!toolNames.add(tool.name())) {
                throw new DescriptorException(descriptorSource, field + ".name",
                        "tool '" + tool.name() + "' is declared twice");
            }
            tools.add(tool);
        });
        Set<String> aliasNames = new HashSet<>();
        for (ToolSpec tool : tools) {
            for (String alias : tool.aliases()) {
                if (toolNames.contains(alias) || !aliasNames.add(alias)) {
                    throw new DescriptorException(descriptorSource, "tool " + tool.name() + ".aliases",
                            "'" + alias + "' is already the name or an alias of a tool");
                }
            }
        }
        Map<String, String> handlerNames = new HashMap<>();
        List<ResourceSpec> resources = new ArrayList<>();
        forEachItem(descriptorSource, "resources", root.get("resources"), (field, node) -> {
            Fields f = new Fields(descriptorSource, field, node, RESOURCE_FIELDS);
            resources.add(new ResourceSpec(f.requiredText("uri"), f.requiredText("name"), f.optionalText("title", null),
                    f.optionalText("description", null), f.optionalText("mimeType", null), f.handledEndpoint(name)));
            handlerNames.put(field, f.optionalText("handler", null));
        });
        List<ResourceTemplateSpec> templates = new ArrayList<>();
        forEachItem(descriptorSource, "resourceTemplates", root.get("resourceTemplates"), (field, node) -> {
            Fields f = new Fields(descriptorSource, field, node, TEMPLATE_FIELDS);
            templates.add(new ResourceTemplateSpec(f.requiredText("uriTemplate"), f.requiredText("name"),
                    f.optionalText("title", null), f.optionalText("description", null),
                    f.optionalText("mimeType", null), f.handledEndpoint(name)));
            handlerNames.put(field, f.optionalText("handler", null));
        });
        List<PromptSpec> prompts = new ArrayList<>();
        forEachItem(descriptorSource, "prompts", root.get("prompts"), (field, node) -> {
            Fields f = new Fields(descriptorSource, field, node, PROMPT_FIELDS);
            List<PromptArgumentSpec> arguments = new ArrayList<>();
            forEachItem(descriptorSource, field + ".arguments", node.get("arguments"), (argField, argNode) -> {
                Fields a = new Fields(descriptorSource, argField, argNode, ARGUMENT_FIELDS);
                List<String> values = new ArrayList<>();
                forEachItem(descriptorSource, argField + ".values", argNode.get("values"),
                        (valueField, valueNode) -> values.add(valueNode.asText()));
                arguments.add(new PromptArgumentSpec(a.requiredText("name"), a.optionalText("description", null),
                        a.optionalBoolean("required", false), List.copyOf(values)));
            });
            prompts.add(new PromptSpec(f.requiredText("name"), f.optionalText("title", null),
                    f.optionalText("description", null), List.copyOf(arguments), f.handledEndpoint(name)));
            handlerNames.put(field, f.optionalText("handler", null));
        });
        if (tools.isEmpty() && resources.isEmpty() && templates.isEmpty() && prompts.isEmpty()) {
            throw new DescriptorException(descriptorSource, "tools", "the adapter declares no tool, resource or prompt");
        }
        List<HandlerBinding> handlers = bindHandlers(descriptorSource, routesSource, routesYaml, services, tools,
                resources, templates, prompts, handlerNames);
        return new AdapterDescriptor(name, description, List.copyOf(activatedBy), settings, List.copyOf(tools),
                List.copyOf(resources), List.copyOf(templates), List.copyOf(prompts), descriptorSource, routesSource,
                routesYaml, List.copyOf(services), handlers, availability, breaker(descriptorSource, root.get("breaker"), toolNames));
    }

    private static AdapterDescriptor.Breaker breaker(String source, JsonNode node, Set<String> tools) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isObject()) {
            throw new DescriptorException(source, "breaker",
                    "expected a mapping such as { failures: 5, window: 10, openFor: 30s }");
        }
        new Fields(source, "breaker", node, BREAKER_FIELDS);
        int window = positive(source, "breaker.window", node.get("window"), 10);
        int failures = positive(source, "breaker.failures", node.get("failures"), Math.min(5, window));
        if (failures > window) {
            throw new DescriptorException(source, "breaker.failures",
                    failures + " failures can never happen in a window of " + window + " calls; lower it");
        }
        long openMillis = 30_000;
        JsonNode openFor = node.get("openFor");
        if (openFor != null && !openFor.isNull()) {
            try {
                openMillis = Durations.parseMillis(openFor.asText());
            } catch (IllegalArgumentException e) {
                throw new DescriptorException(source, "breaker.openFor", e.getMessage());
            }
        }
        List<String> except = new ArrayList<>();
        forEachItem(source, "breaker.except", node.get("except"),
                (field, item) -> {
                    String tool = new Fields(source, field, item).text();
                    if (!tools.contains(tool)) {
                        throw new DescriptorException(source, field, "'" + tool + "' is not one of the adapter's tools");
                    }
                    except.add(tool);
                });
        return new AdapterDescriptor.Breaker(failures, window, openMillis, List.copyOf(except));
    }

    private static int positive(String source, String field, JsonNode node, int fallback) {
        if (node == null || node.isNull()) {
            return fallback;
        }
        if (!node.canConvertToInt() || !node.isIntegralNumber() || node.asInt() < 1) {
            throw new DescriptorException(source, field, "'" + node.asText() + "' is not a whole number of 1 or more");
        }
        return node.asInt();
    }

    private Map<String, SettingSpec> settings(String source, JsonNode node) {
        Map<String, SettingSpec> settings = new LinkedHashMap<>();
        if (node == null || node.isNull()) {
            return settings;
        }
        if (!node.isObject()) {
            throw new DescriptorException(source, "settings", "expected a mapping of setting name to its definition");
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> entry = it.next();
            String field = "settings." + entry.getKey();
            Fields f = new Fields(source, field, entry.getValue(), SETTING_FIELDS);
            String env = f.optionalText("env", null);
            if (env != null && !ENV_NAME.matcher(env).matches()) {
                throw new DescriptorException(source, field + ".env", "'" + env + "' is not a valid environment variable name");
            }
            JsonNode def = entry.getValue().get("default");
            String defaultValue = def == null || def.isNull() ? null : def.isValueNode() ? def.asText() : def.toString();
            settings.put(entry.getKey(), new SettingSpec(entry.getKey(), env, defaultValue,
                    f.optionalBoolean("required", false), f.optionalBoolean("secret", false),
                    f.optionalBoolean("positional", false), f.optionalBoolean("hidesWritingTools", false),
                    f.optionalBoolean("choosesToolsets", false), f.optionalText("description", null),
                    settingKind(source, field + ".kind", f.optionalText("kind", null)),
                    f.optionalBoolean("choosesTools", false)));
        }
        return settings;
    }

    private ToolSpec tool(String source, String adapter, String field, JsonNode node) {
        Fields f = new Fields(source, field, node, TOOL_FIELDS);
        String name = f.requiredText("name");
        if (!TOOL_NAME.matcher(name).matches()) {
            throw new DescriptorException(source, field + ".name",
                    "'" + name + "' is not a valid tool name (1-128 of A-Z a-z 0-9 _ . -)");
        }
        String description = f.requiredText("description");
        Annotations annotations = annotations(source, field + ".annotations", node.get("annotations"));
        Map<String, Object> input = schema(source, field + ".input", node.get("input"), true);
        Map<String, Object> output = schema(source, field + ".output", node.get("output"), false);
        Long timeout = null;
        JsonNode timeoutNode = node.get("timeout");
        if (timeoutNode != null && !timeoutNode.isNull()) {
            try {
                timeout = Durations.parseMillis(timeoutNode.asText());
            } catch (IllegalArgumentException e) {
                throw new DescriptorException(source, field + ".timeout", e.getMessage());
            }
        }
        String endpoint = node.hasNonNull("endpoint") ? f.endpoint() : "direct:" + adapter + "." + name;
        return new ToolSpec(name, f.optionalText("title", null), description, annotations, endpoint, input, output,
                timeout, f.optionalText("enabledBy", null), f.optionalText("toolset", null),
                task(source, field + ".task", node.get("task")), unservedWhen(source, field, node.get("unservedWhen")),
                aliases(source, field + ".aliases", node.get("aliases")));
    }

    private static Map<String, String> unservedWhen(String source, String field, JsonNode node) {
        if (node == null || node.isNull()) {
            return Map.of();
        }
        if (!node.isObject()) {
            throw new DescriptorException(source, field + ".unservedWhen",
                    "must be a map of setting: value (the tool is left out when the setting has that value)");
        }
        Map<String, String> when = new LinkedHashMap<>();
        node.fields().forEachRemaining(e -> {
            if (!e.getValue().isValueNode() || e.getValue().isNull()) {
                throw new DescriptorException(source, field + ".unservedWhen." + e.getKey(),
                        "must be one value, such as 'none'");
            }
            when.put(e.getKey(), e.getValue().asText());
        });
        return Map.copyOf(when);

    }

    private static List<String> aliases(String source, String field, JsonNode node) {
        List<String> aliases = new ArrayList<>();
        if (node == null || node.isNull()) {
            return aliases;
        }
        if (!node.isArray()) {
            throw new DescriptorException(source, field, "must be a list of tool names");
        }
        for (JsonNode alias : node) {
            if (!alias.isTextual() || !TOOL_NAME.matcher(alias.asText()).matches()) {
                throw new DescriptorException(source, field, "'" + alias.asText() + "' is not a valid tool name "
                        + "(1-128 of A-Z a-z 0-9 _ . -)");
            }
            aliases.add(alias.asText());
        }
        return aliases;
    }

    private static String settingKind(String source, String field, String kind) {
        if (kind != null && !SettingSpec.KINDS.contains(kind)) {
            throw new DescriptorException(source, field, "'" + kind + "' is not one of "
                    + SettingSpec.KINDS);
        }
        return kind;
    }

    private static AdapterDescriptor.TaskSupport task(String source, String field, JsonNode node) {
        if (node == null || node.isNull()) {
            return AdapterDescriptor.TaskSupport.NONE;
        }
        Fields f = new Fields(source, field, node, java.util.Set.of("support", "after"));
        String mode = f.requiredText("support");
        if (!java.util.List.of("none", "optional", "required").contains(mode)) {
            throw new DescriptorException(source, field + ".support", "'" + mode + "' is not one of none, optional, "
                    + "required");
        }
        long after = 0;
        if (node.hasNonNull("after")) {
            try {
                after = Durations.parseMillis(node.get("after").asText());
            } catch (IllegalArgumentException e) {
                throw new DescriptorException(source, field + ".after", e.getMessage());
            }
        }
        return new AdapterDescriptor.TaskSupport(mode, after);
    }

    private static Annotations annotations(String source, String field, JsonNode node) {
        if (node == null || node.isNull()) {
            return new Annotations(null, null, null, null);
        }
        Fields f = new Fields(source, field, node, ANNOTATION_FIELDS);
        return new Annotations(f.optionalBooleanOrNull("readOnlyHint"), f.optionalBooleanOrNull("destructiveHint"),
                f.optionalBooleanOrNull("idempotentHint"), f.optionalBooleanOrNull("openWorldHint"));
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> schema(String source, String field, JsonNode node, boolean required) {
        if (node == null || node.isNull()) {
            if (required) {
                throw new DescriptorException(source, field, "is required (a JSON Schema with \"type: object\")");
            }
            return null;
        }
        if (!node.isObject() || !"object".equals(node.path("type").asText())) {
            throw new DescriptorException(source, field, "must be a JSON Schema whose type is 'object'");
        }
        checkKeywords(source, field, node);
        Map<String, Object> schema = YAML.convertValue(node, Map.class);
        JsonSchemaValidator.ValidationResponse check = schemaValidator.validateSchema(schema);
        if (!check.valid()) {
            throw new DescriptorException(source, field, "is not a valid JSON Schema: " + check.errorMessage());
        }
        return schema;
    }

    static final Set<String> SCHEMA_KEYWORDS = Set.of("type", "description", "title", "default", "enum",
            "const", "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "multipleOf", "minLength",
            "maxLength", "pattern", "format", "items", "prefixItems", "minItems", "maxItems", "uniqueItems",
            "contains", "minContains", "maxContains", "properties", "required", "additionalProperties",
            "patternProperties", "propertyNames", "minProperties", "maxProperties", "$ref", "$defs", "definitions",
            "$schema", "$id", "$anchor", "$comment", "allOf", "anyOf", "oneOf", "not", "if", "then", "else",
            "examples", "deprecated", "readOnly", "writeOnly", "dependentRequired", "dependentSchemas",
            "unevaluatedProperties", "unevaluatedItems", "contentMediaType", "contentEncoding", "enumNames");

    /**
     * Refuses keywords JSON Schema does not know (other than {@code x-} extensions): most often a YAML slip, such as an unquoted description with a
     * comma inside {@code { ... }}, which YAML splits into a stray key.
     */
    private static void checkKeywords(String source, String field, JsonNode schema) {
        if (!schema.isObject()) {
            return;
        }
        schema.fields().forEachRemaining(entry -> {
            String key = entry.getKey();
            JsonNode value = entry.getValue();
            // x-...: extension keywords, such as MCP's x-mcp-header; a YAML slip does not start with "x-".
            if (!SCHEMA_KEYWORDS.contains(key) && !key.startsWith("x-")) {
                throw new DescriptorException(source, field + "." + key, "is not a JSON Schema keyword (an unquoted "
                        + "text with a comma inside { } is split by YAML: quote it)");
            }
            switch (key) {
                case "properties", "patternProperties", "$defs", "definitions", "dependentSchemas" ->
                        value.fields().forEachRemaining(p -> checkKeywords(source, field + "." + key + "." + p.getKey(),
                                p.getValue()));
                case "items", "additionalProperties", "not", "if", "then", "else", "contains", "propertyNames",
                        "unevaluatedProperties", "unevaluatedItems" -> checkKeywords(source, field + "." + key, value);
                case "allOf", "anyOf", "oneOf", "prefixItems" -> {
                    for (int i = 0; i < value.size(); i++) {
                        checkKeywords(source, field + "." + key + "[" + i + "]", value.get(i));
                    }
                }
                default -> {
                }
            }
        });
    }

    /**
     * Every endpoint must be served: by a route of the routes file that starts from it, or else by the method of
     * one of the adapter's services that the loader binds to it (a tool's method is its name in camelCase, e.g.
     * {@code read_text_file} → {@code readTextFile}; a resource's or prompt's is its {@code handler}).
     */
    private static List<HandlerBinding> bindHandlers(String source, String routesSource, String yaml,
            List<String> services, List<ToolSpec> tools, List<ResourceSpec> resources,
            List<ResourceTemplateSpec> templates, List<PromptSpec> prompts, Map<String, String> handlerNames) {
        if (yaml == null) {
            throw new DescriptorException(routesSource, "", "the routes file is missing");
        }
        JsonNode root = parseAllowingOnlyComments(routesSource, yaml);
        if (!root.isArray()) {
            throw new DescriptorException(routesSource, "",
                    "expected a YAML list of Camel routes (- route: / - from: / - beans:)");
        }
        Set<String> fromUris = new HashSet<>();
        for (JsonNode item : root) {
            JsonNode from = item.has("route") ? item.path("route").path("from") : item.path("from");
            if (from.has("uri")) {
                fromUris.add(from.get("uri").asText());
            }
        }
        List<HandlerResolver.Unrouted> unrouted = new ArrayList<>();
        for (int i = 0; i < tools.size(); i++) {
            ToolSpec t = tools.get(i);
            unrouted.add(new HandlerResolver.Unrouted("tools[" + i + "]", t.endpoint(), dev.mcpbridge.core.spi.JavaNames.camel(t.name()),
                    HandlerResolver.Kind.TOOL, propertyNames(t.inputSchema())));
        }
        for (int i = 0; i < resources.size(); i++) {
            String field = "resources[" + i + "]";
            unrouted.add(new HandlerResolver.Unrouted(field, resources.get(i).endpoint(), handlerNames.get(field),
                    HandlerResolver.Kind.RESOURCE, Set.of()));
        }
        for (int i = 0; i < templates.size(); i++) {
            String field = "resourceTemplates[" + i + "]";
            unrouted.add(new HandlerResolver.Unrouted(field, templates.get(i).endpoint(), handlerNames.get(field),
                    HandlerResolver.Kind.RESOURCE, Set.of()));
        }
        for (int i = 0; i < prompts.size(); i++) {
            String field = "prompts[" + i + "]";
            Set<String> names = new HashSet<>();
            prompts.get(i).arguments().forEach(a -> names.add(a.name()));
            unrouted.add(new HandlerResolver.Unrouted(field, prompts.get(i).endpoint(), handlerNames.get(field),
                    HandlerResolver.Kind.PROMPT, names));
        }
        unrouted.removeIf(u -> !u.endpoint().startsWith("direct:") || fromUris.contains(u.endpoint()));
        List<HandlerBinding> handlers = new ArrayList<>();
        if (unrouted.isEmpty()) {
            return handlers;
        }
        if (services.isEmpty() || unrouted.get(0).method() == null) {
            throw new DescriptorException(routesSource, "", "no route starts from '" + unrouted.get(0).endpoint()
                    + "', which the adapter declares as an endpoint");
        }
        List<Class<?>> classes = HandlerResolver.load(source, services);
        for (HandlerResolver.Unrouted u : unrouted) {
            if (u.method() == null) {
                throw new DescriptorException(source, u.field(), "no route starts from '" + u.endpoint()
                        + "': give it a route or a handler (the name of a service method)");
            }
            handlers.add(HandlerResolver.bind(source, classes, u));
        }
        return List.copyOf(handlers);
    }

    @SuppressWarnings("unchecked")
    private static Set<String> propertyNames(Map<String, Object> schema) {
        Object properties = schema == null ? null : schema.get("properties");
        return properties instanceof Map<?, ?> m ? Set.copyOf((Set<String>) m.keySet()) : Set.of();
    }

    /** A routes file may hold only comments: an adapter whose every endpoint is a service method. */
    private static JsonNode parseAllowingOnlyComments(String source, String yaml) {
        boolean onlyComments = yaml.lines().map(String::strip).allMatch(l -> l.isEmpty() || l.startsWith("#"));
        return onlyComments ? YAML.createArrayNode() : parse(source, yaml);
    }

    /**
     * Parses with SnakeYAML (through which anchors and aliases work, so a schema can be declared once and reused)
     * and refuses duplicate keys, which YAML otherwise resolves silently to the last one.
     */
    private static JsonNode parse(String source, String yaml) {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        // The cap stops alias bombs (nested aliases expanding exponentially); a descriptor of ~90 tools that reuse
        // owner/repo/page schemas legitimately needs a few hundred flat ones.
        options.setMaxAliasesForCollections(1000);
        Object data;
        try {
            data = new Yaml(new SafeConstructor(options)).load(yaml);
        } catch (MarkedYAMLException e) {
            String where = e.getProblemMark() == null ? ""
                    : " at line " + (e.getProblemMark().getLine() + 1) + ", column " + (e.getProblemMark().getColumn() + 1);
            throw new DescriptorException(source, "", "not valid YAML" + where + ": " + e.getProblem());
        } catch (YAMLException e) {
            throw new DescriptorException(source, "", "not valid YAML: " + e.getMessage());
        }
        if (data == null) {
            throw new DescriptorException(source, "", "the file is empty");
        }
        return YAML.valueToTree(data);
    }

    private interface ItemConsumer {
        void accept(String field, JsonNode node);
    }

    private static void forEachItem(String source, String field, JsonNode list, ItemConsumer consumer) {
        if (list == null || list.isNull()) {
            return;
        }
        if (!list.isArray()) {
            throw new DescriptorException(source, field, "expected a list");
        }
        for (int i = 0; i < list.size(); i++) {
            consumer.accept(field + "[" + i + "]", list.get(i));
        }
    }

    /** Typed access to one mapping of the descriptor, refusing unknown fields so that typos do not pass silently. */
    private static final class Fields {
        private final String source;
        private final String field;
        private final JsonNode node;

        /** A scalar item, such as one entry of a list of names. */
        Fields(String source, String field, JsonNode node) {
            this.source = source;
            this.field = field;
            this.node = node;
        }

        Fields(String source, String field, JsonNode node, Set<String> allowed) {
            this.source = source;
            this.field = field;
            this.node = node;
            if (node == null || !node.isObject()) {
                throw new DescriptorException(source, field, "expected a mapping");
            }
            node.fieldNames().forEachRemaining(name -> {
                if (!allowed.contains(name)) {
                    throw new DescriptorException(source, path(name),
                            "unknown field (allowed: " + String.join(", ", allowed.stream().sorted().toList()) + ")");
                }
            });
        }

        String path(String name) {
            return field.isEmpty() ? name : field + "." + name;
        }

        String requiredText(String name) {
            JsonNode value = node.get(name);
            if (value == null || value.isNull() || (value.isTextual() && value.asText().isBlank())) {
                throw new DescriptorException(source, path(name), "is required");
            }
            if (!value.isValueNode()) {
                throw new DescriptorException(source, path(name), "must be a text value");
            }
            return value.asText();
        }

        String optionalText(String name, String fallback) {
            JsonNode value = node.get(name);
            if (value == null || value.isNull()) {
                return fallback;
            }
            if (!value.isValueNode()) {
                throw new DescriptorException(source, path(name), "must be a text value");
            }
            return value.asText();
        }

        boolean optionalBoolean(String name, boolean fallback) {
            Boolean value = optionalBooleanOrNull(name);
            return value == null ? fallback : value;
        }

        Boolean optionalBooleanOrNull(String name) {
            JsonNode value = node.get(name);
            if (value == null || value.isNull()) {
                return null;
            }
            if (!value.isBoolean()) {
                throw new DescriptorException(source, path(name), "must be true or false, not '" + value.asText() + "'");
            }
            return value.booleanValue();
        }

        /** The node itself as a text value (an item of a list of texts). */
        String text() {
            if (!node.isValueNode() || node.asText().isBlank()) {
                throw new DescriptorException(source, field, "must be a text value");
            }
            return node.asText();
        }

        /** The declared endpoint, or else {@code direct:<adapter>.<handler>}. */
        String handledEndpoint(String adapter) {
            if (node.hasNonNull("endpoint") || !node.hasNonNull("handler")) {
                return endpoint();
            }
            return "direct:" + adapter + "." + requiredText("handler");
        }

        String endpoint() {
            String endpoint = requiredText("endpoint");
            if (!ENDPOINT.matcher(endpoint).matches()) {
                throw new DescriptorException(source, path("endpoint"),
                        "'" + endpoint + "' is not a Camel endpoint URI such as direct:<adapter>.<tool>");
            }
            return endpoint;
        }
    }

}
