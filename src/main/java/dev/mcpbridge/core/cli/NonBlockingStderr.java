package dev.mcpbridge.core.cli;

import dev.mcpbridge.core.app.ShutdownSequence;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * stderr that never blocks the server: an MCP client that pipes stderr but does not read it would otherwise stall
 * every call once the pipe is full (one log line per call fills 64 KiB in about a thousand calls). Writes are queued
 * for a background writer; when the queue is full they are dropped and counted, and the count is written once the
 * reader catches up.
 */
final class NonBlockingStderr extends OutputStream {

    private static final int CAPACITY = 4096;
    private static final long BATCH_MILLIS = 5;

    private final BlockingQueue<byte[]> queue = new ArrayBlockingQueue<>(CAPACITY);
    private final AtomicLong dropped = new AtomicLong();
    /** Chunks queued and chunks written, so that exit can wait until what was said has been written. */
    private final AtomicLong queued = new AtomicLong();
    private final AtomicLong written = new AtomicLong();
    private final OutputStream out;
    private final Thread writer;

    NonBlockingStderr(OutputStream out) {
        this.out = out;
        this.writer = new Thread(this::drain, "stderr-writer");
        writer.setDaemon(true);
        writer.start();
    }

    /** Replaces System.err; call before anything logs. */
    static void install() {
        NonBlockingStderr stream = new NonBlockingStderr(new FileOutputStream(FileDescriptor.err));
        System.setErr(new PrintStream(stream, true, StandardCharsets.UTF_8));
        // After the shutdown's own steps, which log (draining, closing): a hook of its own would run beside them.
        ShutdownSequence.onExit().afterAll(stream::flushBriefly);
    }

    @Override
    public void write(int b) {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) {
        if (queue.offer(Arrays.copyOfRange(b, off, off + len))) {
            queued.incrementAndGet();
        } else {
            dropped.addAndGet(len);
        }
    }

    private void drain() {
        java.util.List<byte[]> batch = new java.util.ArrayList<>();
        java.io.ByteArrayOutputStream buffer = new java.io.ByteArrayOutputStream();
        try {
            while (true) {
                batch.add(queue.take());
                // Lines arriving within a few milliseconds go out together: one wake-up and one system call for
                // many log lines, instead of a context switch per tool call.
                Thread.sleep(BATCH_MILLIS);
                queue.drainTo(batch);
                for (byte[] chunk : batch) {
                    buffer.write(chunk);
                }
                int count = batch.size();
                batch.clear();
                long lost = dropped.getAndSet(0);
                if (lost > 0) {
                    buffer.write(("[mcp-bridge: " + lost + " bytes of log dropped while stderr was not read]\n")
                            .getBytes(StandardCharsets.UTF_8));
                }
                buffer.writeTo(out);
                out.flush();
                buffer.reset();
                written.addAndGet(count);
            }
        } catch (InterruptedException | IOException e) {
            // stderr is gone: nothing more can be said there.
        }
    }

    /** At exit, give queued lines a moment to reach stderr, without ever hanging the exit on a stuck reader. */
    private void flushBriefly() {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(300);
        while (written.get() < queued.get() && System.nanoTime() < deadline) {
            try {
                Thread.sleep(1);
            } catch (InterruptedException e) {
                return;
            }
        }
    }
}
