package dev.mcpbridge.core.discovery;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mcpbridge.core.config.Suggestions;
import dev.mcpbridge.core.registry.RegisteredTool;
import dev.mcpbridge.core.registry.ToolRegistry;
import io.modelcontextprotocol.json.schema.JsonSchemaValidator;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import reactor.core.publisher.Mono;

/**
 * Discovery mode: instead of every definition, an endpoint lists three meta-tools — {@code search_tools},
 * {@code describe_tools} and {@code call_tool} — so an agent carries a few hundred bytes up front and loads the
 * definitions it needs on demand. Everything they see or run is the endpoint's own registry: a tool the endpoint
 * does not serve is neither found, described nor called.
 */
public final class DiscoveryTools {

    public static final String SEARCH = "search_tools";
    public static final String DESCRIBE = "describe_tools";
    public static final String CALL = "call_tool";

    static final int DEFAULT_LIMIT = 8;
    static final int MAX_LIMIT = 30;
    /** A one-line description is cut here: enough to choose, short enough that ten results stay small. */
    private static final int SUMMARY_CHARS = 160;

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Runs a served tool through the endpoint's normal call path (validation, the call route, its context). */
    @FunctionalInterface
    public interface Runner {
        Mono<CallToolResult> run(RegisteredTool tool, Map<String, Object> arguments);
    }

    /** A meta-tool as listed, and what answers it. */
    public record MetaTool(McpSchema.Tool tool, Handler handler) {
    }

    @FunctionalInterface
    public interface Handler {
        Mono<CallToolResult> handle(Map<String, Object> arguments, Runner runner);
    }

    private final ToolRegistry registry;
    private final ToolSearchIndex index;
    private final JsonSchemaValidator validator;
    private final List<MetaTool> tools;

    private DiscoveryTools(ToolRegistry registry, ToolSearchIndex index, JsonSchemaValidator validator) {
        this.registry = registry;
        this.index = index;
        this.validator = validator;
        this.tools = List.of(
                new MetaTool(MetaToolShapes.search(), (args, runner) -> Mono.fromCallable(() -> search(orEmpty(args)))),
                new MetaTool(MetaToolShapes.describe(),
                        (args, runner) -> Mono.fromCallable(() -> describe(orEmpty(args)))),
                new MetaTool(MetaToolShapes.call(), (args, runner) -> call(orEmpty(args), runner)));
    }

    /** The meta-tools over one endpoint's tools; the search index is built here, once. */
    public static DiscoveryTools over(ToolRegistry registry, JsonSchemaValidator validator) {
        return new DiscoveryTools(registry, ToolSearchIndex.build(registry), validator);
    }

    private static Map<String, Object> orEmpty(Map<String, Object> arguments) {
        return arguments == null ? Map.of() : arguments;
    }

    public List<MetaTool> tools() {
        return tools;
    }

    /** The endpoint's own tools, which the meta-tools search, describe and call. */
    public ToolRegistry registry() {
        return registry;
    }

    CallToolResult search(Map<String, Object> arguments) {
        String invalid = invalid(MetaToolShapes.search(), arguments);
        if (invalid != null) {
            return invalid(SEARCH, invalid);
        }
        String query = String.valueOf(arguments.get("query"));
        String adapter = arguments.get("adapter") instanceof String a && !a.isBlank() ? a : null;
        TreeSet<String> adapters = new TreeSet<>();
        registry.tools().forEach(t -> adapters.add(t.adapter()));
        if (adapter != null && !adapters.contains(adapter)) {
            return error("search_tools: this endpoint serves no adapter '" + adapter + "'"
                    + Suggestions.didYouMean(adapter, adapters) + "; served: " + String.join(", ", adapters)
                    + " (or leave adapter out)");
        }
        int limit = arguments.get("limit") instanceof Number n ? n.intValue() : DEFAULT_LIMIT;
        List<Map<String, Object>> found = new ArrayList<>();
        for (ToolSearchIndex.Hit hit : index.search(query, adapter, limit)) {
            found.add(summary(hit.tool()));
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("tools", found);
        if (found.isEmpty()) {
            answer.put("hint", "no tool matched; try other words (what the tool acts on: file, pull request, "
                    + "notebook, web page) or fewer of them");
        } else {
            answer.put("next", "describe_tools with the names you want, then call_tool");
        }
        return json(answer);
    }

    private static Map<String, Object> summary(RegisteredTool tool) {
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("name", tool.exposedName());
        if (tool.spec().title() != null) {
            summary.put("title", tool.spec().title());
        }
        summary.put("description", oneLine(tool.spec().description()));
        summary.put("readOnly", tool.spec().readOnly());
        summary.put("adapter", tool.adapter());
        return summary;
    }

    /** The first sentence (or line) of a description, cut to {@value #SUMMARY_CHARS} characters. */
    static String oneLine(String description) {
        if (description == null) {
            return "";
        }
        String text = description.strip();
        int end = text.length();
        int newline = text.indexOf('\n');
        if (newline >= 0) {
            end = newline;
        }
        java.util.regex.Matcher sentence = java.util.regex.Pattern.compile("[.!?](\\s|$)").matcher(text);
        if (sentence.find() && sentence.start() + 1 < end) {
            end = sentence.start() + 1;
        }
        String line = text.substring(0, end).strip();
        return line.length() <= SUMMARY_CHARS ? line : line.substring(0, SUMMARY_CHARS - 1).stripTrailing() + "…";
    }

    CallToolResult describe(Map<String, Object> arguments) {
        String invalid = invalid(MetaToolShapes.describe(), arguments);
        if (invalid != null) {
            return invalid(DESCRIBE, invalid);
        }
        List<Map<String, Object>> described = new ArrayList<>();
        List<String> unknown = new ArrayList<>();
        for (Object name : (List<?>) arguments.get("names")) {
            registry.find(String.valueOf(name)).ifPresentOrElse(tool -> described.add(definition(tool)),
                    () -> unknown.add(String.valueOf(name)));
        }
        if (described.isEmpty()) {
            return error(DESCRIBE + ": " + notServed(unknown));
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("tools", described);
        if (!unknown.isEmpty()) {
            answer.put("unknown", notServed(unknown));
        }
        return json(answer);
    }

    /** A tool's definition as {@code tools/list} would give it. */
    private static Map<String, Object> definition(RegisteredTool tool) {
        Map<String, Object> definition = new LinkedHashMap<>();
        definition.put("name", tool.exposedName());
        if (tool.spec().title() != null) {
            definition.put("title", tool.spec().title());
        }
        definition.put("description", tool.spec().description());
        definition.put("inputSchema", tool.spec().inputSchema());
        if (tool.spec().outputSchema() != null) {
            definition.put("outputSchema", tool.spec().outputSchema());
        }
        Map<String, Object> annotations = new LinkedHashMap<>();
        var a = tool.spec().annotations();
        putIfSet(annotations, "readOnlyHint", a.readOnlyHint());
        putIfSet(annotations, "destructiveHint", a.destructiveHint());
        putIfSet(annotations, "idempotentHint", a.idempotentHint());
        putIfSet(annotations, "openWorldHint", a.openWorldHint());
        if (!annotations.isEmpty()) {
            definition.put("annotations", annotations);
        }
        return definition;
    }

    private static void putIfSet(Map<String, Object> map, String key, Object value) {
        if (value != null) {
            map.put(key, value);
        }
    }

    private Mono<CallToolResult> call(Map<String, Object> arguments, Runner runner) {
        String invalid = invalid(MetaToolShapes.call(), arguments);
        if (invalid != null) {
            return Mono.just(invalid(CALL, invalid));
        }
        String name = String.valueOf(arguments.get("name"));
        RegisteredTool target = registry.find(name).orElse(null);
        if (target == null) {
            return Mono.just(error(CALL + ": " + notServed(List.of(name))));
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> targetArguments = arguments.get("arguments") instanceof Map<?, ?> given
                ? (Map<String, Object>) given : Map.of();
        return runner.run(target, targetArguments);
    }

    private String notServed(List<String> names) {
        List<String> known = registry.tools().stream().map(RegisteredTool::exposedName).toList();
        StringBuilder text = new StringBuilder("this endpoint serves no tool named ");
        for (int i = 0; i < names.size(); i++) {
            text.append(i == 0 ? "" : ", ").append('\'').append(names.get(i)).append('\'')
                    .append(Suggestions.didYouMean(names.get(i), known));
        }
        return text.append("; find tools with search_tools").toString();
    }

    /** The schema check's message when the arguments do not fit the meta-tool's input schema, else null. */
    private String invalid(McpSchema.Tool tool, Map<String, Object> arguments) {
        JsonSchemaValidator.ValidationResponse check = validator.validate(tool.inputSchema(), arguments);
        return check.valid() ? null : check.errorMessage();
    }

    private static CallToolResult invalid(String tool, String problem) {
        return error("Invalid arguments for tool '" + tool + "': " + problem);
    }

    private static CallToolResult error(String message) {
        return CallToolResult.builder().addTextContent(message).isError(true).build();
    }

    private static CallToolResult json(Map<String, Object> answer) {
        try {
            return CallToolResult.builder().addTextContent(JSON.writeValueAsString(answer)).isError(false).build();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a discovery answer could not be written as JSON", e);
        }
    }
}
