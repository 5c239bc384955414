package dev.mcpbridge.core.spi;

/**
 * A route's answer whose text for the model differs from its structured data: the text becomes the text content,
 * the data becomes structuredContent (validated against the tool's output schema).
 */
public record TextResult(String text, Object data) {
}
