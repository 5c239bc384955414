package dev.mcpbridge.core.mcp;

import dev.mcpbridge.core.invoke.CallContext;
import dev.mcpbridge.core.spi.ToolException;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.server.McpAsyncServerExchange;
import io.modelcontextprotocol.spec.McpSchema;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import reactor.core.publisher.Mono;

/** A call's context backed by its MCP session: progress, logging and requests to the client. */
final class McpCallContext extends CallContext {

    private static final Duration CLIENT_ANSWER_TIMEOUT = Duration.ofMinutes(5);

    private final McpAsyncServerExchange exchange;
    private final Object progressToken;
    private final McpJsonMapper json;
    private final ClientRoots roots;
    private final Map<String, String> traceContext;

    McpCallContext(String name, McpAsyncServerExchange exchange, Map<String, Object> meta, McpJsonMapper json,
            ClientRoots roots) {
        super(name);
        this.exchange = exchange;
        this.progressToken = meta == null ? null : meta.get("progressToken");
        this.json = json;
        this.roots = roots;
        this.traceContext = traceContext(meta);
        by(CallerToolFilter.callerOf(exchange == null ? null : exchange.transportContext()));
    }

    static Map<String, String> traceContext(Map<String, Object> meta) {
        if (meta == null || !(meta.get("traceparent") instanceof String parent)) {
            return Map.of();
        }
        return meta.get("tracestate") instanceof String state ? Map.of("traceparent", parent, "tracestate", state)
                : Map.of("traceparent", parent);
    }

    @Override
    public Map<String, String> traceContext() {
        return traceContext;
    }

    @Override
    public String client() {
        McpSchema.Implementation info = exchange.getClientInfo();
        return info == null ? "unknown" : info.name() + (info.version() == null ? "" : "/" + info.version());
    }

    @Override
    public java.util.List<String> roots() {
        return roots.of(exchange);
    }

    @Override
    public void progress(double progress, Double total, String message) {
        if (progressToken != null) {
            exchange.progressNotification(new McpSchema.ProgressNotification(progressToken, progress, total, message))
                    .block(Duration.ofSeconds(5));
        }
    }

    @Override
    public void log(String level, String message) {
        McpSchema.LoggingLevel mcpLevel;
        try {
            mcpLevel = McpSchema.LoggingLevel.valueOf(level.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            mcpLevel = McpSchema.LoggingLevel.INFO;
        }
        exchange.loggingNotification(McpSchema.LoggingMessageNotification.builder().level(mcpLevel)
                .logger(toolName()).data(message).build()).block(Duration.ofSeconds(5));
    }

    @Override
    public Map<String, Object> requestFromClient(String method, Map<String, Object> params) {
        Mono<?> answer = switch (method) {
            case "sampling/createMessage" -> {
                require(exchange.getClientCapabilities() != null && exchange.getClientCapabilities().sampling() != null,
                        "sampling");
                yield exchange.createMessage(json.convertValue(params, McpSchema.CreateMessageRequest.class));
            }
            case "elicitation/create" -> {
                require(exchange.getClientCapabilities() != null
                        && exchange.getClientCapabilities().elicitation() != null, "elicitation");
                yield exchange.createElicitation(json.convertValue(params, McpSchema.ElicitRequest.class));
            }
            case "roots/list" -> exchange.listRoots();
            case "ping" -> exchange.ping();
            default -> throw new ToolException("the bridge cannot send '" + method + "' to the client");
        };
        Object result = answer.block(CLIENT_ANSWER_TIMEOUT);
        @SuppressWarnings("unchecked")
        Map<String, Object> map = result == null ? Map.of() : json.convertValue(result, Map.class);
        return map;
    }

    @Override
    public boolean clientSupports(String method) {
        McpSchema.ClientCapabilities declared = exchange.getClientCapabilities();
        return switch (method) {
            case "sampling/createMessage" -> declared != null && declared.sampling() != null;
            case "elicitation/create" -> declared != null && declared.elicitation() != null;
            case "roots/list" -> declared != null && declared.roots() != null;
            default -> true;
        };
    }

    private static void require(boolean present, String capability) {
        if (!present) {
            throw new ToolException("the client does not support " + capability);
        }
    }
}
