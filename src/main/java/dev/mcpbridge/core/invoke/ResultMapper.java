package dev.mcpbridge.core.invoke;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.mcpbridge.core.adapter.AdapterDescriptor.ToolSpec;
import dev.mcpbridge.core.spi.TextResult;
import dev.mcpbridge.core.spi.ToolResult;
import io.modelcontextprotocol.json.schema.JsonSchemaValidator;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.Content;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Turns what a route answered into a tool result: a String becomes text; a Map, List or POJO becomes JSON text,
 * plus structuredContent (validated) when the tool declares an output schema; a ready {@link CallToolResult} or
 * {@link Content} parts pass as they are.
 */
public final class ResultMapper {

    private final ObjectMapper json = new ObjectMapper().disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
            .findAndRegisterModules();
    private final JsonSchemaValidator validator;

    public ResultMapper(JsonSchemaValidator validator) {
        this.validator = validator;
    }

    public CallToolResult map(ToolSpec tool, Object body) {
        if (body instanceof CallToolResult ready) {
            return ready;
        }
        if (body instanceof Content part) {
            return CallToolResult.builder().addContent(part).isError(false).build();
        }
        if (body instanceof Collection<?> parts && !parts.isEmpty() && parts.stream().allMatch(Content.class::isInstance)) {
            List<Content> content = new ArrayList<>();
            parts.forEach(p -> content.add((Content) p));
            return CallToolResult.builder().content(content).isError(false).build();
        }
        if (body instanceof ToolResult parts) {
            return fromParts(parts);
        }
        if (body instanceof TextResult both) {
            CallToolResult result = withText(tool, both.text(), both.data());
            if (!both.error() || Boolean.TRUE.equals(result.isError())) {
                return result;
            }
            // A report whose every item failed: an error that still carries its text (and data, when there is any).
            CallToolResult.Builder error = CallToolResult.builder().content(result.content()).isError(true);
            return (result.structuredContent() == null ? error : error.structuredContent(result.structuredContent()))
                    .build();
        }
        Object value = readStreams(body);
        if (tool.outputSchema() != null) {
            return structured(tool, value);
        }
        if (value == null) {
            return text("");
        }
        if (value instanceof String s) {
            return text(s);
        }
        return text(toJson(value));
    }

    private CallToolResult fromParts(ToolResult result) {
        List<Content> content = new ArrayList<>();
        for (ToolResult.Part part : result.parts()) {
            content.add(content(part));
        }
        CallToolResult.Builder built = CallToolResult.builder().content(content).isError(result.error());
        if (result.data() != null) {
            built.structuredContent(json.convertValue(result.data(), Object.class));
        }
        return built.build();
    }

    private static Content content(ToolResult.Part part) {
        if (part instanceof ToolResult.Text t) {
            return new McpSchema.TextContent(t.text());
        }
        if (part instanceof ToolResult.Image i) {
            return new McpSchema.ImageContent(null, i.base64(), i.mimeType());
        }
        if (part instanceof ToolResult.Audio a) {
            return new McpSchema.AudioContent(null, a.base64(), a.mimeType());
        }
        ToolResult.EmbeddedBlob b = (ToolResult.EmbeddedBlob) part;
        return new McpSchema.EmbeddedResource(null, new McpSchema.BlobResourceContents(b.uri(), b.mimeType(),
                b.base64()));
    }

    private CallToolResult withText(ToolSpec tool, String text, Object data) {
        if (tool.outputSchema() == null || data == null) {
            return text(text);
        }
        Object structured = json.convertValue(data, Object.class);
        JsonSchemaValidator.ValidationResponse check = validator.validate(tool.outputSchema(), structured);
        if (!check.valid()) {
            return error("tool '" + tool.name() + "' returned output that does not match its output schema: "
                    + check.errorMessage());
        }
        return CallToolResult.builder().addTextContent(text).structuredContent(structured).isError(false).build();
    }

    private CallToolResult structured(ToolSpec tool, Object value) {
        Object structured;
        try {
            structured = value instanceof String s ? json.readValue(s, Object.class) : json.convertValue(value, Object.class);
        } catch (IOException | IllegalArgumentException e) {
            return error("tool '" + tool.name() + "' returned output that is not JSON, but it declares an output schema");
        }
        JsonSchemaValidator.ValidationResponse check = validator.validate(tool.outputSchema(), structured);
        if (!check.valid()) {
            return error("tool '" + tool.name() + "' returned output that does not match its output schema: "
                    + check.errorMessage());
        }
        return CallToolResult.builder().addTextContent(toJson(structured)).structuredContent(structured).isError(false)
                .build();
    }

    private static Object readStreams(Object body) {
        try {
            if (body instanceof InputStream in) {
                try (in) {
                    return new String(in.readAllBytes(), StandardCharsets.UTF_8);
                }
            }
            if (body instanceof byte[] bytes) {
                return new String(bytes, StandardCharsets.UTF_8);
            }
        } catch (IOException e) {
            throw new IllegalStateException("could not read the route's answer", e);
        }
        return body;
    }

    String toJson(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the route's answer cannot be written as JSON", e);
        }
    }

    static CallToolResult text(String text) {
        return CallToolResult.builder().addContent(new McpSchema.TextContent(text)).isError(false).build();
    }

    public static CallToolResult error(String message) {
        return CallToolResult.builder().addContent(new McpSchema.TextContent(message)).isError(true).build();
    }

    @SuppressWarnings("unchecked")
    public Map<String, Object> toMap(Object value) {
        return json.convertValue(value, Map.class);
    }
}
