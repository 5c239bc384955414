package dev.mcpbridge.core.spi;

/**
 * A failure whose message is meant for the user: it becomes the text of an {@code isError: true} result as is
 * (after secrets are redacted). Any other exception is reported without its internal message.
 */
public class ToolException extends RuntimeException {

    public ToolException(String message) {
        super(message);
    }

    public ToolException(String message, Throwable cause) {
        super(message, cause);
    }
}
