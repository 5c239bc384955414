package dev.mcpbridge.core.pipeline;

import dev.mcpbridge.core.adapter.AdapterDescriptor;
import dev.mcpbridge.core.spi.ToolCallContext;
import dev.mcpbridge.core.spi.ToolException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One Resilience4j circuit breaker per adapter that declares {@code breaker:} (those that call an outside
 * service). After enough failures of the service's own making — it did not answer in time, the connection failed,
 * an unexpected error — its calls fail at once with a message saying when it will be tried again, instead of each
 * waiting out its timeout. A caller's mistake (a {@link ToolException}: bad path, unknown repository) or a
 * cancellation by the client is not the service failing and is not counted.
 */
public final class AdapterBreakers {

    private static final Logger LOG = LoggerFactory.getLogger("mcp-bridge.breakers");
    private static final String ADMITTED = "mcp.breaker.admitted";

    private final Map<String, CircuitBreaker> breakers = new ConcurrentHashMap<>();
    private final Map<String, Instant> openedAt = new ConcurrentHashMap<>();
    private final Map<String, Long> openMillis = new ConcurrentHashMap<>();
    private final Map<String, List<String>> except = new ConcurrentHashMap<>();
    /** Served names of the tools whose adapter's breaker leaves them out. */
    private final java.util.Set<String> exempt = ConcurrentHashMap.newKeySet();

    public AdapterBreakers(List<AdapterDescriptor> adapters) {
        for (AdapterDescriptor adapter : adapters) {
            AdapterDescriptor.Breaker declared = adapter.breaker();
            if (declared == null) {
                continue;
            }
            CircuitBreakerConfig config = CircuitBreakerConfig.custom()
                    .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                    .slidingWindowSize(declared.window())
                    .minimumNumberOfCalls(declared.failures())
                    .failureRateThreshold(100f * declared.failures() / declared.window())
                    .waitDurationInOpenState(Duration.ofMillis(declared.openMillis()))
                    .permittedNumberOfCallsInHalfOpenState(1)
                    .build();
            CircuitBreaker breaker = CircuitBreaker.of(adapter.name(), config);
            breaker.getEventPublisher().onStateTransition(event -> {
                if (event.getStateTransition().getToState() == CircuitBreaker.State.OPEN) {
                    openedAt.put(adapter.name(), Instant.now());
                    LOG.warn("adapter '{}' is failing: its calls fail fast for {} s", adapter.name(),
                            declared.openMillis() / 1000);
                } else if (event.getStateTransition().getToState() == CircuitBreaker.State.CLOSED) {
                    LOG.info("adapter '{}' answers again", adapter.name());
                }
            });
            breakers.put(adapter.name(), breaker);
            openMillis.put(adapter.name(), declared.openMillis());
            except.put(adapter.name(), declared.except());
        }
    }

    /** Tells the breakers which name a tool is served under, so that the descriptor's {@code except:} finds it. */
    void serves(String adapter, String declaredName, String servedName) {
        if (except.getOrDefault(adapter, List.of()).contains(declaredName)) {
            exempt.add(servedName);
        }
    }

    /** The breaker of an adapter, or null when it has none. */
    CircuitBreaker of(String adapter) {
        return breakers.get(adapter);
    }

    /** Step before the handler: lets the call through, or refuses it at once while the breaker is open. */
    public void admit(Exchange exchange) {
        CallRecord call = CallRecord.of(exchange);
        CircuitBreaker breaker = breakers.get(call.adapter());
        if (breaker == null || exempt.contains(call.tool())) {
            return;
        }
        if (!breaker.tryAcquirePermission()) {
            throw new BreakerOpenException("Service '" + call.adapter() + "' is failing ("
                    + Math.round(breaker.getMetrics().getFailureRate()) + " % of its last "
                    + breaker.getMetrics().getNumberOfBufferedCalls() + " calls failed); calls to it fail at once for "
                    + "now, and it is tried again in " + secondsUntilRetry(call.adapter()) + " s.");
        }
        exchange.setProperty(ADMITTED, Boolean.TRUE);
    }

    /** Step after the call, success or not: tells the breaker how the service did. */
    public void record(Exchange exchange) {
        if (exchange.getProperty(ADMITTED) == null) {
            return;
        }
        exchange.removeProperty(ADMITTED);
        CallRecord call = CallRecord.of(exchange);
        CircuitBreaker breaker = breakers.get(call.adapter());
        long nanos = call.durationNanos();
        Throwable caught = call.failure();
        ToolCallContext context = exchange.getProperty(ToolCallContext.PROPERTY, ToolCallContext.class);
        boolean timedOut = context != null && context.timedOut();
        if (timedOut || caught != null && isServiceFailure(caught, context)) {
            breaker.onError(nanos, TimeUnit.NANOSECONDS,
                    caught != null ? caught : new java.util.concurrent.TimeoutException("timed out"));
        } else if (caught == null) {
            breaker.onSuccess(nanos, TimeUnit.NANOSECONDS);
        } else {
            breaker.releasePermission();
        }
    }

    private static boolean isServiceFailure(Throwable caught, ToolCallContext context) {
        if (context != null && context.cancelled()) {
            return false;
        }
        Throwable cause = ErrorMessages.unwrap(caught);
        if (cause instanceof ToolException) {
            // A tool's own message is a refusal or the service's answer to a bad request, unless an I/O failure
            // (connection refused, reset, timed out) is behind it.
            return hasIoCause(cause);
        }
        return !(cause instanceof IllegalArgumentException);
    }

    private static boolean hasIoCause(Throwable e) {
        for (Throwable t = e; t != null && t.getCause() != t; t = t.getCause()) {
            if (t instanceof java.io.IOException || t instanceof java.io.UncheckedIOException) {
                return true;
            }
        }
        return false;
    }

    private long secondsUntilRetry(String adapter) {
        Instant opened = openedAt.get(adapter);
        long wait = openMillis.getOrDefault(adapter, 0L);
        if (opened == null) {
            return Math.max(1, wait / 1000);
        }
        long left = wait - Duration.between(opened, Instant.now()).toMillis();
        return Math.max(1, (left + 999) / 1000);
    }
}
