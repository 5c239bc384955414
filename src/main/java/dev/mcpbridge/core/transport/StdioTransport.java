package dev.mcpbridge.core.transport;

import dev.mcpbridge.core.transport.InboundMessages.Drop;
import dev.mcpbridge.core.transport.InboundMessages.Inbound;
import dev.mcpbridge.core.transport.InboundMessages.Notification;
import dev.mcpbridge.core.transport.InboundMessages.Reply;
import dev.mcpbridge.core.transport.InboundMessages.Request;
import dev.mcpbridge.core.transport.InboundMessages.Response;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.JsonNode;
import dev.mcpbridge.core.mcp.ProtocolEra;
import dev.mcpbridge.core.mcp.StatelessEra;
import dev.mcpbridge.core.mcp.UnknownTools;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.json.TypeRef;
import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpServerSession;
import io.modelcontextprotocol.spec.McpServerTransport;
import io.modelcontextprotocol.spec.McpServerTransportProvider;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.core.publisher.SignalType;

/**
 * MCP over stdin/stdout, as the SDK's transport-provider interface asks: one session, one reader (the thread that
 * calls {@link #serve}), one serialised writer. Every request read gets exactly one answer: a malformed line its
 * -32700/-32600 error, a request its response, and at the end of the input the process waits for the answers still
 * being worked on (each bounded by its tool's timeout) instead of dropping them. {@code notifications/cancelled}
 * stops a request here (its handling is disposed, which interrupts the tool, and it is not answered), since the
 * transport holds each request's subscription.
 */
public final class StdioTransport implements McpServerTransportProvider {

    private static final Logger LOG = LoggerFactory.getLogger(StdioTransport.class);
    private static final int LOGGED_PER_SECOND = 5;
    private static final String CANCELLED = "notifications/cancelled";

    private final McpJsonMapper json;
    private final InputStream in;
    private final ProtocolWriter writer;
    private final InboundMessages inbound;
    private final int maxLineBytes;
    private final Duration drainLimit;
    private final MalformedInputLog malformed = new MalformedInputLog(LOG, LOGGED_PER_SECOND);
    private final SessionTransport sessionTransport = new SessionTransport();
    private final Runnable backendStart;
    private final AtomicBoolean backendStarted = new AtomicBoolean();

    /** Requests read and not yet answered, by id. */
    private final Map<Object, InFlight> inFlight = new ConcurrentHashMap<>();
    /** Requests the server sent the client and that were not yet answered, by id. */
    private final Map<Object, Object> askedOfClient = new ConcurrentHashMap<>();
    private final Object drained = new Object();

    private volatile McpServerSession session;
    private volatile boolean initialized;
    private volatile boolean clientHasRoots;
    private volatile boolean inputEnded;

    /** One request being handled. {@code answered} is claimed by whoever answers it (or cancels it) first. */
    private static final class InFlight {
        final Object id;
        final boolean initialize;
        final boolean sessionless;
        final AtomicBoolean answered = new AtomicBoolean();
        volatile Disposable handling;

        InFlight(Object id, boolean initialize) {
            this(id, initialize, false);
        }

        InFlight(Object id, boolean initialize, boolean sessionless) {
            this.id = id;
            this.initialize = initialize;
            this.sessionless = sessionless;
        }
    }

    /** Serves the 2026-07-28 requests, which come without initialize; null: only the session revisions. */
    private volatile StatelessEra statelessEra;

    /** Serves the requests of the 2026-07-28 revision (see {@link ProtocolEra}) beside the session. */
    void statelessEra(StatelessEra era) {
        this.statelessEra = era;
    }

    /** Answers the session's calls of tools not served; null: the SDK answers them. */
    private volatile UnknownTools unknownTools;

    void unknownTools(UnknownTools unknown) {
        this.unknownTools = unknown;
    }

    /**
     * @param maxLineBytes longer lines are answered with an error, never buffered whole
     * @param drainLimit how long, at most, answers are awaited once the input ended (the longest tool timeout and
     *     some slack: tools time out by themselves, this only guards against a handler that never completes)
     * @param backendStart starts what serves the calls (Camel and the adapters); run once, as soon as the
     *     {@code initialize} answer is written or a request that needs it arrives, so that on a small machine
     *     the boot does not compete with the answer a client waits for first
     */
    public StdioTransport(McpJsonMapper json, InputStream in, OutputStream out, int maxLineBytes,
            Duration drainLimit, Runnable backendStart) {
        this.backendStart = backendStart;
        this.json = json;
        this.in = in;
        this.writer = new ProtocolWriter(out, json);
        this.inbound = new InboundMessages(json);
        this.maxLineBytes = maxLineBytes;
        this.drainLimit = drainLimit;
    }

    @Override
    public void setSessionFactory(McpServerSession.Factory factory) {
        this.session = factory.create(sessionTransport);
    }

    /** Reads and dispatches until stdin ends, then returns once every request read has been answered. */
    public void serve() {
        if (session == null) {
            throw new IllegalStateException("no MCP server was built over this transport");
        }
        BoundedLineReader reader = new BoundedLineReader(in, maxLineBytes);
        try {
            BoundedLineReader.Line line;
            while ((line = reader.next()) != null) {
                if (line.tooLong()) {
                    String problem = "a line of " + line.size() + " bytes, over the limit of " + maxLineBytes;
                    malformed.report(problem, null);
                    writer.write(InboundMessages.error(null, McpSchema.ErrorCodes.INVALID_REQUEST,
                            "Invalid Request: " + problem + " (--max-line-bytes)"));
                } else if (!blank(line.bytes(), line.length())) {
                    dispatch(inbound.classify(line.bytes(), line.length()));
                }
            }
        } catch (IOException e) {
            LOG.warn("stdin failed, ending the session: {}", e.getMessage());
        }
        LOG.debug("stdin closed; answering the {} request(s) still in flight", inFlight.size());
        endOfInput();
    }

    private void dispatch(Inbound message) {
        try {
            if (message instanceof Request r) {
                onRequest(r.request());
            } else if (message instanceof Notification n) {
                onNotification(n.notification());
            } else if (message instanceof Response r) {
                onResponse(r.response());
            } else if (message instanceof Reply r) {
                malformed.report(r.problem(), null);
                writer.write(r.reply());
            } else if (message instanceof Drop d) {
                malformed.report(d.problem(), null);
            }
        } catch (RuntimeException e) {
            // A handler that throws instead of signalling: the message is lost, the session is not.
            malformed.report("a message the server could not handle (" + e + ")", e);
            if (message instanceof Request r) {
                answerInstead(inFlight.get(key(r.request().id())), McpSchema.ErrorCodes.INTERNAL_ERROR,
                        "Internal error: the request could not be handled");
            }
        }
    }

    private void onRequest(McpSchema.JSONRPCRequest request) {
        StatelessEra era = statelessEra;
        if (era != null && mayBeStateless(request)) {
            JsonNode message = STATELESS_JSON.valueToTree(request);
            if (ProtocolEra.isStateless(message, null)) {
                onStatelessRequest(era, request.id(), message);
                return;
            }
        }
        boolean initialize = McpSchema.METHOD_INITIALIZE.equals(request.method());
        if (initialize) {
            clientHasRoots = declaresRoots(request.params());
        } else {
            startBackend();
        }
        Object key = key(request.id());
        InFlight call = new InFlight(request.id(), initialize);
        if (inFlight.putIfAbsent(key, call) != null) {
            malformed.report("a request id already used by a request in progress (" + request.id() + ")", null);
            writer.write(InboundMessages.error(idNode(request.id()), McpSchema.ErrorCodes.INVALID_REQUEST,
                    "Invalid Request: the id " + request.id() + " is already used by a request in progress"));
            return;
        }
        UnknownTools unknown = unknownTools;
        McpSchema.JSONRPCResponse refusal = unknown == null ? null : unknown.refusal(request);
        if (refusal != null) {
            call.handling = sessionTransport.sendMessage(refusal)
                    .doFinally(signal -> finished(key, call, signal))
                    .subscribe(null, e -> LOG.debug("request {} failed: {}", request.id(), e.toString()));
            return;
        }
        call.handling = session.handle(request)
                .doFinally(signal -> finished(key, call, signal))
                .subscribe(null, e -> LOG.debug("request {} failed: {}", request.id(), e.toString()));
    }

    /** A cheap look before the exact one: most requests are of a session. */
    private static boolean mayBeStateless(McpSchema.JSONRPCRequest request) {
        return "server/discover".equals(request.method())
                || request.params() instanceof Map<?, ?> p && p.get("_meta") instanceof Map<?, ?> m
                        && m.containsKey("io.modelcontextprotocol/protocolVersion");
    }

    /** A request of 2026-07-28: answered on its own, its progress and log messages written as they come. */
    private void onStatelessRequest(StatelessEra era, Object id, JsonNode message) {
        startBackend();
        Object key = key(id);
        InFlight call = new InFlight(id, false, true);
        if (inFlight.putIfAbsent(key, call) != null) {
            malformed.report("a request id already used by a request in progress (" + id + ")", null);
            writer.write(InboundMessages.error(idNode(id), McpSchema.ErrorCodes.INVALID_REQUEST,
                    "Invalid Request: the id " + id + " is already used by a request in progress"));
            return;
        }
        call.handling = era.answer(message, null, notification -> {
            if (!call.answered.get()) {
                writeJson(notification);
            }
        }).doFinally(signal -> finished(key, call, signal)).subscribe(answer -> {
            if (answer.body() != null && call.answered.compareAndSet(false, true)) {
                writeJson(answer.body());
            }
        }, e -> answerInstead(call, McpSchema.ErrorCodes.INTERNAL_ERROR,
                "Internal error: the request could not be handled"));
    }

    private void writeJson(Object message) {
        try {
            writer.write(STATELESS_JSON.writeValueAsBytes(message));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            LOG.error("cannot serialise an answer: {}", e.getMessage());
        }
    }

    private static final com.fasterxml.jackson.databind.ObjectMapper STATELESS_JSON =
            new com.fasterxml.jackson.databind.ObjectMapper();

    private void onNotification(McpSchema.JSONRPCNotification notification) {
        String method = notification.method();
        if (CANCELLED.equals(method)) {
            cancel(notification.params());
            return;
        }
        if (McpSchema.METHOD_NOTIFICATION_INITIALIZED.equals(method)) {
            initialized = true;
        }
        if (McpSchema.METHOD_NOTIFICATION_ROOTS_LIST_CHANGED.equals(method) && !clientHasRoots) {
            // The SDK would answer it with roots/list, which a client without the roots capability cannot serve.
            LOG.debug("ignored {}: the client did not declare the roots capability", method);
            return;
        }
        session.handle(notification).subscribe(null,
                e -> LOG.debug("notification {} failed: {}", method, e.toString()));
    }

    private void onResponse(McpSchema.JSONRPCResponse response) {
        if (askedOfClient.remove(key(response.id())) == null) {
            malformed.report("a response to no request of the server's (id " + response.id() + ")", null);
            return;
        }
        session.handle(response).subscribe(null, e -> LOG.debug("response {} failed: {}", response.id(), e.toString()));
    }

    private void cancel(Object params) {
        if (!(params instanceof Map<?, ?> map) || map.get("requestId") == null) {
            malformed.report("notifications/cancelled without a requestId", null);
            return;
        }
        InFlight call = inFlight.get(key(map.get("requestId")));
        // The protocol forbids cancelling initialize; an unknown id is a request already answered.
        if (call != null && !call.initialize && call.answered.compareAndSet(false, true)) {
            LOG.debug("request {} cancelled by the client", call.id);
            Disposable handling = call.handling;
            if (handling != null) {
                handling.dispose();
            }
        }
    }

    private void finished(Object key, InFlight call, SignalType signal) {
        if (signal != SignalType.CANCEL && call.answered.compareAndSet(false, true)) {
            // The SDK completed without a response (it should not): the request must not go unanswered.
            writer.write(InboundMessages.error(idNode(call.id), McpSchema.ErrorCodes.INTERNAL_ERROR,
                    "Internal error: the server produced no answer"));
        }
        inFlight.remove(key, call);
        synchronized (drained) {
            drained.notifyAll();
        }
    }

    private void answerInstead(InFlight call, int code, String message) {
        if (call != null && call.answered.compareAndSet(false, true)) {
            writer.write(InboundMessages.error(idNode(call.id), code, message));
            Disposable handling = call.handling;
            if (handling != null) {
                handling.dispose();
            }
        }
    }

    /**
     * The client will send nothing more: what it was asked can no longer be answered (so those requests fail now
     * rather than at their timeout), and requests that wait for an initialisation that never came are answered
     * with an error. Then the answers still being worked on are awaited.
     */
    private void endOfInput() {
        inputEnded = true;
        malformed.flush();
        for (Object id : List.copyOf(askedOfClient.values())) {
            askedOfClient.remove(key(id));
            session.handle(McpSchema.JSONRPCResponse.error(id, new McpSchema.JSONRPCResponse.JSONRPCError(
                    McpSchema.ErrorCodes.INTERNAL_ERROR, "the client closed its input before answering", null)))
                    .subscribe(null, e -> LOG.debug("cannot fail request {}: {}", id, e.toString()));
        }
        if (!initialized) {
            for (InFlight call : List.copyOf(inFlight.values())) {
                if (!call.initialize && !call.sessionless) {
                    answerInstead(call, McpSchema.ErrorCodes.INVALID_REQUEST, "Invalid Request: the session was "
                            + "never initialized (no notifications/initialized before the input ended)");
                }
            }
        }
        long deadline = System.nanoTime() + drainLimit.toNanos();
        synchronized (drained) {
            long left;
            while (!inFlight.isEmpty() && (left = deadline - System.nanoTime()) > 0) {
                try {
                    drained.wait(Math.max(1, left / 1_000_000));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
        }
        for (InFlight call : List.copyOf(inFlight.values())) {
            LOG.warn("request {} had no answer {} s after the input ended; answering with an error", call.id,
                    drainLimit.toSeconds());
            answerInstead(call, McpSchema.ErrorCodes.INTERNAL_ERROR,
                    "Internal error: no answer within " + drainLimit.toSeconds() + " s");
        }
    }

    private void startBackend() {
        if (backendStarted.compareAndSet(false, true)) {
            backendStart.run();
        }
    }

    private static boolean declaresRoots(Object params) {
        return params instanceof Map<?, ?> p && p.get("capabilities") instanceof Map<?, ?> c && c.get("roots") != null;
    }

    private static boolean blank(byte[] bytes, int length) {
        for (int i = 0; i < length; i++) {
            byte b = bytes[i];
            if (b != ' ' && b != '\t' && b != '\r') {
                return false;
            }
        }
        return true;
    }

    /** Ids compare by value: 5 read as an Integer and echoed as a Long are the same request. */
    private static Object key(Object id) {
        return id instanceof Number n ? (Object) n.longValue() : id;
    }

    private static JsonNode idNode(Object id) {
        if (id instanceof Number n) {
            return JsonNodeFactory.instance.numberNode(n.longValue());
        }
        return id == null ? null : JsonNodeFactory.instance.textNode(String.valueOf(id));
    }

    @Override
    public Mono<Void> notifyClients(String method, Object params) {
        McpServerSession current = session;
        return current == null ? Mono.empty() : current.sendNotification(method, params);
    }

    @Override
    public Mono<Void> closeGracefully() {
        return Mono.empty();
    }

    /** The session's side: what the server sends goes out through the one writer. */
    private final class SessionTransport implements McpServerTransport {

        @Override
        public Mono<Void> sendMessage(McpSchema.JSONRPCMessage message) {
            return Mono.defer(() -> {
                if (message instanceof McpSchema.JSONRPCResponse response) {
                    InFlight call = inFlight.get(key(response.id()));
                    if (call != null && !call.answered.compareAndSet(false, true)) {
                        return Mono.empty(); // cancelled, or already answered with an error
                    }
                } else if (message instanceof McpSchema.JSONRPCRequest request) {
                    if (inputEnded) {
                        return Mono.error(McpError.builder(McpSchema.ErrorCodes.INTERNAL_ERROR)
                                .message("the client closed its input; it cannot answer " + request.method()).build());
                    }
                    askedOfClient.put(key(request.id()), request.id());
                }
                writer.write(message);
                if (message instanceof McpSchema.JSONRPCResponse) {
                    startBackend();
                }
                return Mono.empty();
            });
        }

        @Override
        public <T> T unmarshalFrom(Object data, TypeRef<T> type) {
            return json.convertValue(data, type);
        }

        @Override
        public Mono<Void> closeGracefully() {
            return Mono.empty();
        }
    }
}
