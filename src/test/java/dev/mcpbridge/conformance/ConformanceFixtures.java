package dev.mcpbridge.conformance;

import dev.mcpbridge.core.spi.ToolCallContext;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.Content;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.camel.ExchangeProperty;

/** The conformance fixtures that need MCP content types or the call context. */
public class ConformanceFixtures {

    static final String PNG = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==";
    static final String WAV = "UklGRiYAAABXQVZFZm10IBAAAAABAAEAQB8AAAB9AAACABAAZGF0YQIAAAA=";

    public Content image() {
        return new McpSchema.ImageContent(null, PNG, "image/png");
    }

    public Content audio() {
        return new McpSchema.AudioContent(null, WAV, "audio/wav");
    }

    public Content embeddedResource() {
        return new McpSchema.EmbeddedResource(null, new McpSchema.TextResourceContents("test://embedded-resource",
                "text/plain", "This is an embedded resource content."));
    }

    public List<Content> mixed() {
        return List.of(new McpSchema.TextContent("Multiple content types test:"),
                new McpSchema.ImageContent(null, PNG, "image/png"),
                new McpSchema.EmbeddedResource(null, new McpSchema.TextResourceContents(
                        "test://mixed-content-resource", "application/json", "{\"test\":\"data\",\"value\":123}")));
    }

    public String logging(@ExchangeProperty(ToolCallContext.PROPERTY) ToolCallContext ctx) throws InterruptedException {
        ctx.log("info", "Tool execution started");
        Thread.sleep(50);
        ctx.log("info", "Tool processing data");
        Thread.sleep(50);
        ctx.log("info", "Tool execution completed");
        return "Tool with logging executed successfully";
    }

    public String progress(@ExchangeProperty(ToolCallContext.PROPERTY) ToolCallContext ctx) throws InterruptedException {
        ctx.progress(0, 100.0, "Completed step 0 of 100");
        Thread.sleep(50);
        ctx.progress(50, 100.0, "Completed step 50 of 100");
        Thread.sleep(50);
        ctx.progress(100, 100.0, "Completed step 100 of 100");
        return "Progress tool completed";
    }

    public String sampling(Map<String, Object> args, @ExchangeProperty(ToolCallContext.PROPERTY) ToolCallContext ctx) {
        Map<String, Object> params = Map.of("messages",
                List.of(Map.of("role", "user", "content", Map.of("type", "text", "text", args.get("prompt")))),
                "maxTokens", 100);
        Map<String, Object> answer = ctx.requestFromClient("sampling/createMessage", params);
        Object content = answer.get("content");
        Object text = content instanceof Map<?, ?> c ? c.get("text") : content;
        return "LLM response: " + text;
    }

    public String elicitation(Map<String, Object> args, @ExchangeProperty(ToolCallContext.PROPERTY) ToolCallContext ctx) {
        Map<String, Object> schema = Map.of("type", "object",
                "properties", Map.of(
                        "username", Map.of("type", "string", "description", "User's response"),
                        "email", Map.of("type", "string", "description", "User's email address")),
                "required", List.of("username", "email"));
        Map<String, Object> answer = ctx.requestFromClient("elicitation/create",
                Map.of("message", args.get("message"), "requestedSchema", schema));
        return "User response: action=" + answer.get("action") + ", content=" + answer.get("content");
    }

    public String elicitationDefaults(@ExchangeProperty(ToolCallContext.PROPERTY) ToolCallContext ctx) {
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("name", Map.of("type", "string", "description", "User name", "default", "John Doe"));
        properties.put("age", Map.of("type", "integer", "description", "User age", "default", 30));
        properties.put("score", Map.of("type", "number", "description", "User score", "default", 95.5));
        properties.put("status", Map.of("type", "string", "description", "User status",
                "enum", List.of("active", "inactive", "pending"), "default", "active"));
        properties.put("verified", Map.of("type", "boolean", "description", "Verification status", "default", true));
        Map<String, Object> answer = ctx.requestFromClient("elicitation/create", Map.of(
                "message", "Please review and update the form fields with defaults",
                "requestedSchema", Map.of("type", "object", "properties", properties, "required", List.of())));
        return "Elicitation completed: action=" + answer.get("action") + ", content=" + answer.get("content");
    }

    public String elicitationEnums(@ExchangeProperty(ToolCallContext.PROPERTY) ToolCallContext ctx) {
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("untitledSingle", Map.of("type", "string", "description", "Select one option",
                "enum", List.of("option1", "option2", "option3")));
        properties.put("titledSingle", Map.of("type", "string", "description", "Select one option with titles",
                "oneOf", List.of(Map.of("const", "value1", "title", "First Option"),
                        Map.of("const", "value2", "title", "Second Option"),
                        Map.of("const", "value3", "title", "Third Option"))));
        properties.put("legacyEnum", Map.of("type", "string", "description", "Select one option (legacy)",
                "enum", List.of("opt1", "opt2", "opt3"),
                "enumNames", List.of("Option One", "Option Two", "Option Three")));
        properties.put("untitledMulti", Map.of("type", "array", "description", "Select multiple options",
                "minItems", 1, "maxItems", 3,
                "items", Map.of("type", "string", "enum", List.of("option1", "option2", "option3"))));
        properties.put("titledMulti", Map.of("type", "array", "description", "Select multiple options with titles",
                "minItems", 1, "maxItems", 3,
                "items", Map.of("anyOf", List.of(Map.of("const", "value1", "title", "First Choice"),
                        Map.of("const", "value2", "title", "Second Choice"),
                        Map.of("const", "value3", "title", "Third Choice")))));
        Map<String, Object> answer = ctx.requestFromClient("elicitation/create", Map.of(
                "message", "Please select options from the enum fields",
                "requestedSchema", Map.of("type", "object", "properties", properties, "required", List.of())));
        return "Elicitation completed: action=" + answer.get("action") + ", content=" + answer.get("content");
    }

    public byte[] png() {
        return Base64.getDecoder().decode(PNG);
    }

    public List<McpSchema.PromptMessage> promptWithResource(Map<String, Object> args) {
        String uri = String.valueOf(args.get("resourceUri"));
        return List.of(
                new McpSchema.PromptMessage(McpSchema.Role.USER, new McpSchema.EmbeddedResource(null,
                        new McpSchema.TextResourceContents(uri, "text/plain", "Embedded resource content for testing."))),
                new McpSchema.PromptMessage(McpSchema.Role.USER,
                        new McpSchema.TextContent("Please process the embedded resource above.")));
    }

    public List<McpSchema.PromptMessage> promptWithImage() {
        return List.of(
                new McpSchema.PromptMessage(McpSchema.Role.USER, new McpSchema.ImageContent(null, PNG, "image/png")),
                new McpSchema.PromptMessage(McpSchema.Role.USER, new McpSchema.TextContent("Please analyze the image above.")));
    }
}
