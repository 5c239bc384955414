package dev.mcpbridge.core.pipeline;

import dev.mcpbridge.core.spi.ToolCallContext;
import org.apache.camel.Exchange;

/**
 * The route's error translation: whatever the handler threw becomes a {@link CallFailure} body with the message
 * the user sees ({@link Failures}: a tool's own message as is, anything else by its kind and a log reference), and
 * the call's outcome is recorded as an error, a timeout or a cancellation.
 */
public final class CallFailures {

    private final Failures failures;

    public CallFailures(Failures failures) {
        this.failures = failures;
    }

    /** Step of the route's {@code doCatch}: the caught exception is the exchange's {@code CamelExceptionCaught}. */
    public void translate(Exchange exchange) {
        Throwable caught = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        CallRecord call = CallRecord.of(exchange);
        ToolCallContext context = exchange.getProperty(ToolCallContext.PROPERTY, ToolCallContext.class);
        if (context != null && context.timedOut()) {
            call.failed(CallRecord.Outcome.TIMEOUT, "timeout", caught);
        } else if (context != null && context.cancelled()) {
            call.failed(CallRecord.Outcome.CANCELLED, "cancelled", caught);
        } else if (context != null && context.awaitingInput()) {
            call.failed(CallRecord.Outcome.INPUT_REQUIRED, "input-required", caught);
        } else if (caught instanceof BreakerOpenException) {
            call.failed(CallRecord.Outcome.REFUSED, "breaker-open", caught);
        } else {
            call.failed(CallRecord.Outcome.ERROR, ErrorMessages.unwrap(caught).getClass().getSimpleName(), caught);
        }
        String message = caught instanceof BreakerOpenException open ? open.getMessage()
                : failures.describe("Tool '" + call.tool() + "'", caught);
        boolean internal = call.outcome() == CallRecord.Outcome.ERROR
                && !(ErrorMessages.unwrap(caught) instanceof dev.mcpbridge.core.spi.ToolException);
        exchange.getMessage().setBody(new CallFailure(message, internal));
    }
}
