package dev.mcpbridge.core.mcp;

import io.modelcontextprotocol.json.TypeRef;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpStreamableServerSession;
import io.modelcontextprotocol.spec.McpStreamableServerTransport;
import io.modelcontextprotocol.spec.McpStreamableServerTransportProvider;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** The Streamable HTTP counterpart of {@link CancellableSessionProvider}. */
public final class CancellableStreamableProvider implements McpStreamableServerTransportProvider {

    private final McpStreamableServerTransportProvider delegate;

    public CancellableStreamableProvider(McpStreamableServerTransportProvider delegate) {
        this.delegate = delegate;
    }

    @Override
    public void setSessionFactory(McpStreamableServerSession.Factory factory) {
        delegate.setSessionFactory(request -> {
            McpStreamableServerSession.McpStreamableServerSessionInit init = factory.startSession(request);
            return new McpStreamableServerSession.McpStreamableServerSessionInit(new Session(init.session()),
                    init.initResult());
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

    private static final class Session extends McpStreamableServerSession {
        private final McpStreamableServerSession inner;
        private final InFlightRequests inFlight = new InFlightRequests();

        Session(McpStreamableServerSession inner) {
            super(inner.getId(), null, null, Duration.ofSeconds(1), Map.of(), Map.of());
            this.inner = inner;
        }

        @Override
        public Mono<Void> responseStream(McpSchema.JSONRPCRequest request, McpStreamableServerTransport transport) {
            return inFlight.track(request.id(), inner.responseStream(request, transport));
        }

        @Override
        public Mono<Void> accept(McpSchema.JSONRPCNotification notification) {
            if (InFlightRequests.CANCELLED.equals(notification.method())) {
                inFlight.cancel(notification.params());
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
