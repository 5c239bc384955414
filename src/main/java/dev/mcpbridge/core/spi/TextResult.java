package dev.mcpbridge.core.spi;

/**
 * A route's answer whose text for the model differs from its structured data: the text becomes the text content,
 * the data becomes structuredContent (validated against the tool's output schema).
 *
 * @param error the answer reports a failure (isError) while still carrying its data, e.g. a command that ran and
 *     exited non-zero
 */
public record TextResult(String text, Object data, boolean error) {

    public TextResult(String text, Object data) {
        this(text, data, false);
    }
}
