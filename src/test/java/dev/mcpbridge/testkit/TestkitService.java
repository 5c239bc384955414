package dev.mcpbridge.testkit;

import dev.mcpbridge.core.spi.ToolCallContext;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.camel.ExchangeProperty;

/** Service behind the test-only testkit adapter; its static counters let tests see what really ran. */
public class TestkitService {

    public static final AtomicInteger RUNNING = new AtomicInteger();
    public static final AtomicInteger INTERRUPTED = new AtomicInteger();
    public static final AtomicInteger FINISHED = new AtomicInteger();

    public String sleep(Map<String, Object> args, @ExchangeProperty(ToolCallContext.PROPERTY) ToolCallContext ctx) {
        long millis = ((Number) args.get("millis")).longValue();
        RUNNING.incrementAndGet();
        try {
            Thread.sleep(millis);
            FINISHED.incrementAndGet();
            return "slept " + millis + " ms";
        } catch (InterruptedException e) {
            INTERRUPTED.incrementAndGet();
            Thread.currentThread().interrupt();
            return "interrupted (cancelled=" + ctx.cancelled() + ")";
        } finally {
            RUNNING.decrementAndGet();
        }
    }

    public String boom() {
        throw new IllegalStateException("internal detail: connection pool at 10.1.2.3 exhausted");
    }

    /** A route that puts the secret in its text and deep in its data, as a careless service might. */
    public dev.mcpbridge.core.spi.TextResult leak(@org.apache.camel.PropertyInject("testkit.apiKey") String key) {
        return new dev.mcpbridge.core.spi.TextResult("the key is " + key,
                Map.of("nested", Map.of("list", java.util.List.of("key=" + key))), true);
    }

    public Map<String, Object> stats(Map<String, Object> args) {
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("count", Boolean.TRUE.equals(args.get("bad")) ? "many" : 3);
        result.put("label", "items");
        return result;
    }
}
