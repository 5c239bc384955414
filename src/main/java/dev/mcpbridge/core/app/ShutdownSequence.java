package dev.mcpbridge.core.app;

import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The stages of stopping (SIGTERM, Ctrl-C, normal exit), run in order from one JVM shutdown hook; the steps of one
 * stage run together. Separate hooks would all run at once, and the HTTP server must let its in-flight calls finish
 * before the workers and Camel routes that answer them are closed; after that, closing the server and the bridge
 * together keeps the stop short. The log is flushed after all of it, so that what the stages said reaches stderr.
 */
public final class ShutdownSequence {

    private static final Logger LOG = LoggerFactory.getLogger(ShutdownSequence.class);

    private static ShutdownSequence jvm;

    private final Deque<List<Runnable>> stages = new ConcurrentLinkedDeque<>();
    private final List<Runnable> afterAll = new CopyOnWriteArrayList<>();

    ShutdownSequence() {
    }

    /** The sequence that runs when the JVM shuts down: one for the process, so that its order holds. */
    public static synchronized ShutdownSequence onExit() {
        if (jvm == null) {
            jvm = new ShutdownSequence();
            Runtime.getRuntime().addShutdownHook(new Thread(jvm::run, "shutdown"));
        }
        return jvm;
    }

    /**
     * Runs {@code step} once every stage has run, also the stages added after this call: the log's final flush,
     * which must come after the last line the stages write.
     */
    public ShutdownSequence afterAll(Runnable step) {
        afterAll.add(step);
        return this;
    }

    /** Runs {@code step} before every stage added so far. */
    public ShutdownSequence first(Runnable step) {
        stages.addFirst(new CopyOnWriteArrayList<>(List.of(step)));
        return this;
    }

    /** Runs {@code step} after every stage added so far. */
    public ShutdownSequence last(Runnable step) {
        stages.addLast(new CopyOnWriteArrayList<>(List.of(step)));
        return this;
    }

    /** Runs {@code step} at the same time as the last stage. */
    public ShutdownSequence withLast(Runnable step) {
        List<Runnable> last = stages.peekLast();
        if (last == null) {
            return last(step);
        }
        last.add(step);
        return this;
    }

    void run() {
        List<Runnable> stage;
        while ((stage = stages.pollFirst()) != null) {
            List<CompletableFuture<Void>> running = new ArrayList<>();
            for (Runnable step : stage.subList(1, stage.size())) {
                running.add(CompletableFuture.runAsync(() -> safely(step), r -> new Thread(r, "shutdown-step").start()));
            }
            safely(stage.get(0));
            running.forEach(CompletableFuture::join);
        }
        afterAll.forEach(ShutdownSequence::safely);
    }

    private static void safely(Runnable step) {
        try {
            step.run();
        } catch (RuntimeException e) {
            // One failed step must not keep the others (closing Camel, child processes) from running.
            LOG.warn("a shutdown step failed: {}", e.toString());
        }
    }
}
