package dev.mcpbridge.core.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelcontextprotocol.json.TypeRef;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpServerTransport;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

class SerialTransportTest {

    /** Like the SDK's legacy SSE transport: sending is not safe from two threads at once; this one counts overlaps. */
    private static final class OverlapDetectingTransport implements McpServerTransport {
        final AtomicInteger inside = new AtomicInteger();
        final AtomicInteger maxInside = new AtomicInteger();
        final List<Object> sent = new CopyOnWriteArrayList<>();

        @Override
        public Mono<Void> sendMessage(McpSchema.JSONRPCMessage message) {
            return Mono.fromRunnable(() -> {
                maxInside.accumulateAndGet(inside.incrementAndGet(), Math::max);
                try {
                    Thread.sleep(1);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                sent.add(message);
                inside.decrementAndGet();
            });
        }

        @Override
        public Mono<Void> closeGracefully() {
            return Mono.empty();
        }

        @Override
        public <T> T unmarshalFrom(Object data, TypeRef<T> typeRef) {
            return null;
        }
    }

    private static int sendFromEightThreads(McpServerTransport transport) throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                int thread = t;
                done.add(threads.submit(() -> {
                    for (int i = 0; i < 25; i++) {
                        transport.sendMessage(new McpSchema.JSONRPCNotification("2.0", "n/" + thread, i)).block();
                    }
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            threads.shutdownNow();
        }
        return 8 * 25;
    }

    @Test
    void concurrentSendsReachTheTransportOneAtATime() throws Exception {
        OverlapDetectingTransport raw = new OverlapDetectingTransport();
        int count = sendFromEightThreads(new SerialTransport(raw));
        assertThat(raw.sent).hasSize(count);
        assertThat(raw.maxInside.get()).isEqualTo(1);
    }

    @Test
    void withoutItSendsOverlap() throws Exception {
        OverlapDetectingTransport raw = new OverlapDetectingTransport();
        sendFromEightThreads(raw);
        assertThat(raw.maxInside.get()).as("the unprotected transport is entered concurrently").isGreaterThan(1);
    }
}
