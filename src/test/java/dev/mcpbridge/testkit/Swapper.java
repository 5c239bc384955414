package dev.mcpbridge.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.TimeUnit;

/**
 * Keeps swapping two paths (a directory and a link to elsewhere) while a race test runs: with a small C program
 * using renameat2(RENAME_EXCHANGE) when gcc is here (both names always exist, one a directory and one a link), else
 * with a Java thread that renames them in turn (there are moments where a name is missing).
 */
public final class Swapper implements AutoCloseable {

    private final Process process;
    private final Thread thread;
    private volatile boolean stop;
    private final String how;

    private Swapper(Path a, Path b, Path scratch) throws IOException {
        Path exe = compile(scratch);
        if (exe != null) {
            process = new ProcessBuilder(exe.toString(), a.toString(), b.toString())
                    .redirectErrorStream(true).redirectOutput(scratch.resolve("exchange.log").toFile()).start();
            thread = null;
            how = "renameat2(RENAME_EXCHANGE) in a C process";
        } else {
            process = null;
            Path parked = a.resolveSibling(a.getFileName() + ".parked");
            thread = new Thread(() -> {
                while (!stop) {
                    try {
                        Files.move(a, parked, StandardCopyOption.ATOMIC_MOVE);
                        Files.move(b, a, StandardCopyOption.ATOMIC_MOVE);
                        Files.move(parked, b, StandardCopyOption.ATOMIC_MOVE);
                    } catch (IOException e) {
                        // a name is briefly missing: try again
                    }
                }
            }, "swapper");
            thread.setDaemon(true);
            thread.start();
            how = "renames in a Java thread";
        }
    }

    /** Starts swapping {@code a} and {@code b}; {@code scratch} is a directory for the compiled helper. */
    public static Swapper start(Path a, Path b, Path scratch) throws IOException {
        return new Swapper(a, b, scratch);
    }

    public String how() {
        return how;
    }

    private static Path compile(Path scratch) {
        try (InputStream source = Swapper.class.getResourceAsStream("/races/exchange.c")) {
            if (source == null) {
                return null;
            }
            Path c = scratch.resolve("exchange.c");
            Files.copy(source, c, StandardCopyOption.REPLACE_EXISTING);
            Path exe = scratch.resolve("exchange");
            Process gcc = new ProcessBuilder("gcc", "-O2", "-o", exe.toString(), c.toString())
                    .redirectErrorStream(true).start();
            gcc.getInputStream().readAllBytes();
            return gcc.waitFor(60, TimeUnit.SECONDS) && gcc.exitValue() == 0 ? exe : null;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    /** Stops swapping; the two paths are left as they are (either way round). */
    @Override
    public void close() throws InterruptedException {
        stop = true;
        if (process != null) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
        if (thread != null) {
            thread.join(10_000);
        }
    }
}
