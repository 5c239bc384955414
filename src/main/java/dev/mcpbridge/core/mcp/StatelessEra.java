package dev.mcpbridge.core.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mcpbridge.core.adapter.AdapterDescriptor.TaskSupport;
import dev.mcpbridge.core.auth.Caller;
import io.modelcontextprotocol.common.McpTransportContext;
import io.modelcontextprotocol.server.McpStatelessServerHandler;
import io.modelcontextprotocol.spec.McpSchema;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import reactor.core.publisher.Mono;

/**
 * Serves the 2026-07-28 revision of MCP: each request on its own, with its version, capabilities and client info in
 * {@code params._meta}, and no session. It checks what the revision asks of every request (the {@code _meta} keys,
 * the version, on HTTP the {@code MCP-Protocol-Version}, {@code Mcp-Method} and {@code Mcp-Name} headers), answers
 * {@code server/discover} itself, and hands the rest to the same tools, resources and prompts the session
 * revisions reach (the SDK's stateless handler). Its answers carry {@code resultType}, and the cache hints
 * {@code ttlMs} and {@code cacheScope} where the revision asks for them. What a handler asks of the client becomes
 * an input-required result, resumed from a signed {@code requestState}. Transports (HTTP, stdio) only carry the
 * messages; the era of each is decided by {@link ProtocolEra}.
 */
public final class StatelessEra {

    /** An answer: its HTTP status (stdio ignores it) and the JSON-RPC response, or no body for a notification. */
    public record Answer(int status, Map<String, Object> body) {
        static Answer accepted() {
            return new Answer(202, null);
        }
    }

    /** The HTTP headers the revision defines for a request; absent on stdio, where there are none to check. */
    public record Headers(String protocolVersion, String method, String name, Map<String, String> parameters) {

        /** @param parameters the {@code Mcp-Param-*} headers, names lower-cased */
        public Headers {
            parameters = Map.copyOf(parameters);
        }

        public Headers(String protocolVersion, String method, String name) {
            this(protocolVersion, method, name, Map.of());
        }
    }

    static final int HEADER_MISMATCH = -32020;
    static final int MISSING_CLIENT_CAPABILITY = -32021;
    static final int UNSUPPORTED_VERSION = -32022;
    private static final int SDK_RESOURCE_NOT_FOUND = -32002;

    private static final Set<String> TASK_METHODS = Set.of("tasks/get", "tasks/update", "tasks/cancel");

    /** Results the revision asks cache hints on. */
    private static final Set<String> CACHEABLE = Set.of("server/discover", "tools/list", "prompts/list",
            "resources/list", "resources/templates/list", "resources/read");

    /** Requests whose handler may ask the client (and so answer "input required"). */
    private static final Set<String> MAY_ASK = Set.of("tools/call", "prompts/get", "resources/read");

    /**
     * How long a client may keep a list: the lists change only when the configuration does, which restarts the
     * bridge. Reads are not cached (a file or page can change at any time).
     */
    private static final long LIST_TTL_MS = 60_000;

    private final McpStatelessServerHandler handler;
    private final Map<String, Object> capabilities;
    private final Map<String, Object> serverInfo;
    private final RequestStates states;
    private final HeaderParameters headerParameters;
    private final Map<String, TaskSupport> taskSupport;
    private final UnknownTools unknownTools;
    private final Tasks tasks;
    private final ObjectMapper mapper;

    StatelessEra(McpStatelessServerHandler handler, McpSchema.ServerCapabilities capabilities, String name,
            String version, RequestStates states, HeaderParameters headerParameters,
            Map<String, TaskSupport> taskSupport, Tasks tasks, ObjectMapper mapper) {
        this.handler = handler;
        this.headerParameters = headerParameters;
        this.taskSupport = taskSupport;
        this.unknownTools = new UnknownTools(taskSupport.keySet());
        this.tasks = tasks;
        this.mapper = mapper;
        @SuppressWarnings("unchecked")
        Map<String, Object> caps = new LinkedHashMap<>(mapper.convertValue(capabilities, Map.class));
        if (taskSupport.values().stream().anyMatch(TaskSupport::supported)) {
            caps.put("extensions", Map.of(Tasks.EXTENSION, Map.of()));
        }
        this.capabilities = caps;
        this.serverInfo = Map.of("name", name, "version", version);
        this.states = states;
    }

    /**
     * Answers one message of this era.
     *
     * @param headers the request's HTTP headers, or null on stdio
     * @param notifications where progress and log messages of the call go while it runs (an SSE stream, stdout)
     */
    public Mono<Answer> answer(JsonNode message, Headers headers, Consumer<Map<String, Object>> notifications) {
        return answer(message, headers, notifications, Caller.LOCAL);
    }

    /** @param caller who sent it, as the transport authenticated it; the tools it lists and may call follow */
    public Mono<Answer> answer(JsonNode message, Headers headers, Consumer<Map<String, Object>> notifications,
            Caller caller) {
        JsonNode id = message.get("id");
        if (id == null || id.isNull()) {
            // Notifications need no session: cancellations end the request's own stream, the rest is informative.
            return Mono.just(Answer.accepted());
        }
        String method = message.path("method").asText();
        JsonNode params = message.path("params");
        JsonNode meta = params.path("_meta");
        Answer refused = refusal(id, method, params, meta, headers);
        if (refused != null) {
            return Mono.just(refused);
        }
        if ("server/discover".equals(method)) {
            return Mono.just(new Answer(200, result(id, discover(), method)));
        }
        String name = nameOf(method, params);
        if (method.startsWith("tasks/") && TASK_METHODS.contains(method)) {
            return Mono.just(task(id, method, params, meta));
        }
        if ("tools/call".equals(method) && name != null && !unknownTools.serves(name)) {
            return Mono.just(error(400, id, McpSchema.ErrorCodes.INVALID_PARAMS, unknownTools.message(name),
                    UnknownTools.data(name)));
        }
        TaskSupport support = "tools/call".equals(method) ? taskSupport.getOrDefault(name, TaskSupport.NONE)
                : TaskSupport.NONE;
        boolean tasksDeclared = meta.path(ProtocolEra.META_CAPABILITIES).path("extensions").has(Tasks.EXTENSION);
        if (support.required() && !tasksDeclared) {
            return Mono.just(error(400, id, MISSING_CLIENT_CAPABILITY, "Missing required client capability: tool '"
                    + name + "' runs only as a task, and the client did not declare the " + Tasks.EXTENSION
                    + " extension", Map.of("requiredCapabilities", Map.of("extensions",
                            Map.of(Tasks.EXTENSION, Map.of())))));
        }
        Map<String, Object> answers = new LinkedHashMap<>();
        if (params.hasNonNull("requestState")) {
            try {
                answers.putAll(states.open(params.get("requestState").asText(), method, name));
            } catch (IllegalArgumentException e) {
                return Mono.just(error(400, id, McpSchema.ErrorCodes.INVALID_PARAMS, e.getMessage(), null));
            }
        }
        if (params.path("inputResponses").isObject()) {
            params.get("inputResponses").fields().forEachRemaining(f -> answers.put(f.getKey(),
                    mapper.convertValue(f.getValue(), Object.class)));
        }
        StatelessExchange exchange = new StatelessExchange(meta, answers, notifications);
        McpSchema.JSONRPCRequest request = sdkRequest(message, params);
        Mono<McpSchema.JSONRPCResponse> call = handler.handleRequest(
                McpTransportContext.create(Map.of(StatelessExchange.KEY, exchange, Caller.KEY, caller)), request);
        if (support.supported() && tasksDeclared) {
            return asTask(id, method, name, call, exchange, params, support);
        }
        return call.map(response -> finish(id, method, name, response, exchange, params));
    }

    /**
     * A call of a tool that may run as a task, for a client that declared the extension: answered in the request
     * when it ends (or asks the client something) within the tool's {@code task.after}, otherwise a task from
     * then on, the client getting its id at once.
     */
    private Mono<Answer> asTask(JsonNode id, String method, String name, Mono<McpSchema.JSONRPCResponse> call,
            StatelessExchange exchange, JsonNode params, TaskSupport support) {
        if (support.afterMillis() == 0) {
            Task task = tasks.create();
            if (task == null || !exchange.escalate(task)) {
                return call.map(response -> finish(id, method, name, response, exchange, params));
            }
            task.running(call.subscribe(response -> settle(task, response, exchange),
                    e -> task.fail(McpSchema.ErrorCodes.INTERNAL_ERROR, "Internal error: the call failed")));
            return Mono.just(new Answer(200, envelope(id, "result", task.created())));
        }
        reactor.core.publisher.Sinks.One<McpSchema.JSONRPCResponse> outcome = reactor.core.publisher.Sinks.one();
        reactor.core.Disposable running = call.subscribe(outcome::tryEmitValue, outcome::tryEmitError);
        Mono<Answer> direct = outcome.asMono().map(response -> finish(id, method, name, response, exchange, params));
        return Mono.firstWithSignal(direct.map(java.util.Optional::of),
                Mono.delay(java.time.Duration.ofMillis(support.afterMillis())).map(tick -> java.util.Optional.<Answer>empty()))
                .flatMap(answered -> {
                    if (answered.isPresent()) {
                        return Mono.just(answered.get());
                    }
                    Task task = tasks.create();
                    if (task == null || !exchange.escalate(task)) {
                        // No room for another task, or it stopped to ask the client just now: answered in the request.
                        return direct;
                    }
                    task.running(running);
                    outcome.asMono().subscribe(response -> settle(task, response, exchange),
                            e -> task.fail(McpSchema.ErrorCodes.INTERNAL_ERROR, "Internal error: the call failed"));
                    return Mono.just(new Answer(200, envelope(id, "result", task.created())));
                });
    }

    /** Records how a task's call ended: the tool's result (errors included), or the bridge's own failure. */
    private void settle(Task task, McpSchema.JSONRPCResponse response, StatelessExchange exchange) {
        if (response.error() != null) {
            task.fail(response.error().code(), response.error().message());
        } else if (exchange.internalFailure() != null) {
            task.fail(McpSchema.ErrorCodes.INTERNAL_ERROR, exchange.internalFailure());
        } else {
            @SuppressWarnings("unchecked")
            Map<String, Object> result = response.result() == null ? new LinkedHashMap<>()
                    : new LinkedHashMap<>(mapper.convertValue(response.result(), Map.class));
            task.complete(result);
        }
    }

    /** {@code tasks/get}, {@code tasks/update} and {@code tasks/cancel}. */
    private Answer task(JsonNode id, String method, JsonNode params, JsonNode meta) {
        if (!meta.path(ProtocolEra.META_CAPABILITIES).path("extensions").has(Tasks.EXTENSION)) {
            return error(400, id, MISSING_CLIENT_CAPABILITY, "Missing required client capability: " + method
                    + " needs the " + Tasks.EXTENSION + " extension in _meta " + ProtocolEra.META_CAPABILITIES,
                    Map.of("requiredCapabilities", Map.of("extensions", Map.of(Tasks.EXTENSION, Map.of()))));
        }
        String taskId = params.path("taskId").isTextual() ? params.get("taskId").asText() : null;
        Task task = tasks.get(taskId);
        if (task == null) {
            return error(400, id, McpSchema.ErrorCodes.INVALID_PARAMS, taskId == null
                    ? "Invalid params: " + method + " needs params {taskId}"
                    : "Invalid params: no task '" + taskId + "' (it never existed here, or it ended more than "
                            + Tasks.TTL_MS / 60_000 + " min ago)", taskId == null ? null : Map.of("taskId", taskId));
        }
        switch (method) {
            case "tasks/get" -> {
                return new Answer(200, envelope(id, "result", task.detailed()));
            }
            case "tasks/update" -> {
                @SuppressWarnings("unchecked")
                Map<String, Object> responses = params.path("inputResponses").isObject()
                        ? mapper.convertValue(params.get("inputResponses"), Map.class) : Map.of();
                task.deliver(responses);
            }
            default -> task.cancel();
        }
        return new Answer(200, envelope(id, "result", Map.of("resultType", "complete")));
    }

    /** Why the request cannot be served in this era as it stands, or null when it can. */
    private Answer refusal(JsonNode id, String method, JsonNode params, JsonNode meta, Headers headers) {
        if (headers != null && blank(headers.protocolVersion())) {
            return error(400, id, HEADER_MISMATCH, "Missing MCP-Protocol-Version header: a request of the "
                    + "2026-07-28 revision names its version in the header and in _meta", null);
        }
        List<String> missing = new ArrayList<>();
        for (String key : List.of(ProtocolEra.META_VERSION, ProtocolEra.META_CAPABILITIES)) {
            if (!meta.has(key)) {
                missing.add(key);
            }
        }
        if (!missing.isEmpty()) {
            return error(400, id, McpSchema.ErrorCodes.INVALID_PARAMS, "Invalid params: params._meta lacks "
                    + String.join(" and ", missing) + " (the 2026-07-28 revision sends them with every request; "
                    + "clients of older revisions start with initialize)", null);
        }
        String version = meta.get(ProtocolEra.META_VERSION).asText();
        if (headers != null && !version.equals(headers.protocolVersion().trim())) {
            return error(400, id, HEADER_MISMATCH, "MCP-Protocol-Version header '" + headers.protocolVersion().trim()
                    + "' does not match _meta " + ProtocolEra.META_VERSION + " '" + version + "'", null);
        }
        if (!ProtocolEra.MODERN_VERSIONS.contains(version)) {
            List<String> supported = new ArrayList<>(ProtocolEra.MODERN_VERSIONS);
            return error(400, id, UNSUPPORTED_VERSION, "Unsupported protocol version '" + version + "': this server "
                    + "serves " + supported + " per request, and older revisions through initialize",
                    Map.of("supported", supported, "requested", version));
        }
        if (headers != null) {
            if (blank(headers.method())) {
                return error(400, id, HEADER_MISMATCH, "Missing Mcp-Method header: it must repeat the body's "
                        + "method '" + method + "'", null);
            }
            if (!method.equals(headers.method().trim())) {
                return error(400, id, HEADER_MISMATCH, "Mcp-Method header '" + headers.method().trim()
                        + "' does not match the body's method '" + method + "'", null);
            }
            String name = nameOf(method, params);
            if (name != null && blank(headers.name())) {
                return error(400, id, HEADER_MISMATCH, "Missing Mcp-Name header: it must repeat the body's '"
                        + name + "'", null);
            }
            if (name != null && !name.equals(headers.name().trim())) {
                return error(400, id, HEADER_MISMATCH, "Mcp-Name header '" + headers.name().trim()
                        + "' does not match the body's '" + name + "'", null);
            }
            if ("tools/call".equals(method) && name != null) {
                String problem = headerParameters.problem(name, params.path("arguments"), headers.parameters());
                if (problem != null) {
                    return error(400, id, HEADER_MISMATCH, problem, null);
                }
            }
        }
        if (ProtocolEra.removed(method)) {
            return error(404, id, McpSchema.ErrorCodes.METHOD_NOT_FOUND, "Method not found: " + method
                    + " is not part of the 2026-07-28 revision", null);
        }
        return null;
    }

    /** What {@code Mcp-Name} must repeat for {@code method}: a tool or prompt name, a resource URI, a task id. */
    private static String nameOf(String method, JsonNode params) {
        String field = switch (method) {
            case "tools/call", "prompts/get" -> "name";
            case "resources/read" -> "uri";
            case "tasks/get", "tasks/update", "tasks/cancel" -> "taskId";
            default -> null;
        };
        return field != null && params.path(field).isTextual() ? params.get(field).asText() : null;
    }

    private Map<String, Object> discover() {
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("supportedVersions", ProtocolEra.MODERN_VERSIONS);
        result.put("capabilities", capabilities);
        result.put("serverInfo", serverInfo);
        result.put("_meta", Map.of(ProtocolEra.META_SERVER, serverInfo));
        return result;
    }

    /** The SDK's view of the request: the era's own params (answers, state) are ours, not the handler's. */
    private McpSchema.JSONRPCRequest sdkRequest(JsonNode message, JsonNode params) {
        ObjectNode copy = message.deepCopy();
        if (params.isObject()) {
            ObjectNode p = (ObjectNode) copy.get("params");
            p.remove("inputResponses");
            p.remove("requestState");
        }
        return mapper.convertValue(copy, McpSchema.JSONRPCRequest.class);
    }

    private Answer finish(JsonNode id, String method, String name, McpSchema.JSONRPCResponse response,
            StatelessExchange exchange, JsonNode params) {
        if (exchange.missingCapability() != null) {
            String capability = exchange.missingCapability();
            return error(400, id, MISSING_CLIENT_CAPABILITY, "Missing required client capability: this request "
                    + "needs '" + capability + "', which the client did not declare in _meta "
                    + ProtocolEra.META_CAPABILITIES, Map.of("requiredCapabilities", Map.of(capability, Map.of())));
        }
        Map<String, Map<String, Object>> wanted = exchange.inputRequests();
        if (!wanted.isEmpty() && MAY_ASK.contains(method)) {
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("resultType", "input_required");
            result.put("inputRequests", wanted);
            result.put("requestState", states.seal(method, name, exchange.answers()));
            return new Answer(200, envelope(id, "result", result));
        }
        if (response.error() != null) {
            McpSchema.JSONRPCResponse.JSONRPCError e = response.error();
            if (e.code() == SDK_RESOURCE_NOT_FOUND && "resources/read".equals(method)) {
                String uri = params.path("uri").asText();
                return error(400, id, McpSchema.ErrorCodes.INVALID_PARAMS, e.message(), Map.of("uri", uri));
            }
            return error(statusOf(e.code()), id, e.code(), e.message(), e.data());
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> result = response.result() == null ? new LinkedHashMap<>()
                : new LinkedHashMap<>(mapper.convertValue(response.result(), Map.class));
        return new Answer(200, result(id, result, method));
    }

    private Map<String, Object> result(JsonNode id, Map<String, Object> result, String method) {
        Map<String, Object> complete = new LinkedHashMap<>();
        complete.put("resultType", "complete");
        complete.putAll(result);
        if (CACHEABLE.contains(method)) {
            complete.putIfAbsent("ttlMs", "resources/read".equals(method) ? 0L : LIST_TTL_MS);
            // Private: what a client is shown may depend on who it is (its token, its profile).
            complete.putIfAbsent("cacheScope", "private");
        }
        return envelope(id, "result", complete);
    }

    private static int statusOf(int code) {
        if (code == McpSchema.ErrorCodes.METHOD_NOT_FOUND) {
            return 404;
        }
        if (code == McpSchema.ErrorCodes.INVALID_PARAMS || code == McpSchema.ErrorCodes.INVALID_REQUEST
                || code == McpSchema.ErrorCodes.PARSE_ERROR || (code <= HEADER_MISMATCH && code >= UNSUPPORTED_VERSION)) {
            return 400;
        }
        return code == McpSchema.ErrorCodes.INTERNAL_ERROR ? 500 : 200;
    }

    private Answer error(int status, JsonNode id, int code, String message, Object data) {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("code", code);
        error.put("message", message);
        if (data != null) {
            error.put("data", data);
        }
        return new Answer(status, envelope(id, "error", error));
    }

    private Map<String, Object> envelope(JsonNode id, String kind, Object value) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("jsonrpc", "2.0");
        body.put("id", mapper.convertValue(id, Object.class));
        body.put(kind, value);
        return body;
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
