package dev.mcpbridge.conformance;

import dev.mcpbridge.core.spi.ClientRequest;
import dev.mcpbridge.core.spi.ToolCallContext;
import io.modelcontextprotocol.spec.McpSchema;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.camel.ExchangeProperty;

/**
 * The fixtures of the conformance suite's 2026-07-28 scenarios: tools and a prompt that ask the client for input
 * (answered through input-required results in that revision, through server-to-client requests in the older ones),
 * and the probes of the stateless scenario.
 */
public class StatelessEraFixtures {

    private static Map<String, Object> form(String message, String property, String type) {
        return Map.of("message", message, "requestedSchema", Map.of("type", "object",
                "properties", Map.of(property, Map.of("type", type)), "required", List.of(property)));
    }

    private static Map<String, Object> sampling(String text, int maxTokens) {
        return Map.of("messages", List.of(Map.of("role", "user", "content", Map.of("type", "text", "text", text))),
                "maxTokens", maxTokens);
    }

    public String elicitation(@ExchangeProperty(ToolCallContext.PROPERTY) ToolCallContext ctx) {
        Map<String, Object> answer = ctx.requestFromClient("user_name", "elicitation/create",
                form("What is your name?", "name", "string"));
        return "Hello, " + answer.get("content");
    }

    public String sampling(@ExchangeProperty(ToolCallContext.PROPERTY) ToolCallContext ctx) {
        Map<String, Object> answer = ctx.requestFromClient("capital_question", "sampling/createMessage",
                sampling("What is the capital of France?", 100));
        return "The model said: " + answer.get("content");
    }

    public String listRoots(@ExchangeProperty(ToolCallContext.PROPERTY) ToolCallContext ctx) {
        Map<String, Object> answer = ctx.requestFromClient("client_roots", "roots/list", Map.of());
        return "Your roots: " + answer.get("roots");
    }

    public String requestState(@ExchangeProperty(ToolCallContext.PROPERTY) ToolCallContext ctx) {
        Map<String, Object> answer = ctx.requestFromClient("confirm", "elicitation/create",
                form("Please confirm", "ok", "boolean"));
        return "state-ok: confirmed " + answer.get("content");
    }

    public String tamperedState(@ExchangeProperty(ToolCallContext.PROPERTY) ToolCallContext ctx) {
        return "state-ok: " + ctx.requestFromClient("confirm", "elicitation/create",
                form("Please confirm", "ok", "boolean")).get("content");
    }

    public String multipleInputs(@ExchangeProperty(ToolCallContext.PROPERTY) ToolCallContext ctx) {
        Map<String, ClientRequest> asks = new LinkedHashMap<>();
        asks.put("user_name", new ClientRequest("elicitation/create", form("What is your name?", "name", "string")));
        asks.put("greeting", new ClientRequest("sampling/createMessage", sampling("Generate a greeting", 50)));
        asks.put("client_roots", new ClientRequest("roots/list", Map.of()));
        Map<String, Map<String, Object>> answers = ctx.requestsFromClient(asks);
        return "Got " + answers.keySet();
    }

    public String multiRound(@ExchangeProperty(ToolCallContext.PROPERTY) ToolCallContext ctx) {
        Object name = ctx.requestFromClient("step1", "elicitation/create",
                form("Step 1: What is your name?", "name", "string")).get("content");
        Object color = ctx.requestFromClient("step2", "elicitation/create",
                form("Step 2: What is your favorite color?", "color", "string")).get("content");
        return "name " + name + ", colour " + color;
    }

    /** Asks only what the client can answer: sampling always, elicitation when it declared it. */
    public String capabilities(@ExchangeProperty(ToolCallContext.PROPERTY) ToolCallContext ctx) {
        Map<String, ClientRequest> asks = new LinkedHashMap<>();
        if (ctx.clientSupports("sampling/createMessage")) {
            asks.put("greeting", new ClientRequest("sampling/createMessage", sampling("Generate a greeting", 50)));
        }
        if (ctx.clientSupports("elicitation/create")) {
            asks.put("user_name", new ClientRequest("elicitation/create", form("What is your name?", "name", "string")));
        }
        return asks.isEmpty() ? "Nothing to ask this client" : "Got " + ctx.requestsFromClient(asks).keySet();
    }

    /** Needs sampling, whatever the client declared: a client without it gets "missing required capability". */
    public String missingCapability(@ExchangeProperty(ToolCallContext.PROPERTY) ToolCallContext ctx) {
        return "The model said: " + ctx.requestFromClient("sample", "sampling/createMessage",
                sampling("Say hello", 20)).get("content");
    }

    public String streamingElicitation(@ExchangeProperty(ToolCallContext.PROPERTY) ToolCallContext ctx) {
        ctx.progress(0, 1.0, "asking");
        return "Got " + ctx.requestFromClient("user_name", "elicitation/create",
                form("What is your name?", "name", "string")).get("content");
    }

    public String loggingTool(@ExchangeProperty(ToolCallContext.PROPERTY) ToolCallContext ctx) {
        ctx.log("info", "the logging tool ran");
        return "logged";
    }

    public List<McpSchema.PromptMessage> prompt(@ExchangeProperty(ToolCallContext.PROPERTY) ToolCallContext ctx) {
        Object context = ctx.requestFromClient("user_context", "elicitation/create",
                form("What context should the prompt use?", "context", "string")).get("content");
        return List.of(new McpSchema.PromptMessage(McpSchema.Role.USER,
                new McpSchema.TextContent("Use this context: " + context)));
    }

    /** Sleeps {@code seconds}, stopping as soon as the call is cancelled. */
    public String slowCompute(Map<String, Object> args, @ExchangeProperty(ToolCallContext.PROPERTY) ToolCallContext ctx)
            throws InterruptedException {
        double seconds = args.get("seconds") instanceof Number n ? n.doubleValue() : 1;
        long end = System.nanoTime() + (long) (seconds * 1e9);
        while (System.nanoTime() < end && !ctx.cancelled()) {
            Thread.sleep(20);
        }
        return "computed " + args.getOrDefault("label", "") + " in " + seconds + " s";
    }

    public String failingJob() throws InterruptedException {
        Thread.sleep(1000);
        throw new dev.mcpbridge.core.spi.ToolException("the job failed, as this fixture always does");
    }

    /** Fails inside (not a failure the tool reports): a task says "failed". */
    public String protocolErrorJob() {
        throw new IllegalStateException("fixture crash");
    }

    public String confirmDelete(@ExchangeProperty(ToolCallContext.PROPERTY) ToolCallContext ctx) {
        Map<String, Object> answer = ctx.requestFromClient("confirm", "elicitation/create",
                form("Delete the file?", "confirm", "boolean"));
        return "delete " + ("accept".equals(answer.get("action")) ? "confirmed" : "declined");
    }

    public String multiInput(@ExchangeProperty(ToolCallContext.PROPERTY) ToolCallContext ctx) {
        Map<String, ClientRequest> asks = new LinkedHashMap<>();
        asks.put("first", new ClientRequest("elicitation/create", form("First value?", "value", "string")));
        asks.put("second", new ClientRequest("elicitation/create", form("Second value?", "value", "string")));
        return "Got " + ctx.requestsFromClient(asks).keySet();
    }

    /** Asks in the request first, then runs long enough to become a task. */
    public String toolWithTask(@ExchangeProperty(ToolCallContext.PROPERTY) ToolCallContext ctx)
            throws InterruptedException {
        Object name = ctx.requestFromClient("user_name", "elicitation/create",
                form("What is your name?", "name", "string")).get("content");
        Thread.sleep(1500);
        return "Hello, " + name;
    }
}
