package dev.mcpbridge.core.invoke;

import dev.mcpbridge.core.camel.CamelRuntime;
import dev.mcpbridge.core.pipeline.CallRecord;
import dev.mcpbridge.core.spi.ToolCallContext;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import org.apache.camel.Exchange;
import org.apache.camel.support.DefaultExchange;
import reactor.core.publisher.Mono;

/**
 * Sends one request through Camel on a worker thread, so that a slow route never blocks the protocol threads.
 * Waits for Camel to finish booting first; a timeout or a cancellation (the subscriber going away) interrupts the
 * worker and marks the context cancelled.
 */
public final class CamelCaller {

    private final CamelRuntime camel;
    private final ExecutorService workers;

    public CamelCaller(CamelRuntime camel, ExecutorService workers) {
        this.camel = camel;
        this.workers = workers;
    }

    /**
     * @param body the message body (tool arguments, a resource URI, prompt arguments)
     * @param variables exchange variables, so routes can write {@code ${variable.name}}
     * @return the body the route answered with; errors are the route's exception
     */
    public Mono<Object> request(String endpoint, Object body, Map<String, ?> variables, CallContext context,
            Duration timeout) {
        return Mono.fromFuture(camel.started(), true)
                .flatMap(started -> Mono.<Object>create(sink -> {
                    Future<?> work = workers.submit(() -> {
                        try {
                            Object answer = send(started, endpoint, body, variables, context);
                            if (answer == null) {
                                sink.success();
                            } else {
                                sink.success(answer);
                            }
                        } catch (Throwable e) {
                            sink.error(e);
                        }
                    });
                    sink.onCancel(() -> {
                        context.markCancelled();
                        work.cancel(true);
                    });
                }))
                // Marked before the timeout cancels the work, so the call route records a timeout, not a cancel.
                .timeout(Mono.delay(timeout).doOnNext(tick -> context.markTimedOut()));
    }

    private static Object send(CamelRuntime.Started camel, String endpoint, Object body, Map<String, ?> variables,
            CallContext context) throws Exception {
        Exchange exchange = new DefaultExchange(camel.context());
        exchange.getIn().setBody(body);
        variables.forEach(exchange::setVariable);
        exchange.setProperty(ToolCallContext.PROPERTY, context);
        exchange.getIn().setHeader(CallRecord.CLIENT_HEADER, context.client());
        exchange.getIn().setHeader(CallRecord.CALLER_HEADER, context.caller().describe());
        context.traceContext().forEach(exchange.getIn()::setHeader);
        Exchange done = camel.template().send(endpoint, exchange);
        if (done.getException() != null) {
            throw done.getException();
        }
        return done.getMessage().getBody();
    }
}
