package dev.mcpbridge.core.mcp;

import io.modelcontextprotocol.json.TypeRef;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpServerTransport;
import java.util.List;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * Sends one message at a time. The SDK's legacy SSE transport writes an event's {@code event:} and {@code data:}
 * lines in separate writes, so two sends from two threads can interleave and corrupt the stream. Tool calls answer,
 * and report progress, from their own worker threads, so concurrent sends are the normal case; each send is
 * therefore subscribed on one single-threaded scheduler per session.
 */
final class SerialTransport implements McpServerTransport {

    private final McpServerTransport delegate;
    private final Scheduler sender = Schedulers.newSingle("mcp-send", true);

    SerialTransport(McpServerTransport delegate) {
        this.delegate = delegate;
    }

    @Override
    public Mono<Void> sendMessage(McpSchema.JSONRPCMessage message) {
        return Mono.defer(() -> delegate.sendMessage(message)).subscribeOn(sender);
    }

    @Override
    public Mono<Void> closeGracefully() {
        return delegate.closeGracefully().doFinally(s -> sender.dispose());
    }

    @Override
    public void close() {
        delegate.close();
        sender.dispose();
    }

    @Override
    public <T> T unmarshalFrom(Object data, TypeRef<T> typeRef) {
        return delegate.unmarshalFrom(data, typeRef);
    }

    @Override
    public List<String> protocolVersions() {
        return delegate.protocolVersions();
    }
}
