package dev.mcpbridge.core.mcp;

import io.modelcontextprotocol.json.TypeRef;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpServerTransport;
import java.util.List;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * Sends one message at a time. The SDK's stdio transport hands each message to a Reactor sink that must not be fed
 * from two threads at once: a second concurrent send fails ("Failed to enqueue message"), the answer is lost and the
 * session may go dead. Tool calls answer, and report progress, from their own worker threads, so concurrent sends
 * are the normal case here; each send is therefore subscribed on one single-threaded scheduler per session.
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
