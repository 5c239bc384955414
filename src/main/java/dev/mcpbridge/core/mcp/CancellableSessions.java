package dev.mcpbridge.core.mcp;

import io.modelcontextprotocol.json.TypeRef;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpServerSession;
import io.modelcontextprotocol.spec.McpServerTransport;
import io.modelcontextprotocol.spec.McpServerTransportProvider;
import io.modelcontextprotocol.spec.McpStreamableServerSession;
import io.modelcontextprotocol.spec.McpStreamableServerTransport;
import io.modelcontextprotocol.spec.McpStreamableServerTransportProvider;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The one wrapper around the SDK's HTTP sessions (Streamable HTTP and legacy SSE), giving them what they lack:
 * {@code notifications/cancelled} stops the request it names ({@link InFlightRequests}), and
 * {@code notifications/roots/list_changed} from a client that did not declare the roots capability is ignored (the
 * SDK would answer it with a {@code roots/list} the client cannot serve). Legacy SSE sends are also serialised
 * ({@link SerialTransport}). Everything else is delegated unchanged. Stdio needs no wrapper: its transport
 * ({@code StdioTransport}) holds each request itself.
 */
public final class CancellableSessions {

    private static final Logger LOG = LoggerFactory.getLogger(CancellableSessions.class);

    private CancellableSessions() {
    }

    /** Legacy SSE ({@code /sse} + {@code /message}); {@code unknown} answers calls of tools not served. */
    public static McpServerTransportProvider wrap(McpServerTransportProvider delegate, UnknownTools unknown) {
        return new McpServerTransportProvider() {
            @Override
            public void setSessionFactory(McpServerSession.Factory factory) {
                delegate.setSessionFactory(transport -> {
                    McpServerTransport serial = new SerialTransport(transport);
                    return new Session(factory.create(serial), serial, unknown);
                });
            }

            @Override
            public Mono<Void> notifyClients(String method, Object params) {
                return delegate.notifyClients(method, params);
            }

            @Override
            public Mono<Void> notifyClient(String sessionId, String method, Object params) {
                return delegate.notifyClient(sessionId, method, params);
            }

            @Override
            public void close() {
                delegate.close();
            }

            @Override
            public Mono<Void> closeGracefully() {
                return delegate.closeGracefully();
            }

            @Override
            public List<String> protocolVersions() {
                return delegate.protocolVersions();
            }
        };
    }

    /** Streamable HTTP ({@code /mcp}); {@code unknown} answers calls of tools not served. */
    public static McpStreamableServerTransportProvider wrap(McpStreamableServerTransportProvider delegate,
            UnknownTools unknown) {
        return new McpStreamableServerTransportProvider() {
            @Override
            public void setSessionFactory(McpStreamableServerSession.Factory factory) {
                delegate.setSessionFactory(request -> {
                    McpStreamableServerSession.McpStreamableServerSessionInit init = factory.startSession(request);
                    boolean roots = request.capabilities() != null && request.capabilities().roots() != null;
                    return new McpStreamableServerSession.McpStreamableServerSessionInit(
                            new StreamableSession(init.session(), roots, unknown), init.initResult());
                });
            }

            @Override
            public Mono<Void> notifyClients(String method, Object params) {
                return delegate.notifyClients(method, params);
            }

            @Override
            public Mono<Void> notifyClient(String sessionId, String method, Object params) {
                return delegate.notifyClient(sessionId, method, params);
            }

            @Override
            public void close() {
                delegate.close();
            }

            @Override
            public Mono<Void> closeGracefully() {
                return delegate.closeGracefully();
            }

            @Override
            public List<String> protocolVersions() {
                return delegate.protocolVersions();
            }
        };
    }

    /** A roots change the SDK must not act on: the client never said it has roots to list. */
    private static boolean unaskableRoots(McpSchema.JSONRPCNotification n, boolean clientHasRoots) {
        if (McpSchema.METHOD_NOTIFICATION_ROOTS_LIST_CHANGED.equals(n.method()) && !clientHasRoots) {
            LOG.debug("ignored {}: the client did not declare the roots capability", n.method());
            return true;
        }
        return false;
    }

    private static boolean declaresRoots(Object initializeParams) {
        return initializeParams instanceof Map<?, ?> p && p.get("capabilities") instanceof Map<?, ?> c
                && c.get("roots") != null;
    }

    private static final class Session extends McpServerSession {
        private final McpServerSession inner;
        private final McpServerTransport transport;
        private final UnknownTools unknown;
        private final InFlightRequests inFlight = new InFlightRequests();
        private volatile boolean clientHasRoots;

        Session(McpServerSession inner, McpServerTransport transport, UnknownTools unknown) {
            super(inner.getId(), Duration.ofSeconds(1), transport, request -> Mono.empty(), Map.of(), Map.of());
            this.inner = inner;
            this.transport = transport;
            this.unknown = unknown;
        }

        @Override
        public Mono<Void> handle(McpSchema.JSONRPCMessage message) {
            if (message instanceof McpSchema.JSONRPCNotification n && InFlightRequests.CANCELLED.equals(n.method())) {
                inFlight.cancel(n.params());
                return Mono.empty();
            }
            if (message instanceof McpSchema.JSONRPCNotification n && unaskableRoots(n, clientHasRoots)) {
                return Mono.empty();
            }
            if (message instanceof McpSchema.JSONRPCRequest r && "initialize".equals(r.method())) {
                clientHasRoots = declaresRoots(r.params());
            }
            McpSchema.JSONRPCResponse refusal = message instanceof McpSchema.JSONRPCRequest r
                    ? unknown.refusal(r) : null;
            if (refusal != null) {
                return transport.sendMessage(refusal);
            }
            if (message instanceof McpSchema.JSONRPCRequest r && !"initialize".equals(r.method())) {
                return inFlight.track(r.id(), inner.handle(message));
            }
            return inner.handle(message);
        }

        @Override
        public String getId() {
            return inner.getId();
        }

        @Override
        public void init(McpSchema.ClientCapabilities capabilities, McpSchema.Implementation info) {
            inner.init(capabilities, info);
        }

        @Override
        public void setMinLoggingLevel(McpSchema.LoggingLevel level) {
            inner.setMinLoggingLevel(level);
        }

        @Override
        public boolean isNotificationForLevelAllowed(McpSchema.LoggingLevel level) {
            return inner.isNotificationForLevelAllowed(level);
        }

        @Override
        public <T> Mono<T> sendRequest(String method, Object params, TypeRef<T> type) {
            return inner.sendRequest(method, params, type);
        }

        @Override
        public Mono<Void> sendNotification(String method, Object params) {
            return inner.sendNotification(method, params);
        }

        @Override
        public Mono<Void> closeGracefully() {
            return inner.closeGracefully();
        }

        @Override
        public void close() {
            inner.close();
        }
    }

    private static final class StreamableSession extends McpStreamableServerSession {
        private final McpStreamableServerSession inner;
        private final InFlightRequests inFlight = new InFlightRequests();

        private final boolean clientHasRoots;
        private final UnknownTools unknown;

        StreamableSession(McpStreamableServerSession inner, boolean clientHasRoots, UnknownTools unknown) {
            super(inner.getId(), null, null, Duration.ofSeconds(1), Map.of(), Map.of());
            this.inner = inner;
            this.clientHasRoots = clientHasRoots;
            this.unknown = unknown;
        }

        @Override
        public Mono<Void> responseStream(McpSchema.JSONRPCRequest request, McpStreamableServerTransport transport) {
            McpSchema.JSONRPCResponse refusal = unknown.refusal(request);
            if (refusal != null) {
                // As the SDK answers a method it does not know: the one message on this request's stream.
                return transport.sendMessage(refusal);
            }
            return inFlight.track(request.id(), inner.responseStream(request, transport));
        }

        @Override
        public Mono<Void> accept(McpSchema.JSONRPCNotification notification) {
            if (InFlightRequests.CANCELLED.equals(notification.method())) {
                inFlight.cancel(notification.params());
                return Mono.empty();
            }
            if (unaskableRoots(notification, clientHasRoots)) {
                return Mono.empty();
            }
            return inner.accept(notification);
        }

        @Override
        public Mono<Void> accept(McpSchema.JSONRPCResponse response) {
            return inner.accept(response);
        }

        @Override
        public String getId() {
            return inner.getId();
        }

        @Override
        public void setMinLoggingLevel(McpSchema.LoggingLevel level) {
            inner.setMinLoggingLevel(level);
        }

        @Override
        public boolean isNotificationForLevelAllowed(McpSchema.LoggingLevel level) {
            return inner.isNotificationForLevelAllowed(level);
        }

        @Override
        public <T> Mono<T> sendRequest(String method, Object params, TypeRef<T> type) {
            return inner.sendRequest(method, params, type);
        }

        @Override
        public Mono<Void> sendNotification(String method, Object params) {
            return inner.sendNotification(method, params);
        }

        @Override
        public Mono<Void> delete() {
            return inner.delete();
        }

        @Override
        public boolean hasListeningStream() {
            return inner.hasListeningStream();
        }

        @Override
        public boolean hasOpenStream() {
            return inner.hasOpenStream();
        }

        @Override
        public McpStreamableServerSessionStream listeningStream(McpStreamableServerTransport transport) {
            return inner.listeningStream(transport);
        }

        @Override
        public void releaseListeningStream() {
            inner.releaseListeningStream();
        }

        @Override
        public Flux<McpSchema.JSONRPCMessage> replay(Object lastEventId) {
            return inner.replay(lastEventId);
        }

        @Override
        public McpStreamableServerSessionStream responseStream(McpStreamableServerTransport transport) {
            return inner.responseStream(transport);
        }

        @Override
        public Mono<Void> closeGracefully() {
            return inner.closeGracefully();
        }

        @Override
        public void close() {
            inner.close();
        }
    }
}
