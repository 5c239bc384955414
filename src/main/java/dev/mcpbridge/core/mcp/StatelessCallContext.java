package dev.mcpbridge.core.mcp;

import dev.mcpbridge.core.invoke.CallContext;
import dev.mcpbridge.core.spi.ClientRequest;
import dev.mcpbridge.core.spi.ToolException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A call's context when it is answered without a session, by whichever instance got it. In the 2026-07-28 era
 * ({@link StatelessExchange}) progress and log messages travel on the response stream, and asking the client
 * (sampling, elicitation) becomes an input request the client answers when it calls again. Under {@code --stateless}
 * with a client of the session revisions nothing can travel back during the call: progress and logs are dropped,
 * and asking the client fails at once with a message that says why, rather than waiting for an answer that cannot
 * come.
 */
final class StatelessCallContext extends CallContext {

    private final StatelessExchange exchange;
    private final AtomicInteger unnamedRequests = new AtomicInteger();

    StatelessCallContext(String name) {
        this(name, null);
    }

    StatelessCallContext(String name, StatelessExchange exchange) {
        super(name);
        this.exchange = exchange;
    }

    @Override
    public void progress(double progress, Double total, String message) {
        if (exchange != null) {
            exchange.progress(progress, total, message);
        }
    }

    @Override
    public void log(String level, String message) {
        if (exchange != null) {
            exchange.log(level, message);
        }
    }

    /**
     * A 2026-07-28 client that declared roots is asked for them through an input request (its answer arrives with
     * its next call of the same tool); without the capability, or under {@code --stateless} with a session-era
     * client, there are none.
     */
    @Override
    public List<String> roots() {
        if (exchange == null || !exchange.supports("roots/list")) {
            return List.of();
        }
        Object roots = requestFromClient("client_roots", "roots/list", Map.of()).get("roots");
        List<String> uris = new java.util.ArrayList<>();
        if (roots instanceof List<?> list) {
            for (Object root : list) {
                if (root instanceof Map<?, ?> m && m.get("uri") instanceof String uri) {
                    uris.add(uri);
                }
            }
        }
        return uris;
    }

    @Override
    public void failedInternally(String message) {
        if (exchange != null) {
            exchange.failedInternally(message);
        }
    }

    @Override
    public boolean awaitingInput() {
        return exchange != null && exchange.stopped();
    }

    @Override
    public String client() {
        return exchange == null ? super.client() : exchange.client();
    }

    @Override
    public Map<String, Object> requestFromClient(String method, Map<String, Object> params) {
        // Unnamed requests are keyed by their order in the handler, which is stable when the handler is.
        return requestFromClient("input_" + unnamedRequests.incrementAndGet(), method, params);
    }

    @Override
    public Map<String, Object> requestFromClient(String key, String method, Map<String, Object> params) {
        if (exchange == null) {
            throw new ToolException(unavailable(method));
        }
        return requestsFromClient(Map.of(key, new ClientRequest(method, params))).get(key);
    }

    @Override
    public Map<String, Map<String, Object>> requestsFromClient(Map<String, ClientRequest> requests) {
        if (exchange == null) {
            throw new ToolException(unavailable(requests.values().iterator().next().method()));
        }
        return exchange.ask(requests);
    }

    @Override
    public boolean clientSupports(String method) {
        return exchange != null && exchange.supports(method);
    }

    static String unavailable(String method) {
        return "'" + method + "' is not available: this bridge serves MCP statelessly (--stateless), so it cannot "
                + "send requests to a client of the session revisions. Serve this tool from a bridge without "
                + "--stateless (behind HAProxy with session affinity), or call it from a 2026-07-28 client.";
    }
}
