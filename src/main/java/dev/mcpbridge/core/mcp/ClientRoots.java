package dev.mcpbridge.core.mcp;

import io.modelcontextprotocol.server.McpAsyncServerExchange;
import io.modelcontextprotocol.spec.McpSchema;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

/**
 * The roots each client session declared: asked for on first use, replaced when the client sends
 * {@code notifications/roots/list_changed}. Bounded, so that many short HTTP sessions cannot grow it without end.
 */
final class ClientRoots {

    private static final Logger LOG = LoggerFactory.getLogger(ClientRoots.class);
    private static final int MAX_SESSIONS = 1000;
    private static final Duration ASK_TIMEOUT = Duration.ofSeconds(10);

    private final Map<String, List<String>> bySession = Collections.synchronizedMap(
            new LinkedHashMap<>(16, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, List<String>> eldest) {
                    return size() > MAX_SESSIONS;
                }
            });

    Mono<Void> changed(McpAsyncServerExchange exchange, List<McpSchema.Root> roots) {
        bySession.put(key(exchange), uris(roots));
        return Mono.empty();
    }

    List<String> of(McpAsyncServerExchange exchange) {
        List<String> known = bySession.get(key(exchange));
        if (known != null) {
            return known;
        }
        McpSchema.ClientCapabilities capabilities = exchange.getClientCapabilities();
        if (capabilities == null || capabilities.roots() == null) {
            return List.of();
        }
        try {
            McpSchema.ListRootsResult result = exchange.listRoots().block(ASK_TIMEOUT);
            List<String> uris = result == null ? List.of() : uris(result.roots());
            bySession.put(key(exchange), uris);
            return uris;
        } catch (RuntimeException e) {
            LOG.warn("the client did not list its roots: {}", e.getMessage());
            return List.of();
        }
    }

    private static String key(McpAsyncServerExchange exchange) {
        return exchange.sessionId() == null ? "" : exchange.sessionId();
    }

    private static List<String> uris(List<McpSchema.Root> roots) {
        return roots == null ? List.of() : roots.stream().map(McpSchema.Root::uri).toList();
    }
}
