package dev.mcpbridge.core.pipeline;

import dev.mcpbridge.core.spi.ToolCallContext;
import org.apache.camel.Exchange;

/** The route's first and last bookkeeping steps: the call's {@link CallRecord}, and how the call really ended. */
public final class CallRecords {

    /** Step: the record, for the tool the route was made for. */
    public void begin(Exchange exchange) {
        CallRecord.begin(exchange, exchange.getProperty("mcp.adapter", String.class),
                exchange.getProperty("mcp.tool", String.class));
    }

    /**
     * Step: a handler that noticed the cancellation and returned quietly still did not do its work, so the
     * call is recorded as timed out or cancelled, not as a success.
     */
    public void end(Exchange exchange) {
        CallRecord call = CallRecord.of(exchange);
        ToolCallContext context = exchange.getProperty(ToolCallContext.PROPERTY, ToolCallContext.class);
        if (call.outcome() != CallRecord.Outcome.OK || context == null) {
            return;
        }
        if (context.timedOut()) {
            call.failed(CallRecord.Outcome.TIMEOUT, "timeout", null);
        } else if (context.cancelled()) {
            call.failed(CallRecord.Outcome.CANCELLED, "cancelled", null);
        }
    }
}
