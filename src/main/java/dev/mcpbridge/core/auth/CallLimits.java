package dev.mcpbridge.core.auth;

import dev.mcpbridge.core.config.BridgeConfig;
import dev.mcpbridge.core.config.ConfigException;
import dev.mcpbridge.core.spi.Durations;
import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import io.github.resilience4j.ratelimiter.internal.AtomicRateLimiter;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;

/**
 * Per caller, on this instance: how many tool calls per window ({@code limits.calls} per {@code limits.window},
 * resilience4j's rate limiter, fixed windows) and how many running at once ({@code limits.inFlight}). The local user
 * is not limited: it is the machine's own.
 */
public final class CallLimits {

    public static final CallLimits NONE = new CallLimits(0, Duration.ofMinutes(1), 0);

    private final int calls;
    private final Duration window;
    private final int inFlight;
    private final RateLimiterConfig rate;
    private final Map<String, AtomicRateLimiter> rates = new ConcurrentHashMap<>();
    private final Map<String, Semaphore> running = new ConcurrentHashMap<>();

    CallLimits(int calls, Duration window, int inFlight) {
        this.calls = calls;
        this.window = window;
        this.inFlight = inFlight;
        this.rate = calls == 0 ? null : RateLimiterConfig.custom().limitForPeriod(calls).limitRefreshPeriod(window)
                .timeoutDuration(Duration.ZERO).build();
    }

    public static CallLimits from(BridgeConfig config) {
        BridgeConfig.Limits limits = config.limits;
        if (limits.calls < 0) {
            throw new ConfigException(config.origins().where("limits.calls") + ": expected 0 (no limit) or more "
                    + "calls per window, got " + limits.calls);
        }
        if (limits.inFlight < 0) {
            throw new ConfigException(config.origins().where("limits.inFlight") + ": expected 0 (no limit) or more "
                    + "calls running at once, got " + limits.inFlight);
        }
        long millis;
        try {
            millis = Durations.parseMillis(limits.window);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(config.origins().where("limits.window") + ": " + e.getMessage());
        }
        if (millis <= 0) {
            throw new ConfigException(config.origins().where("limits.window") + ": expected a window longer than "
                    + "zero, e.g. 1m");
        }
        return new CallLimits(limits.calls, Duration.ofMillis(millis), limits.inFlight);
    }

    /** A refusal: what was exceeded, and when the caller may try again. */
    public record Refusal(String message, Duration retryAfter) {

        /** Retry-After in whole seconds, rounded up, at least 1. */
        public long retryAfterSeconds() {
            return seconds(retryAfter);
        }

        static long seconds(Duration wait) {
            return Math.max(1, (wait.toMillis() + 999) / 1000);
        }
    }

    /** Takes one call of the caller's window; empty when it may go ahead. */
    public Optional<Refusal> takeCall(Caller caller) {
        if (rate == null || caller.kind() == Caller.Kind.LOCAL) {
            return Optional.empty();
        }
        AtomicRateLimiter limiter = rates.computeIfAbsent(key(caller),
                name -> (AtomicRateLimiter) RateLimiter.of(name, rate));
        if (limiter.acquirePermission()) {
            return Optional.empty();
        }
        Duration wait = Duration.ofNanos(Math.max(0, limiter.getDetailedMetrics().getNanosToWait()));
        return Optional.of(new Refusal("Rate limit: " + caller.describe() + " may make " + calls + " tool call(s) per "
                + human(window) + " (limits.calls, limits.window); retry after " + Refusal.seconds(wait) + " s", wait));
    }

    /**
     * Counts a call as running until the returned release is run; empty when the caller already has
     * {@code limits.inFlight} calls running.
     */
    public Optional<Runnable> enter(Caller caller) {
        if (inFlight == 0 || caller.kind() == Caller.Kind.LOCAL) {
            return Optional.of(() -> { });
        }
        Semaphore slots = running.computeIfAbsent(key(caller), name -> new Semaphore(inFlight));
        if (!slots.tryAcquire()) {
            return Optional.empty();
        }
        java.util.concurrent.atomic.AtomicBoolean released = new java.util.concurrent.atomic.AtomicBoolean();
        return Optional.of(() -> {
            if (released.compareAndSet(false, true)) {
                slots.release();
            }
        });
    }

    /** The tool error of a call refused by {@link #enter}. */
    public String busy(Caller caller) {
        return "Too many calls running: " + caller.describe() + " may have " + inFlight + " tool call(s) running at "
                + "once (limits.inFlight); retry when one of them has finished";
    }

    private static String key(Caller caller) {
        return caller.kind() + ":" + caller.name();
    }

    private static String human(Duration d) {
        long ms = d.toMillis();
        if (ms % 60_000 == 0) {
            return ms / 60_000 + " min";
        }
        return ms % 1000 == 0 ? ms / 1000 + " s" : ms + " ms";
    }
}
