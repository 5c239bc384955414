package dev.mcpbridge.core.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import dev.mcpbridge.core.spi.ClientRequest;

/**
 * One request of the stateless era (2026-07-28) while it is served: what its {@code _meta} declared, the answers
 * the client already gave to earlier input requests, and what the handler asked for that the client must still
 * answer. A handler cannot send a request to the client in this era; asking records an input request and stops
 * the handler, and {@link StatelessEra} answers with an input-required result instead of the handler's own.
 */
final class StatelessExchange {

    /** Found in the SDK's transport context under this key by the feature handlers. */
    static final String KEY = "mcpbridge.statelessExchange";

    private static final Map<String, String> CAPABILITY_OF = Map.of(
            "sampling/createMessage", "sampling",
            "elicitation/create", "elicitation",
            "roots/list", "roots");

    private final JsonNode clientCapabilities;
    private final String client;
    private final String logLevel;
    private final Object progressToken;
    private final Map<String, Object> answers;
    private final Consumer<Map<String, Object>> notifications;
    private final Map<String, Map<String, Object>> inputRequests = new LinkedHashMap<>();
    private volatile String missingCapability;
    private Task task;
    private volatile String internalFailure;

    StatelessExchange(JsonNode meta, Map<String, Object> answers, Consumer<Map<String, Object>> notifications) {
        this.clientCapabilities = meta.path(ProtocolEra.META_CAPABILITIES);
        JsonNode info = meta.path(ProtocolEra.META_CLIENT);
        this.client = info.hasNonNull("name")
                ? info.get("name").asText() + (info.hasNonNull("version") ? " " + info.get("version").asText() : "")
                : "unknown";
        this.logLevel = meta.path(ProtocolEra.META_LOG_LEVEL).isTextual()
                ? meta.get(ProtocolEra.META_LOG_LEVEL).asText() : null;
        JsonNode token = meta.get("progressToken");
        this.progressToken = token == null || token.isNull() ? null : token.isNumber() ? token.numberValue() : token.asText();
        this.answers = answers;
        this.notifications = notifications;
    }

    String client() {
        return client;
    }

    /** Whether the client declared the capability {@code method} needs. */
    boolean supports(String method) {
        String capability = CAPABILITY_OF.get(method);
        return capability == null || clientCapabilities.has(capability);
    }

    /**
     * The client's answers to the input requests, by key. A call answered in its request stops when one is not
     * given yet: every unanswered request is recorded and the client answers them when it calls again. A call
     * running as a task waits for them instead ({@link Task#ask}).
     */
    Map<String, Map<String, Object>> ask(Map<String, ClientRequest> requests) {
        for (ClientRequest request : requests.values()) {
            if (!supports(request.method())) {
                synchronized (this) {
                    missingCapability = CAPABILITY_OF.get(request.method());
                }
                throw new InputNeeded("the client did not declare the '" + CAPABILITY_OF.get(request.method())
                        + "' capability this call needs");
            }
        }
        Task running;
        synchronized (this) {
            running = task;
            if (running == null) {
                return askInRequest(requests);
            }
        }
        return running.ask(requests);
    }

    private Map<String, Map<String, Object>> askInRequest(Map<String, ClientRequest> requests) {
        Map<String, Map<String, Object>> given = new LinkedHashMap<>();
        requests.forEach((key, request) -> {
            if (answers.get(key) instanceof Map<?, ?> map) {
                @SuppressWarnings("unchecked")
                Map<String, Object> typed = (Map<String, Object>) map;
                given.put(key, typed);
            } else {
                Map<String, Object> wanted = new LinkedHashMap<>();
                wanted.put("method", request.method());
                wanted.put("params", request.params());
                inputRequests.put(key, wanted);
            }
        });
        if (!inputRequests.isEmpty()) {
            throw new InputNeeded("waiting for the client's answers to " + inputRequests.keySet());
        }
        return given;
    }

    /**
     * Makes the rest of the call a task: from now on what it asks waits for {@code tasks/update}. Refused (false)
     * when the call already stopped to ask in its request, which is then how it is answered.
     */
    synchronized boolean escalate(Task running) {
        if (missingCapability != null || !inputRequests.isEmpty()) {
            return false;
        }
        task = running;
        return true;
    }

    /** Whether the client declared the tasks extension for this request. */
    boolean tasksDeclared() {
        return clientCapabilities.path("extensions").has(Tasks.EXTENSION);
    }

    /** A failure of the bridge rather than of the tool (an internal error): a task reports it as "failed". */
    void failedInternally(String message) {
        internalFailure = message;
    }

    String internalFailure() {
        return internalFailure;
    }

    synchronized Map<String, Map<String, Object>> inputRequests() {
        return new LinkedHashMap<>(inputRequests);
    }

    /** The answers given so far, carried into the next round's request state. */
    Map<String, Object> answers() {
        return answers;
    }

    String missingCapability() {
        return missingCapability;
    }

    /** Whether the handler was stopped to wait for the client (or for a capability it lacks). */
    synchronized boolean stopped() {
        return missingCapability != null || !inputRequests.isEmpty();
    }

    /** Sends a log message on the response stream, only when the request asked for logs at this level or above. */
    void log(String level, String message) {
        if (logLevel == null || rank(level) < rank(logLevel)) {
            return;
        }
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("level", level);
        params.put("data", message);
        notifications.accept(notification("notifications/message", params));
    }

    void progress(double progress, Double total, String message) {
        if (progressToken == null) {
            return;
        }
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("progressToken", progressToken);
        params.put("progress", progress);
        if (total != null) {
            params.put("total", total);
        }
        if (message != null) {
            params.put("message", message);
        }
        notifications.accept(notification("notifications/progress", params));
    }

    private static Map<String, Object> notification(String method, Map<String, Object> params) {
        Map<String, Object> message = new LinkedHashMap<>();
        message.put("jsonrpc", "2.0");
        message.put("method", method);
        message.put("params", params);
        return message;
    }

    private static int rank(String level) {
        int at = List.of("debug", "info", "notice", "warning", "error", "critical", "alert", "emergency")
                .indexOf(level == null ? "" : level.toLowerCase(java.util.Locale.ROOT));
        return at < 0 ? 1 : at;
    }

    /** Stops a handler that asked the client for something it cannot be sent in this era (yet). */
    static final class InputNeeded extends dev.mcpbridge.core.spi.ToolException {
        private static final long serialVersionUID = 1L;

        InputNeeded(String message) {
            super(message);
        }
    }
}
