package dev.mcpbridge.core.invoke;

import dev.mcpbridge.core.camel.ToolCalls;
import dev.mcpbridge.core.config.Suggestions;
import dev.mcpbridge.core.registry.RegisteredTool;
import dev.mcpbridge.core.registry.ToolRegistry;
import dev.mcpbridge.core.spi.ToolCallContext;
import dev.mcpbridge.core.spi.ToolException;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.TextContent;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.apache.camel.Exchange;

/**
 * Runs a workflow's steps ({@code tool:} endpoints) as calls of their own through the {@link ToolInvoker}: the
 * same validation, call route (metrics, audit, breaker), timeout and result mapping as a client's call, within
 * the reach of the client that called the workflow.
 */
public final class WorkflowSteps implements ToolCalls {

    /** Deep enough for workflows of workflows; a workflow that calls itself stops here instead of looping. */
    static final int MAX_DEPTH = 8;

    private final ToolInvoker invoker;
    private final ToolRegistry served;

    public WorkflowSteps(ToolInvoker invoker, ToolRegistry served) {
        this.invoker = invoker;
        this.served = served;
    }

    @Override
    public boolean serves(String tool) {
        return served.find(tool).isPresent();
    }

    @Override
    public Collection<String> served() {
        return served.tools().stream().map(RegisteredTool::exposedName).toList();
    }

    @Override
    public Step call(String tool, Map<String, Object> arguments, Exchange exchange) {
        CallContext caller = exchange.getProperty(ToolCallContext.PROPERTY, CallContext.class);
        if (caller == null) {
            throw new ToolException("tool:" + tool + " runs only inside a tool call");
        }
        if (caller instanceof StepContext step && step.depth() >= MAX_DEPTH) {
            throw new ToolException("step '" + tool + "': workflows nested " + MAX_DEPTH
                    + " deep; does a workflow call itself?");
        }
        ToolRegistry reach = caller.reach() == null ? served : caller.reach();
        RegisteredTool target = reach.find(tool).orElseThrow(() -> new ToolException("step '" + tool
                + "': the caller may not call this tool here (tools in reach: " + reach.tools().size()
                + ")" + Suggestions.didYouMean(tool, reach.tools().stream().map(RegisteredTool::exposedName)
                        .toList())));
        CallToolResult result = await(invoker.call(target, typed(target, arguments), new StepContext(tool, caller))
                .toFuture(), caller, tool);
        synchronized (caller) {
            // Numbered and sent together, so that parallel steps still report a count that only grows.
            caller.progress(caller.stepDone(), null, tool + (Boolean.TRUE.equals(result.isError()) ? " failed"
                    : " done"));
        }
        String text = result.content() == null ? "" : result.content().stream()
                .filter(TextContent.class::isInstance).map(c -> ((TextContent) c).text())
                .collect(Collectors.joining("\n"));
        if (Boolean.TRUE.equals(result.isError())) {
            return new Step(null, text.isBlank() ? "the tool reported an error without a message" : text);
        }
        return new Step(result.structuredContent() != null ? result.structuredContent() : text, null);
    }

    /**
     * Waits for the step, checking for the caller's cancellation: a step of a parallel split runs on a thread of
     * Camel's, which cancelling the caller does not interrupt.
     */
    private static CallToolResult await(CompletableFuture<CallToolResult> step, CallContext caller, String tool) {
        try {
            while (true) {
                if (caller.cancelled() || Thread.currentThread().isInterrupted()) {
                    step.cancel(true);
                    throw new ToolException("step '" + tool + "' was stopped: the workflow was cancelled");
                }
                try {
                    return step.get(200, TimeUnit.MILLISECONDS);
                } catch (TimeoutException stillRunning) {
                    // looks at the caller again
                }
            }
        } catch (InterruptedException e) {
            step.cancel(true);
            Thread.currentThread().interrupt();
            throw new ToolException("step '" + tool + "' was stopped: the workflow was cancelled");
        } catch (ExecutionException e) {
            // The invoker answers every failure as a result; this is a bug, reported without its internals.
            throw new IllegalStateException("step '" + tool + "' failed inside the bridge", e.getCause());
        }
    }

    /**
     * A route's values are mostly text ({@code ${variable.n}}, constants in a URI): each is given the type the
     * tool's input schema declares for it when it reads as one, and is left for the schema check otherwise.
     */
    static Map<String, Object> typed(RegisteredTool tool, Map<String, Object> arguments) {
        Object properties = tool.spec().inputSchema().get("properties");
        Map<String, Object> typed = new LinkedHashMap<>();
        arguments.forEach((name, value) -> typed.put(name, value instanceof String text && properties instanceof Map<?, ?> p
                && p.get(name) instanceof Map<?, ?> schema ? convert(text, types(schema.get("type"))) : value));
        return typed;
    }

    private static List<String> types(Object type) {
        return type instanceof List<?> list ? list.stream().map(String::valueOf).toList()
                : type == null ? List.of() : List.of(String.valueOf(type));
    }

    private static Object convert(String text, List<String> types) {
        if (types.isEmpty() || types.contains("string")) {
            return text;
        }
        String t = text.strip();
        try {
            if (types.contains("integer") && t.matches("-?\\d+")) {
                return Long.parseLong(t);
            }
            if (types.contains("number") && !t.isEmpty()) {
                double d = Double.parseDouble(t);
                return d == Math.rint(d) && !t.contains(".") && Math.abs(d) < 1e15 ? (Object) (long) d : d;
            }
        } catch (NumberFormatException e) {
            return text;
        }
        if (types.contains("boolean") && (t.equals("true") || t.equals("false"))) {
            return Boolean.parseBoolean(t);
        }
        return text;
    }
}
