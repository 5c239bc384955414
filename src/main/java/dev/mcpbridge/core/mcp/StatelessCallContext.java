package dev.mcpbridge.core.mcp;

import dev.mcpbridge.core.invoke.CallContext;
import dev.mcpbridge.core.spi.ToolException;
import java.util.List;
import java.util.Map;

/**
 * A call's context in stateless mode ({@code --stateless}): each request is answered on its own, by whichever
 * instance got it, with one JSON response and no session. Nothing can travel from the server to the client during
 * the call, so progress and log messages are dropped, the client's roots are unknown, and asking the client
 * (sampling, elicitation, roots) fails at once with a message that says why, rather than waiting for an answer
 * that cannot come.
 */
final class StatelessCallContext extends CallContext {

    StatelessCallContext(String name) {
        super(name);
    }

    @Override
    public void progress(double progress, Double total, String message) {
        // No stream to carry it: the answer is one JSON response.
    }

    @Override
    public void log(String level, String message) {
        // Same: notifications/message needs a stream back to the client.
    }

    @Override
    public List<String> roots() {
        return List.of();
    }

    @Override
    public Map<String, Object> requestFromClient(String method, Map<String, Object> params) {
        throw new ToolException(unavailable(method));
    }

    static String unavailable(String method) {
        return "'" + method + "' is not available: this bridge serves MCP statelessly (--stateless), so it cannot "
                + "send requests to the client. Serve this tool from a bridge without --stateless (behind HAProxy "
                + "with session affinity) to use it.";
    }
}
