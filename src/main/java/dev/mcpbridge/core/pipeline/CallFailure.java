package dev.mcpbridge.core.pipeline;

/**
 * The answer of a call that failed, as the route's error translation made it: the message the user sees in an
 * {@code isError} result, already free of stack traces and secrets.
 *
 * @param internal the bridge failed (an unexpected exception), rather than the tool reporting a failure
 */
public record CallFailure(String message, boolean internal) {

    public CallFailure(String message) {
        this(message, false);
    }
}
