package dev.mcpbridge.core.mcp;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/**
 * The requests of one session still being answered, so that {@code notifications/cancelled} can stop one: its
 * handling is disposed, which cancels the tool's worker, and no response is sent (as the protocol asks).
 */
final class InFlightRequests {

    static final String CANCELLED = "notifications/cancelled";

    private final Map<String, Sinks.One<Boolean>> running = new ConcurrentHashMap<>();

    <T> Mono<T> track(Object requestId, Mono<T> handling) {
        String key = String.valueOf(requestId);
        Sinks.One<Boolean> cancel = Sinks.one();
        return Mono.defer(() -> {
            running.put(key, cancel);
            return handling.takeUntilOther(cancel.asMono());
        }).doFinally(signal -> running.remove(key, cancel));
    }

    /** Cancels the request named in a {@code notifications/cancelled} params object; unknown ids are ignored. */
    void cancel(Object params) {
        if (params instanceof Map<?, ?> map && map.get("requestId") != null) {
            Sinks.One<Boolean> cancel = running.get(String.valueOf(map.get("requestId")));
            if (cancel != null) {
                cancel.tryEmitValue(Boolean.TRUE);
            }
        }
    }
}
