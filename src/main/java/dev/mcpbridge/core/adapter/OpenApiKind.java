package dev.mcpbridge.core.adapter;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.swagger.parser.OpenAPIParser;
import io.swagger.v3.core.util.Json;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * {@code kind: openapi}: a REST API served from its OpenAPI description alone. Each operation becomes a tool named
 * from its {@code operationId} (snake_case); its path, query and header parameters and JSON body become the input
 * schema, its 2xx JSON response the output schema, its method the annotations. The base URL is the setting
 * {@code baseUrl} (default: the spec's first server); credentials are settings made from the spec's security
 * schemes (bearer, basic, API key), secret. The descriptor is rewritten into an ordinary one and its routes are
 * generated: each tool a camel-http route whose request {@code dev.mcpbridge.lib.rest.RestCalls} prepares (path
 * segments percent-encoded, query and headers set, the body as JSON) and whose answer it reads (a non-2xx status a
 * tool error naming it and the API's own message).
 */
final class OpenApiKind {

    static final Set<String> FIELDS = Set.of("adapter", "kind", "description", "spec", "settings", "include",
            "exclude", "names", "breaker", "maxBodyBytes", "timeout");
    private static final Set<String> FILTER_FIELDS = Set.of("tags", "operations");
    private static final List<PathItem.HttpMethod> METHODS = List.of(PathItem.HttpMethod.GET, PathItem.HttpMethod.POST,
            PathItem.HttpMethod.PUT, PathItem.HttpMethod.PATCH, PathItem.HttpMethod.DELETE, PathItem.HttpMethod.HEAD);

    record Expanded(ObjectNode descriptor, String routesYaml) {
    }

    private final ObjectMapper yaml;
    private final String source;
    private final Path folder;

    OpenApiKind(ObjectMapper yaml, String source, Path folder) {
        this.yaml = yaml;
        this.source = source;
        this.folder = folder;
    }

    Expanded expand(ObjectNode root) {
        GeneratedRoutes.onlyFields(source, "", root, FIELDS, "a kind: openapi adapter");
        String adapter = root.path("adapter").asText();
        String env = adapter.toUpperCase(Locale.ROOT).replace('-', '_');
        OpenAPI api = parse(root.path("spec").asText(null));

        ObjectNode out = yaml.createObjectNode();
        out.put("adapter", adapter);
        String title = api.getInfo() != null && api.getInfo().getTitle() != null ? api.getInfo().getTitle() : adapter;
        out.put("description", root.path("description").asText(title));
        ObjectNode settings = root.has("settings") && root.get("settings").isObject()
                ? (ObjectNode) root.get("settings").deepCopy() : yaml.createObjectNode();
        String server = api.getServers() == null || api.getServers().isEmpty() ? null : api.getServers().get(0).getUrl();
        if (!settings.has("baseUrl")) {
            ObjectNode s = settings.putObject("baseUrl");
            s.put("env", env + "_BASE_URL");
            s.put("kind", "url");
            if (server != null && server.contains("://")) {
                s.put("default", server);
            } else {
                s.put("required", true);
            }
            s.put("description", "Base URL of the API" + (server == null ? "" : " (the spec says " + server + ")"));
        }
        String auth = security(api, settings, env, adapter);
        out.set("settings", settings);
        if (root.has("breaker")) {
            out.set("breaker", root.get("breaker"));
        }

        Filter include = filter(root.get("include"), "include");
        Filter exclude = filter(root.get("exclude"), "exclude");
        JsonNode names = root.path("names");
        String bean = adapter.replaceAll("[^A-Za-z0-9]", "") + "Rest";
        StringBuilder routes = new StringBuilder("# Generated from the kind: openapi descriptor " + source + ".\n")
                .append("- beans:\n")
                .append("    - name: ").append(bean).append('\n')
                .append("      type: dev.mcpbridge.lib.rest.RestCalls\n")
                .append("      properties:\n").append(auth)
                .append("        maxBodyBytes: ").append(root.path("maxBodyBytes").asLong(1 << 20)).append('\n');
        ArrayNode tools = yaml.createArrayNode();
        Set<String> seen = new LinkedHashSet<>();
        if (api.getPaths() != null) {
            api.getPaths().forEach((path, item) -> {
                for (PathItem.HttpMethod method : METHODS) {
                    Operation op = item.readOperationsMap().get(method);
                    if (op == null) {
                        continue;
                    }
                    String where = method + " " + path;
                    String id = op.getOperationId();
                    List<String> tags = op.getTags() == null ? List.of() : op.getTags();
                    if (!include.matches(id, tags, true) || exclude.matches(id, tags, false)) {
                        continue;
                    }
                    String name = names.hasNonNull(where) ? names.get(where).asText()
                            : id != null ? snake(id) : null;
                    if (name == null) {
                        throw new DescriptorException(source, "spec", "the operation " + where + " has no "
                                + "operationId: give it one in the spec, or a name under names: (\"" + where
                                + "\": my_tool), or exclude it");
                    }
                    if (!seen.add(name)) {
                        throw new DescriptorException(source, "spec", "two operations make the tool '" + name
                                + "' (the second is " + where + "); name one under names:");
                    }
                    List<Parameter> parameters = new ArrayList<>();
                    if (item.getParameters() != null) {
                        parameters.addAll(item.getParameters());
                    }
                    if (op.getParameters() != null) {
                        parameters.addAll(op.getParameters());
                    }
                    ObjectNode tool = tool(adapter, bean, name, method, path, op, parameters, routes);
                    if (root.has("timeout")) {
                        tool.set("timeout", root.get("timeout"));
                    }
                    tools.add(tool);
                }
            });
        }
        if (tools.isEmpty()) {
            throw new DescriptorException(source, "spec", "no operation of the spec is served (check include: and "
                    + "exclude:)");
        }
        out.set("tools", tools);
        return new Expanded(out, routes.toString());
    }

    private OpenAPI parse(String spec) {
        if (spec == null || spec.isBlank()) {
            throw new DescriptorException(source, "spec", "is required: the OpenAPI file beside the descriptor, or "
                    + "its URL");
        }
        String location = spec;
        if (!spec.contains("://")) {
            Path file = folder == null ? Path.of(spec) : folder.resolve(spec);
            if (!Files.isRegularFile(file)) {
                throw new DescriptorException(source, "spec", "'" + spec + "' is not a file (looked for " + file
                        + ")");
            }
            location = file.toAbsolutePath().toString();
        }
        ParseOptions options = new ParseOptions();
        options.setResolve(true);
        options.setResolveFully(true);
        SwaggerParseResult result = new OpenAPIParser().readLocation(location, null, options);
        if (result == null || result.getOpenAPI() == null) {
            List<String> messages = result == null || result.getMessages() == null ? List.of() : result.getMessages();
            throw new DescriptorException(source, "spec", "'" + spec + "' is not an OpenAPI description"
                    + (messages.isEmpty() ? "" : ": " + messages.get(0)));
        }
        return result.getOpenAPI();
    }

    /** Credentials as settings, from the first security scheme the bridge can send; the bean's properties. */
    private String security(OpenAPI api, ObjectNode settings, String env, String adapter) {
        Map<String, SecurityScheme> schemes = api.getComponents() == null || api.getComponents().getSecuritySchemes()
                == null ? Map.of() : api.getComponents().getSecuritySchemes();
        for (SecurityScheme scheme : schemes.values()) {
            if (scheme.getType() == SecurityScheme.Type.HTTP && "bearer".equalsIgnoreCase(scheme.getScheme())) {
                secret(settings, "token", env + "_TOKEN", "Bearer token for the API");
                return "        bearerToken: \"{{" + adapter + ".token}}\"\n";
            }
            if (scheme.getType() == SecurityScheme.Type.HTTP && "basic".equalsIgnoreCase(scheme.getScheme())) {
                if (!settings.has("username")) {
                    ObjectNode s = settings.putObject("username");
                    s.put("env", env + "_USERNAME");
                    s.put("default", "");
                    s.put("description", "User name for the API (HTTP basic)");
                }
                secret(settings, "password", env + "_PASSWORD", "Password for the API (HTTP basic)");
                return "        username: \"{{" + adapter + ".username}}\"\n"
                        + "        password: \"{{" + adapter + ".password}}\"\n";
            }
            if (scheme.getType() == SecurityScheme.Type.APIKEY && scheme.getIn() != SecurityScheme.In.COOKIE) {
                secret(settings, "apiKey", env + "_API_KEY", "API key, sent as " + scheme.getIn() + " "
                        + scheme.getName());
                return "        apiKey: \"{{" + adapter + ".apiKey}}\"\n"
                        + "        apiKeyName: " + scheme.getName() + "\n"
                        + "        apiKeyIn: " + scheme.getIn().toString().toLowerCase(Locale.ROOT) + "\n";
            }
        }
        return "";
    }

    private void secret(ObjectNode settings, String name, String env, String description) {
        if (!settings.has(name)) {
            ObjectNode s = settings.putObject(name);
            s.put("env", env);
            s.put("secret", true);
            s.put("default", "");
            s.put("description", description);
        }
    }

    private ObjectNode tool(String adapter, String bean, String name, PathItem.HttpMethod method, String path,
            Operation op, List<Parameter> parameters, StringBuilder routes) {
        ObjectNode input = yaml.createObjectNode();
        input.put("type", "object");
        ObjectNode properties = input.putObject("properties");
        ArrayNode required = yaml.createArrayNode();
        List<String> pathNames = new ArrayList<>();
        List<String> queryNames = new ArrayList<>();
        List<String> headerNames = new ArrayList<>();
        for (Parameter p : parameters) {
            String in = p.getIn();
            if (in == null || "cookie".equals(in) || properties.has(p.getName())) {
                continue;
            }
            ObjectNode schema = p.getSchema() == null ? yaml.createObjectNode().put("type", "string")
                    : jsonSchema(p.getSchema());
            if (p.getDescription() != null && !schema.has("description")) {
                schema.put("description", p.getDescription());
            }
            properties.set(p.getName(), schema);
            if ("path".equals(in) || Boolean.TRUE.equals(p.getRequired())) {
                required.add(p.getName());
            }
            switch (in) {
                case "path" -> pathNames.add(p.getName());
                case "query" -> queryNames.add(p.getName());
                default -> headerNames.add(p.getName());
            }
        }
        boolean body = false;
        if (op.getRequestBody() != null && op.getRequestBody().getContent() != null) {
            MediaType json = jsonContent(op.getRequestBody().getContent());
            if (json != null && json.getSchema() != null) {
                ObjectNode schema = jsonSchema(json.getSchema());
                if (op.getRequestBody().getDescription() != null && !schema.has("description")) {
                    schema.put("description", op.getRequestBody().getDescription());
                }
                properties.set("body", schema);
                body = true;
                if (Boolean.TRUE.equals(op.getRequestBody().getRequired())) {
                    required.add("body");
                }
            }
        }
        if (!required.isEmpty()) {
            input.set("required", required);
        }
        ObjectNode tool = yaml.createObjectNode();
        tool.put("name", name);
        if (!blank(op.getSummary())) {
            tool.put("title", op.getSummary().strip());
        }
        String description = !blank(op.getDescription()) ? op.getDescription().strip()
                : !blank(op.getSummary()) ? op.getSummary().strip() : method + " " + path;
        tool.put("description", description);
        ObjectNode annotations = tool.putObject("annotations");
        boolean reading = method == PathItem.HttpMethod.GET || method == PathItem.HttpMethod.HEAD;
        annotations.put("readOnlyHint", reading);
        if (!reading) {
            annotations.put("destructiveHint", method == PathItem.HttpMethod.DELETE);
        }
        annotations.put("idempotentHint", reading || method == PathItem.HttpMethod.PUT
                || method == PathItem.HttpMethod.DELETE);
        annotations.put("openWorldHint", true);
        tool.set("input", input);
        ObjectNode output = outputSchema(op);
        if (output != null) {
            tool.set("output", output);
        }
        GeneratedRoutes.begin(routes, adapter, name);
        routes.append("        - bean: { ref: ").append(bean).append(", method: \"prepare(${exchange}, '")
                .append(method).append("', '").append(path.replace("'", "")).append("', '")
                .append(String.join(",", pathNames)).append("', '").append(String.join(",", queryNames))
                .append("', '").append(String.join(",", headerNames)).append("', ").append(body).append(")\" }\n")
                .append("        - to: \"{{").append(adapter).append(".baseUrl}}?throwExceptionOnFailure=false")
                .append("&followRedirects=false\"\n")
                .append("        - bean: { ref: ").append(bean).append(", method: \"answer(${exchange})\" }\n");
        return tool;
    }

    /** The 2xx JSON response's schema, when it is an object (MCP's output schemas are). */
    private ObjectNode outputSchema(Operation op) {
        if (op.getResponses() == null) {
            return null;
        }
        for (Map.Entry<String, ApiResponse> e : op.getResponses().entrySet()) {
            if (e.getKey().startsWith("2") && e.getValue().getContent() != null) {
                MediaType json = jsonContent(e.getValue().getContent());
                if (json != null && json.getSchema() != null) {
                    ObjectNode schema = jsonSchema(json.getSchema());
                    return "object".equals(schema.path("type").asText()) && schema.has("properties") ? schema : null;
                }
            }
        }
        return null;
    }

    private static MediaType jsonContent(Map<String, MediaType> content) {
        for (Map.Entry<String, MediaType> e : content.entrySet()) {
            String type = e.getKey().toLowerCase(Locale.ROOT);
            if (type.startsWith("application/json") || type.endsWith("+json")) {
                return e.getValue();
            }
        }
        return null;
    }

    /** An OpenAPI schema as JSON Schema: nullable as a "null" type, example as examples, the rest of OpenAPI's words dropped. */
    private ObjectNode jsonSchema(Schema<?> schema) {
        JsonNode node = Json.mapper().convertValue(schema, JsonNode.class);
        return clean(node);
    }

    private ObjectNode clean(JsonNode node) {
        ObjectNode out = yaml.createObjectNode();
        if (node == null || !node.isObject()) {
            return out;
        }
        boolean nullable = node.path("nullable").asBoolean(false);
        node.fields().forEachRemaining(e -> {
            String key = e.getKey();
            JsonNode value = e.getValue();
            if (value.isNull()) {
                return;
            }
            switch (key) {
                case "properties", "patternProperties" -> {
                    ObjectNode props = out.putObject(key);
                    value.fields().forEachRemaining(p -> props.set(p.getKey(), clean(p.getValue())));
                }
                case "items", "not", "additionalProperties" -> out.set(key, value.isObject() ? clean(value) : value);
                case "allOf", "anyOf", "oneOf" -> {
                    ArrayNode list = out.putArray(key);
                    value.forEach(v -> list.add(clean(v)));
                }
                case "example" -> out.putArray("examples").add(value);
                case "exclusiveMinimum", "exclusiveMaximum" -> {
                    if (value.isNumber()) {
                        out.set(key, value);
                    }
                }
                default -> {
                    if (AdapterLoader.SCHEMA_KEYWORDS.contains(key) && !key.startsWith("$")) {
                        out.set(key, plainNumber(value));
                    }
                }
            }
        });
        if (nullable && out.has("type") && out.get("type").isTextual()) {
            String type = out.get("type").asText();
            out.putArray("type").add(type).add("null");
        }
        if ("object".equals(out.path("type").asText()) && out.has("required") && !out.has("properties")) {
            out.remove("required");
        }
        return out;
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    /** swagger's BigDecimals (1E+2) as the integers or doubles they are. */
    private static JsonNode plainNumber(JsonNode value) {
        if (!value.isBigDecimal()) {
            return value;
        }
        java.math.BigDecimal decimal = value.decimalValue();
        return decimal.stripTrailingZeros().scale() <= 0
                ? com.fasterxml.jackson.databind.node.LongNode.valueOf(decimal.longValue())
                : com.fasterxml.jackson.databind.node.DoubleNode.valueOf(decimal.doubleValue());
    }

    private record Filter(Set<String> tags, Set<String> operations) {
        boolean matches(String id, List<String> opTags, boolean whenEmpty) {
            if (tags.isEmpty() && operations.isEmpty()) {
                return whenEmpty;
            }
            return (id != null && operations.contains(id)) || opTags.stream().anyMatch(tags::contains);
        }
    }

    private Filter filter(JsonNode node, String field) {
        if (node == null || node.isNull()) {
            return new Filter(Set.of(), Set.of());
        }
        GeneratedRoutes.onlyFields(source, field, node, FILTER_FIELDS, field + ":");
        Set<String> tags = new LinkedHashSet<>();
        node.path("tags").forEach(t -> tags.add(t.asText()));
        Set<String> operations = new LinkedHashSet<>();
        node.path("operations").forEach(t -> operations.add(t.asText()));
        return new Filter(tags, operations);
    }

    /** getTodoById, list-todos, ListTodos → get_todo_by_id, list_todos. */
    static String snake(String id) {
        String s = id.replaceAll("([a-z0-9])([A-Z])", "$1_$2").replaceAll("([A-Z]+)([A-Z][a-z])", "$1_$2")
                .replaceAll("[^A-Za-z0-9]+", "_").toLowerCase(Locale.ROOT);
        s = s.replaceAll("^_+|_+$", "");
        return s.length() > 128 ? s.substring(0, 128) : s;
    }
}
