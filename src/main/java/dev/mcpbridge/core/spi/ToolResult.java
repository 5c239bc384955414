package dev.mcpbridge.core.spi;

import java.util.List;

/**
 * An answer of several parts or kinds — text, images, audio, an embedded file — with optional structured data:
 * what an adapter returns when a String, a record or a {@link TextResult} cannot say it. The protocol edge turns
 * it into the MCP result, so adapters never build MCP types themselves.
 *
 * @param data the structuredContent, or null for none
 * @param error the answer reports a failure while still carrying its parts and data
 */
public record ToolResult(List<Part> parts, Object data, boolean error) {

    public ToolResult {
        parts = List.copyOf(parts);
    }

    /** One part of the answer. */
    public sealed interface Part permits Text, Image, Audio, EmbeddedBlob {
    }

    public record Text(String text) implements Part {
    }

    /** @param base64 the image's bytes, base64-encoded */
    public record Image(String base64, String mimeType) implements Part {
    }

    /** @param base64 the sound's bytes, base64-encoded */
    public record Audio(String base64, String mimeType) implements Part {
    }

    /** A file given whole, as an embedded resource: its URI, type and base64-encoded bytes. */
    public record EmbeddedBlob(String uri, String mimeType, String base64) implements Part {
    }
}
