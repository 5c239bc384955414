package dev.mcpbridge.jupyter;

import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.mcpbridge.core.spi.ToolException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;

/**
 * Runs code on a kernel and waits for it within a timeout that leaves the kernel usable: past the timeout (or when
 * the caller cancels) the kernel is interrupted, given a bounded time to come back, and restarted only if it does
 * not. The outcome says which of these happened.
 */
public final class KernelExecutor {

    /** What one execution came to. {@code recovery} lists interrupted / restarted when a timeout needed them. */
    public record Outcome(String status, Integer executionCount, ArrayNode outputs, double seconds,
            List<String> recovery, String note) {

        public boolean ok() {
            return "ok".equals(status);
        }
    }

    private static final long SLICE_MS = 100;
    private final KernelRegistry kernels;
    private final Duration interruptGrace;
    private final Duration connectTimeout;
    private final long recordCap;

    public KernelExecutor(KernelRegistry kernels, Duration interruptGrace, Duration connectTimeout, long recordCap) {
        this.kernels = kernels;
        this.interruptGrace = interruptGrace;
        this.connectTimeout = connectTimeout;
        this.recordCap = recordCap;
    }

    /** Starts the code and returns at once; {@link #await} waits for it. */
    public Execution submit(KernelSession kernel, String code) {
        return kernel.channel().execute(code, recordCap, connectTimeout);
    }

    public Outcome run(KernelSession kernel, String code, Duration timeout, BooleanSupplier cancelled) {
        return await(kernel, submit(kernel, code), timeout, cancelled);
    }

    public Outcome await(KernelSession kernel, Execution execution, Duration timeout, BooleanSupplier cancelled) {
        long deadline = System.nanoTime() + timeout.toNanos();
        boolean cancel = false;
        while (!execution.done().isDone()) {
            if (cancelled.getAsBoolean()) {
                cancel = true;
                break;
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                break;
            }
            if (waitFor(execution, Math.min(left, TimeUnit.MILLISECONDS.toNanos(SLICE_MS)))) {
                break;
            }
        }
        if (execution.done().isDone()) {
            return outcome(execution, execution.status(), List.of(), null);
        }
        return recover(kernel, execution, cancel ? "cancelled" : "timeout",
                cancel ? "the call was cancelled" : "no result within " + timeout.toSeconds() + " s");
    }

    private Outcome recover(KernelSession kernel, Execution execution, String status, String why) {
        List<String> recovery = new ArrayList<>();
        // A kernel heeds an interrupt only while it runs a request (ipykernel ignores SIGINT between requests, and
        // arms its handler just before it announces the code): sent while this request is still queued or being
        // taken up, it would be lost and the kernel restarted for nothing. So it waits, bounded, for the start.
        waitFor(execution.begun(), interruptGrace.toNanos());
        try {
            kernels.interrupt(kernel.id());
            recovery.add("interrupted");
        } catch (ToolException e) {
            recovery.add("interrupt failed: " + e.getMessage());
        }
        if (waitFor(execution, interruptGrace.toNanos())) {
            return outcome(execution, status, recovery, why + "; the kernel was interrupted and is ready for more "
                    + "code (its variables are kept)");
        }
        try {
            kernels.restart(kernel.id());
            recovery.add("restarted");
        } catch (ToolException e) {
            recovery.add("restart failed: " + e.getMessage());
            return outcome(execution, status, recovery, why + "; the kernel did not stop after an interrupt and "
                    + "could not be restarted: " + e.getMessage());
        }
        execution.abandon("the kernel was restarted after the timeout");
        return outcome(execution, status, recovery, why + "; the kernel ignored the interrupt for "
                + interruptGrace.toSeconds() + " s and was restarted: it is usable again, but its variables are lost");
    }

    private static boolean waitFor(Execution execution, long nanos) {
        return waitFor(execution.done(), nanos);
    }

    private static boolean waitFor(java.util.concurrent.Future<?> event, long nanos) {
        try {
            event.get(Math.max(1, nanos), TimeUnit.NANOSECONDS);
            return true;
        } catch (TimeoutException e) {
            return false;
        } catch (ExecutionException e) {
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ToolException("interrupted while waiting for the kernel");
        }
    }

    private static Outcome outcome(Execution execution, String status, List<String> recovery, String note) {
        java.time.Instant end = execution.completedAt() == null ? java.time.Instant.now() : execution.completedAt();
        double seconds = Duration.between(execution.startedAt(), end).toMillis() / 1000.0;
        return new Outcome(status, execution.executionCount(), execution.outputs(), seconds, List.copyOf(recovery), note);
    }
}
