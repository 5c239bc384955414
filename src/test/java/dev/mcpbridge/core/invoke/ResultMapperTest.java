package dev.mcpbridge.core.invoke;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpbridge.core.adapter.AdapterDescriptor.Annotations;
import dev.mcpbridge.core.adapter.AdapterDescriptor.ToolSpec;
import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ResultMapperTest {

    private final ResultMapper mapper = new ResultMapper(McpJsonDefaults.getSchemaValidator());
    private static final Map<String, Object> OUTPUT = Map.of("type", "object",
            "properties", Map.of("count", Map.of("type", "integer")), "required", List.of("count"));

    private static ToolSpec tool(Map<String, Object> output) {
        return new ToolSpec("t", null, "d", new Annotations(null, null, null, null), "direct:t",
                Map.of("type", "object"), output, null, null, null);
    }

    private static String text(CallToolResult r) {
        return ((McpSchema.TextContent) r.content().get(0)).text();
    }

    @Test
    void stringBecomesText() {
        CallToolResult r = mapper.map(tool(null), "hello");
        assertThat(r.isError()).isFalse();
        assertThat(text(r)).isEqualTo("hello");
        assertThat(r.structuredContent()).isNull();
    }

    @Test
    void anErrorReportWithoutDataIsAnErrorWithItsText() {
        CallToolResult r = mapper.map(tool(null), new dev.mcpbridge.core.spi.TextResult("every item failed", null, true));
        assertThat(r.isError()).isTrue();
        assertThat(text(r)).isEqualTo("every item failed");
        assertThat(r.structuredContent()).isNull();
    }

    @Test
    void streamsAndBytesAreReadAsText() {
        assertThat(text(mapper.map(tool(null), "abc".getBytes(StandardCharsets.UTF_8)))).isEqualTo("abc");
        assertThat(text(mapper.map(tool(null), new ByteArrayInputStream("xyz".getBytes(StandardCharsets.UTF_8)))))
                .isEqualTo("xyz");
    }

    @Test
    void mapWithoutOutputSchemaIsJsonTextOnly() {
        CallToolResult r = mapper.map(tool(null), Map.of("count", 2));
        assertThat(text(r)).isEqualTo("{\"count\":2}");
        assertThat(r.structuredContent()).isNull();
    }

    @Test
    void mapWithOutputSchemaIsAlsoStructuredContent() {
        CallToolResult r = mapper.map(tool(OUTPUT), Map.of("count", 2));
        assertThat(r.isError()).isFalse();
        assertThat(r.structuredContent()).isEqualTo(Map.of("count", 2));
        assertThat(text(r)).isEqualTo("{\"count\":2}");
    }

    @Test
    void jsonTextFromAnHttpRouteIsParsedWhenAnOutputSchemaExists() {
        CallToolResult r = mapper.map(tool(OUTPUT), "{\"count\": 7}");
        assertThat(r.structuredContent()).isEqualTo(Map.of("count", 7));
    }

    @Test
    void structuredOutputThatBreaksTheSchemaIsAnError() {
        CallToolResult r = mapper.map(tool(OUTPUT), Map.of("count", "many"));
        assertThat(r.isError()).isTrue();
        assertThat(text(r)).startsWith("tool 't' returned output that does not match its output schema");
    }

    @Test
    void nonJsonOutputForAnOutputSchemaIsAnError() {
        CallToolResult r = mapper.map(tool(OUTPUT), "not json");
        assertThat(r.isError()).isTrue();
        assertThat(text(r)).contains("not JSON");
    }

    @Test
    void readyResultsAndContentPassAsTheyAre() {
        CallToolResult ready = CallToolResult.builder().addTextContent("x").isError(true).build();
        assertThat(mapper.map(tool(null), ready)).isSameAs(ready);
        McpSchema.ImageContent image = new McpSchema.ImageContent(null, "AAAA", "image/png");
        assertThat(mapper.map(tool(null), image).content()).containsExactly(image);
        List<McpSchema.Content> parts = List.of(new McpSchema.TextContent("a"), image);
        assertThat(mapper.map(tool(null), parts).content()).containsExactlyElementsOf(parts);
    }
}
