package dev.mcpbridge.core.mcp;

import io.modelcontextprotocol.json.TypeRef;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpServerSession;
import io.modelcontextprotocol.spec.McpServerTransport;
import io.modelcontextprotocol.spec.McpServerTransportProvider;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import reactor.core.publisher.Mono;

/**
 * Gives the SDK's stdio and SSE sessions what they lack: handling of {@code notifications/cancelled}, and sends
 * that are safe from several threads ({@link SerialTransport}). Each session the SDK creates is wrapped; the wrapper
 * tracks in-flight requests and delegates everything else unchanged.
 */
public final class CancellableSessionProvider implements McpServerTransportProvider {

    private final McpServerTransportProvider delegate;

    public CancellableSessionProvider(McpServerTransportProvider delegate) {
        this.delegate = delegate;
    }

    @Override
    public void setSessionFactory(McpServerSession.Factory factory) {
        delegate.setSessionFactory(transport -> {
            McpServerTransport serial = new SerialTransport(transport);
            return new Session(factory.create(serial), serial);
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

    private static final class Session extends McpServerSession {
        private final McpServerSession inner;
        private final InFlightRequests inFlight = new InFlightRequests();

        Session(McpServerSession inner, McpServerTransport transport) {
            super(inner.getId(), Duration.ofSeconds(1), transport, request -> Mono.empty(), Map.of(), Map.of());
            this.inner = inner;
        }

        @Override
        public Mono<Void> handle(McpSchema.JSONRPCMessage message) {
            if (message instanceof McpSchema.JSONRPCNotification n && InFlightRequests.CANCELLED.equals(n.method())) {
                inFlight.cancel(n.params());
                return Mono.empty();
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
}
