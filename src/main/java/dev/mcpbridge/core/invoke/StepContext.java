package dev.mcpbridge.core.invoke;

import dev.mcpbridge.core.spi.ClientRequest;
import java.util.List;
import java.util.Map;

/**
 * The context of a workflow's step: the calling tool's client, seen through that call. Cancelling the call cancels
 * its steps; what a step asks the client is asked of the caller's client; its progress is the workflow's (one
 * notification per finished step, sent by {@link WorkflowSteps}), not the step's own, which would count backwards
 * when steps run in parallel.
 */
final class StepContext extends CallContext {

    private final CallContext caller;
    private final int depth;

    StepContext(String toolName, CallContext caller) {
        super(toolName);
        this.caller = caller;
        this.depth = caller instanceof StepContext step ? step.depth + 1 : 1;
        within(caller.reach());
    }

    /** How many workflows this step is nested in: 1 for a step of a client's call. */
    int depth() {
        return depth;
    }

    @Override
    protected CallContext parentCall() {
        return caller;
    }

    @Override
    public void progress(double progress, Double total, String message) {
    }

    @Override
    public void log(String level, String message) {
        caller.log(level, message);
    }

    @Override
    public List<String> roots() {
        return caller.roots();
    }

    @Override
    public Map<String, Object> requestFromClient(String method, Map<String, Object> params) {
        return caller.requestFromClient(method, params);
    }

    @Override
    public Map<String, Object> requestFromClient(String key, String method, Map<String, Object> params) {
        return caller.requestFromClient(toolName() + "." + key, method, params);
    }

    @Override
    public Map<String, Map<String, Object>> requestsFromClient(Map<String, ClientRequest> requests) {
        Map<String, ClientRequest> keyed = new java.util.LinkedHashMap<>();
        requests.forEach((key, request) -> keyed.put(toolName() + "." + key, request));
        Map<String, Map<String, Object>> answers = new java.util.LinkedHashMap<>();
        caller.requestsFromClient(keyed).forEach((key, answer) -> answers.put(key.substring(toolName().length() + 1),
                answer));
        return answers;
    }

    @Override
    public boolean clientSupports(String method) {
        return caller.clientSupports(method);
    }

    @Override
    public boolean awaitingInput() {
        return caller.awaitingInput();
    }

    /** The audit log names the client and the workflow the step was part of. */
    @Override
    public String client() {
        return caller.client() + " via " + caller.toolName();
    }

    @Override
    public Map<String, String> traceContext() {
        return caller.traceContext();
    }
}
