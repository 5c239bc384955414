package dev.mcpbridge.jupyter;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.mcpbridge.core.spi.ToolResult;
import java.util.ArrayList;
import java.util.List;

/** Turns a {@link Reply} into the MCP tool result: its data as JSON text, then one image content per image. */
final class Replies {

    private Replies() {
    }

    static ToolResult result(Reply reply) {
        List<ToolResult.Part> content = new ArrayList<>();
        try {
            content.add(new ToolResult.Text(JupyterApi.JSON.copy().enable(SerializationFeature.INDENT_OUTPUT)
                    .writeValueAsString(reply.data())));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a result that cannot be written as JSON", e);
        }
        for (OutputView.Image image : reply.images()) {
            content.add(new ToolResult.Image(image.base64(), image.mimeType()));
        }
        return new ToolResult(content, null, reply.error());
    }
}
