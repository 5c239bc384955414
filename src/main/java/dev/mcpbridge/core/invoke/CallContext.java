package dev.mcpbridge.core.invoke;

import dev.mcpbridge.core.auth.Caller;
import dev.mcpbridge.core.registry.ToolRegistry;
import dev.mcpbridge.core.spi.ToolCallContext;
import java.util.concurrent.atomic.AtomicInteger;

/** The part of a {@link ToolCallContext} the invoker owns: knowing that the call was cancelled or timed out. */
public abstract class CallContext implements ToolCallContext {

    private final String toolName;
    private volatile boolean cancelled;
    private volatile boolean timedOut;
    private volatile ToolRegistry reach;
    private volatile Caller caller = Caller.LOCAL;
    private final AtomicInteger stepsDone = new AtomicInteger();
    private final java.util.Map<String, Object> audited = java.util.Collections.synchronizedMap(
            new java.util.LinkedHashMap<>());

    protected CallContext(String toolName) {
        this.toolName = toolName;
    }

    @Override
    public final boolean cancelled() {
        CallContext parent = parentCall();
        return cancelled || parent != null && parent.cancelled();
    }

    /** The call this one is a step of (a workflow's), whose cancellation is this one's too; null for a client's call. */
    protected CallContext parentCall() {
        return null;
    }

    /**
     * The tools the caller may call, so that a workflow's steps reach no tool its caller could not; null when the
     * caller may call whatever the bridge serves (the local {@code call} command).
     */
    public final CallContext within(ToolRegistry tools) {
        this.reach = tools;
        return this;
    }

    /** Who made the call (as the transport authenticated it), whom the access rules and limits are applied to. */
    public final CallContext by(Caller caller) {
        this.caller = caller == null ? Caller.LOCAL : caller;
        return this;
    }

    /** The caller; a workflow's step is its workflow's caller's. */
    public final Caller caller() {
        CallContext parent = parentCall();
        return parent != null ? parent.caller() : caller;
    }

    public ToolRegistry reach() {
        return reach;
    }

    /** Counts the workflow steps this call has finished, for its progress notifications. */
    final int stepDone() {
        return stepsDone.incrementAndGet();
    }

    @Override
    public final void audit(String field, Object value) {
        if (value != null) {
            audited.put(field, value);
        }
    }

    @Override
    public final java.util.Map<String, Object> audited() {
        synchronized (audited) {
            return java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(audited));
        }
    }

    @Override
    public final String toolName() {
        return toolName;
    }

    final void markCancelled() {
        cancelled = true;
    }

    /** Set just before a call is cancelled because it ran out of time, so the pipeline can tell the two apart. */
    final void markTimedOut() {
        timedOut = true;
    }

    /** Whether the call was stopped because it ran out of time (as opposed to cancelled by its client). */
    public final boolean timedOut() {
        return timedOut;
    }

    /**
     * The call failed inside the bridge (an internal error, not a failure the tool reported): told to whoever must
     * report it differently, as a task of the 2026-07-28 revision does ("failed" rather than "completed").
     */
    public void failedInternally(String message) {
    }

    /** Who is calling, as the audit log records it: the client's name and version, or "local". */
    public String client() {
        return "local";
    }

    /**
     * The W3C trace context the caller sent ({@code traceparent}, {@code tracestate}), from the request's
     * {@code _meta} (the MCP specification's keys); empty when there is none.
     */
    public java.util.Map<String, String> traceContext() {
        return java.util.Map.of();
    }

    /** A context with no client behind it, for the {@code call} command and tests. */
    public static CallContext detached(String toolName) {
        ToolCallContext none = ToolCallContext.detached(toolName);
        return new CallContext(toolName) {
            @Override
            public void progress(double progress, Double total, String message) {
            }

            @Override
            public void log(String level, String message) {
            }

            @Override
            public java.util.Map<String, Object> requestFromClient(String method, java.util.Map<String, Object> params) {
                return none.requestFromClient(method, params);
            }

            @Override
            public java.util.List<String> roots() {
                return java.util.List.of();
            }
        };
    }
}
