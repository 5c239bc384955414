package dev.mcpbridge.core.invoke;

import dev.mcpbridge.core.spi.ToolCallContext;

/** The part of a {@link ToolCallContext} the invoker owns: knowing that the call was cancelled or timed out. */
public abstract class CallContext implements ToolCallContext {

    private final String toolName;
    private volatile boolean cancelled;

    protected CallContext(String toolName) {
        this.toolName = toolName;
    }

    @Override
    public final boolean cancelled() {
        return cancelled;
    }

    @Override
    public final String toolName() {
        return toolName;
    }

    final void markCancelled() {
        cancelled = true;
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
