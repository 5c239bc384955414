package dev.mcpbridge.core.discovery;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.modelcontextprotocol.spec.McpSchema;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * The three meta-tools as {@code tools/list} shows them. Their descriptions are all an agent knows of the tools
 * behind them, so they say the order of use; they are kept short because they are the whole tool list. Schemas are
 * written as JSON so that their order on the wire is the order written here.
 */
final class MetaToolShapes {

    private static final McpSchema.Tool SEARCH = McpSchema.Tool.builder().name(DiscoveryTools.SEARCH)
            .title("Search tools")
            .description("Find the tools for a task among all this server offers. Describe the task in plain "
                    + "words (e.g. 'diff of pull request 12', 'run a notebook cell'); best matches first, with "
                    + "name, one-line description and whether it only reads. Then describe_tools, then call_tool.")
            .inputSchema(schema("""
                    {"type":"object","properties":{
                      "query":{"type":"string","minLength":1,"description":"What you want done"},
                      "adapter":{"type":"string","description":"Only this adapter's tools (e.g. github, filesystem)"},
                      "limit":{"type":"integer","minimum":1,"maximum":%d,"description":"Most results (default %d)"}},
                     "required":["query"],"additionalProperties":false}
                    """.formatted(DiscoveryTools.MAX_LIMIT, DiscoveryTools.DEFAULT_LIMIT)))
            .annotations(new McpSchema.ToolAnnotations("Search tools", true, false, true, false, null))
            .build();

    private static final McpSchema.Tool DESCRIBE = McpSchema.Tool.builder().name(DiscoveryTools.DESCRIBE)
            .title("Describe tools")
            .description("The full definitions of tools found with search_tools: description, input schema (the "
                    + "arguments call_tool needs), output schema and annotations.")
            .inputSchema(schema("""
                    {"type":"object","properties":{
                      "names":{"type":"array","items":{"type":"string"},"minItems":1,"maxItems":20,
                               "description":"Tool names from search_tools"}},
                     "required":["names"],"additionalProperties":false}
                    """))
            .annotations(new McpSchema.ToolAnnotations("Describe tools", true, false, true, false, null))
            .build();

    private static final McpSchema.Tool CALL = McpSchema.Tool.builder().name(DiscoveryTools.CALL)
            .title("Call a tool")
            .description("Run a tool found with search_tools, with arguments that fit the input schema "
                    + "describe_tools gave. Returns the tool's own result.")
            .inputSchema(schema("""
                    {"type":"object","properties":{
                      "name":{"type":"string","minLength":1,"description":"The tool's name"},
                      "arguments":{"type":"object","description":"The tool's arguments"}},
                     "required":["name"],"additionalProperties":false}
                    """))
            .build();

    private MetaToolShapes() {
    }

    private static Map<String, Object> schema(String json) {
        try {
            return new ObjectMapper().readValue(json, new TypeReference<>() {
            });
        } catch (IOException e) {
            throw new UncheckedIOException("a meta-tool's schema is not valid JSON", e);
        }
    }

    static McpSchema.Tool search() {
        return SEARCH;
    }

    static McpSchema.Tool describe() {
        return DESCRIBE;
    }

    static McpSchema.Tool call() {
        return CALL;
    }
}
