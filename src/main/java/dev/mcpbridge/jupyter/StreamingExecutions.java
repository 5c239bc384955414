package dev.mcpbridge.jupyter;

import dev.mcpbridge.core.spi.ToolException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Executions started by stream_execute and polled by stream_outputs: the code runs in the background under the
 * same timeout rules as execute_on_kernel, and each poll sees the outputs gathered so far. At most
 * {@code maxKept} are kept; the oldest finished ones make room.
 */
public final class StreamingExecutions implements AutoCloseable {

    /** One streamed execution. */
    public record Stream(String id, KernelSession kernel, Execution execution,
            CompletableFuture<KernelExecutor.Outcome> outcome) {
    }

    private final KernelExecutor executor;
    private final int maxKept;
    private final Map<String, Stream> streams = new LinkedHashMap<>();
    private final ExecutorService pool = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "jupyter-stream");
        t.setDaemon(true);
        return t;
    });

    public StreamingExecutions(KernelExecutor executor, int maxKept) {
        this.executor = executor;
        this.maxKept = maxKept;
    }

    public Stream start(KernelSession kernel, String code, Duration timeout) {
        synchronized (streams) {
            if (streams.size() >= maxKept) {
                String oldest = streams.values().stream().filter(s -> s.outcome().isDone()).map(Stream::id)
                        .findFirst().orElseThrow(() -> new ToolException("too many streamed executions are running ("
                                + maxKept + "); wait for one to finish"));
                streams.remove(oldest);
            }
        }
        Execution execution = executor.submit(kernel, code);
        CompletableFuture<KernelExecutor.Outcome> outcome = CompletableFuture.supplyAsync(
                () -> executor.await(kernel, execution, timeout, () -> false), pool);
        Stream stream = new Stream("exec-" + UUID.randomUUID().toString().substring(0, 12), kernel, execution, outcome);
        synchronized (streams) {
            streams.put(stream.id(), stream);
        }
        return stream;
    }

    public Stream get(String id) {
        if (id == null || id.isBlank()) {
            throw new ToolException("execution_id is required");
        }
        synchronized (streams) {
            Stream stream = streams.get(id);
            if (stream == null) {
                throw new ToolException("there is no streamed execution with id '" + id + "' (it may have been "
                        + "cleaned up)");
            }
            return stream;
        }
    }

    public boolean remove(String id) {
        synchronized (streams) {
            return streams.remove(id) != null;
        }
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }
}
