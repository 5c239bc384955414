package dev.mcpbridge.core.app;

import java.util.Deque;
import java.util.concurrent.ConcurrentLinkedDeque;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The steps of stopping (SIGTERM, Ctrl-C, normal exit), run in order from one JVM shutdown hook. Separate hooks would
 * run concurrently, and the HTTP server must let its in-flight calls finish before the workers and Camel routes that
 * answer them are closed.
 */
public final class ShutdownSequence {

    private static final Logger LOG = LoggerFactory.getLogger(ShutdownSequence.class);

    private final Deque<Runnable> steps = new ConcurrentLinkedDeque<>();

    ShutdownSequence() {
    }

    /** A sequence that runs when the JVM shuts down. */
    public static ShutdownSequence onExit() {
        ShutdownSequence sequence = new ShutdownSequence();
        Runtime.getRuntime().addShutdownHook(new Thread(sequence::run, "shutdown"));
        return sequence;
    }

    /** Runs {@code step} before every step added so far. */
    public ShutdownSequence first(Runnable step) {
        steps.addFirst(step);
        return this;
    }

    /** Runs {@code step} after every step added so far. */
    public ShutdownSequence last(Runnable step) {
        steps.addLast(step);
        return this;
    }

    void run() {
        Runnable step;
        while ((step = steps.pollFirst()) != null) {
            try {
                step.run();
            } catch (RuntimeException e) {
                // One failed step must not keep the others (closing Camel, child processes) from running.
                LOG.warn("a shutdown step failed: {}", e.toString());
            }
        }
    }
}
