package dev.mcpbridge.core.pipeline;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.camel.Exchange;

/**
 * Per tool: calls by outcome with a duration histogram ({@code mcp_tool_calls_seconds}), errors
 * ({@code mcp_tool_errors_total}) and calls in flight ({@code mcp_tool_calls_in_flight}), in a Micrometer
 * registry that {@code GET /metrics} serves as Prometheus text.
 *
 * <p>Off until {@link #enable()}: only the HTTP transport has an endpoint to read them from, and on stdio (a Roo
 * workspace's server) the registry would cost memory for numbers nobody can see.
 */
public final class CallMetrics {

    private static final Duration[] BUCKETS = {Duration.ofMillis(5), Duration.ofMillis(25), Duration.ofMillis(100),
        Duration.ofMillis(250), Duration.ofSeconds(1), Duration.ofMillis(2500), Duration.ofSeconds(10),
        Duration.ofSeconds(30), Duration.ofSeconds(60)};

    private volatile PrometheusMeterRegistry registry;
    private final Map<String, AtomicInteger> inFlight = new ConcurrentHashMap<>();
    /** Meters by tool and outcome, so a call looks them up once in a map instead of building them again. */
    private final Map<String, Timer> timers = new ConcurrentHashMap<>();
    private final Map<String, Counter> errors = new ConcurrentHashMap<>();

    /** Starts counting; calls before this are not counted. */
    public synchronized CallMetrics enable() {
        if (registry == null) {
            registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        }
        return this;
    }

    /** Step: the call is in flight. */
    public void started(Exchange exchange) {
        if (registry == null) {
            return;
        }
        CallRecord call = CallRecord.of(exchange);
        gauge(call).incrementAndGet();
    }

    /** Step: the call ended; its duration goes into the histogram of its outcome. */
    public void finished(Exchange exchange) {
        PrometheusMeterRegistry registry = this.registry;
        if (registry == null) {
            return;
        }
        CallRecord call = CallRecord.of(exchange);
        gauge(call).decrementAndGet();
        String outcome = call.outcome().label();
        timers.computeIfAbsent(call.tool() + '\u0000' + outcome, key -> Timer.builder("mcp.tool.calls")
                .description("Tool calls through the call route, by outcome")
                .tags("adapter", call.adapter(), "tool", call.tool(), "outcome", outcome)
                .serviceLevelObjectives(BUCKETS)
                .register(registry)).record(call.durationNanos(), TimeUnit.NANOSECONDS);
        if (call.outcome() != CallRecord.Outcome.OK) {
            errors.computeIfAbsent(call.tool() + '\u0000' + outcome, key -> Counter.builder("mcp.tool.errors")
                    .description("Tool calls that did not succeed")
                    .tags("adapter", call.adapter(), "tool", call.tool(), "outcome", outcome)
                    .register(registry)).increment();
        }
    }

    private AtomicInteger gauge(CallRecord call) {
        return inFlight.computeIfAbsent(call.tool(), tool -> {
            AtomicInteger count = new AtomicInteger();
            Gauge.builder("mcp.tool.calls.in.flight", count, AtomicInteger::get)
                    .description("Tool calls running now")
                    .tags("adapter", call.adapter(), "tool", tool)
                    .register(registry);
            return count;
        });
    }

    /** The registry's meters as Prometheus text (version 0.0.4). */
    public String scrape() {
        PrometheusMeterRegistry registry = this.registry;
        return registry == null ? "" : registry.scrape();
    }

    public String contentType() {
        return "text/plain; version=0.0.4; charset=utf-8";
    }
}
