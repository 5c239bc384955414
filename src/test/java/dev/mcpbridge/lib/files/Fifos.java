package dev.mcpbridge.lib.files;

import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * FIFOs for tests of special files, and a way to run a call that might block in {@code open()} on one: a call still
 * blocked after a generous wait fails the test, and the FIFO is then opened for writing so the stuck thread ends.
 */
public final class Fifos {

    private Fifos() {
    }

    /** Makes a FIFO (skips the test where mkfifo is missing). */
    public static Path make(Path fifo) throws IOException, InterruptedException {
        assumeTrue(new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor() == 0, "mkfifo is not available");
        return fifo;
    }

    /** The call's answer; fails when it is still blocked after 10 seconds (it would block until a writer comes). */
    public static <T> T answers(Path fifo, Supplier<T> call) throws Exception {
        CompletableFuture<T> run = CompletableFuture.supplyAsync(call);
        try {
            return run.get(10, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            release(fifo);
            return fail("the call was still blocked on the FIFO " + fifo + " after 10 s (it opened it)");
        } catch (ExecutionException e) {
            throw e.getCause() instanceof Exception x ? x : e;
        }
    }

    /** Opens the FIFO for writing and closes it, so a reader blocked in open() gets end of file. */
    private static void release(Path fifo) {
        CompletableFuture.runAsync(() -> {
            try (OutputStream out = Files.newOutputStream(fifo)) {
                out.flush();
            } catch (IOException ignored) {
                // nothing was waiting
            }
        });
    }
}
