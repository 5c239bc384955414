package dev.mcpbridge.jupyter;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.modelcontextprotocol.spec.McpSchema;
import java.util.ArrayList;
import java.util.List;

/** Turns a {@link Reply} into the MCP tool result: its data as JSON text, then one image content per image. */
final class Replies {

    private Replies() {
    }

    static McpSchema.CallToolResult result(Reply reply) {
        List<McpSchema.Content> content = new ArrayList<>();
        try {
            content.add(new McpSchema.TextContent(JupyterApi.JSON.copy().enable(SerializationFeature.INDENT_OUTPUT)
                    .writeValueAsString(reply.data())));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a result that cannot be written as JSON", e);
        }
        for (OutputView.Image image : reply.images()) {
            content.add(new McpSchema.ImageContent(null, image.base64(), image.mimeType()));
        }
        return McpSchema.CallToolResult.builder().content(content).isError(reply.error()).build();
    }
}
