package dev.mcpbridge.core.pipeline;

/** A call refused at once because its adapter's circuit breaker is open. */
final class BreakerOpenException extends RuntimeException {

    BreakerOpenException(String message) {
        super(message, null, false, false);
    }
}
