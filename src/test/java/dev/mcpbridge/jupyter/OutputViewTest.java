package dev.mcpbridge.jupyter;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mcpbridge.core.spi.ToolResult;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Outputs as a model sees them, and their MCP result, without a server. */
class OutputViewTest {

    private static JsonNode json(String text) throws Exception {
        return JupyterApi.JSON.readTree(text);
    }

    @Test
    void ansiCodesAreRemoved() {
        assertThat(OutputView.stripAnsi("\u001b[0;31mValueError\u001b[0m: bad \u001b]8;;http://x\u0007link"))
                .isEqualTo("ValueError: bad link");
    }

    @Test
    void imagesBeyondTheCapsAreLeftOutWithANotice() throws Exception {
        JsonNode outputs = json("""
                [{"output_type": "display_data", "metadata": {}, "data": {"image/png": "AAAA", "text/plain": "<Figure>"}},
                 {"output_type": "display_data", "metadata": {}, "data": {"image/jpeg": "BBBB"}},
                 {"output_type": "display_data", "metadata": {}, "data": {"image/png": "%s"}},
                 {"output_type": "display_data", "metadata": {}, "data": {"application/pdf": "CCCC"}}]
                """.formatted("A".repeat(4000)));
        OutputView.Shaped shaped = new OutputView(1000, 2, 1000).shape(outputs);
        assertThat(shaped.images()).extracting(OutputView.Image::mimeType).containsExactly("image/png", "image/jpeg");
        assertThat(shaped.outputs().get(2).get("data").toString()).contains("not returned");
        assertThat(shaped.outputs().get(3).get("data").toString()).contains("application/pdf output of 4 characters not shown");
        assertThat(shaped.notices()).anyMatch(n -> n.contains("images beyond the first 2"));
        assertThat(shaped.text()).contains("<Figure>");
    }

    @Test
    void aReplyBecomesJsonTextThenImagesAndKeepsItsErrorFlag() {
        ToolResult result = Replies.result(new Reply(new java.util.LinkedHashMap<>(Map.of("status", "error")),
                List.of(new OutputView.Image("image/png", "AAAA")), true));
        assertThat(result.error()).isTrue();
        assertThat(result.parts()).hasSize(2);
        assertThat(((ToolResult.Text) result.parts().get(0)).text()).contains("\"status\" : \"error\"");
        assertThat(((ToolResult.Image) result.parts().get(1)).mimeType()).isEqualTo("image/png");
    }

    @Test
    void pythonLiteralsForParameters() {
        assertThat(PythonParameters.literal(Map.of("a", List.of(1.5, true)))).isEqualTo("{\"a\": [1.5, True]}");
        assertThat(PythonParameters.literal("line\nbreak \"q\" é")).isEqualTo("\"line\\nbreak \\\"q\\\" é\"");
        assertThat(PythonParameters.literal(null)).isEqualTo("None");
        assertThat(PythonParameters.cell(new java.util.LinkedHashMap<>(Map.of("x", 1)))).isEqualTo("# Parameters\nx = 1\n");
    }
}
