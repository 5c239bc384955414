package dev.mcpbridge.wincli;

import dev.mcpbridge.core.spi.ToolException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

/**
 * Runs one argument vector: no standard input, output capped, a deadline after which the process and every process
 * it started are killed — found with {@link ProcessHandle#descendants()}, also watched while it runs, so a child
 * that outlived its parent is not missed — and the same on cancellation or interruption. Background processes still
 * running when the command ends are stopped too: a command does not leave processes behind.
 */
final class ProcessRunner {

    /**
     * @param exitCode null when the process was killed
     * @param killed processes killed at the deadline or on cancellation (the command and its descendants)
     * @param strays processes the command left running in the background, stopped after it ended
     */
    record Outcome(Integer exitCode, String stdout, String stderr, long durationMs, boolean timedOut, boolean truncated,
            int killed, int strays) {
    }

    private static final AtomicInteger THREADS = new AtomicInteger();
    private static final ExecutorService IO = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "wincli-io-" + THREADS.incrementAndGet());
        t.setDaemon(true);
        return t;
    });
    private static final long WATCH_MILLIS = 100;
    /** The variable that marks every process of one command's tree. */
    static final String TREE_VARIABLE = "MCP_BRIDGE_TREE";

    private ProcessRunner() {
    }

    /**
     * @param background the line may start background processes: look for them when it ends, even if they do
     *     not hold its output open
     */
    static Outcome run(List<String> argv, Path directory, Map<String, String> environment, long timeoutMillis,
            int maxBytes, BooleanSupplier cancelled, boolean background) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(argv).directory(directory.toFile())
                .redirectInput(ProcessBuilder.Redirect.PIPE);
        builder.environment().clear();
        builder.environment().putAll(environment);
        // Every process of the tree inherits this: it finds those that escaped it (their parent gone).
        String tree = Long.toHexString(System.nanoTime()) + Long.toHexString(Double.doubleToLongBits(Math.random()));
        builder.environment().put(TREE_VARIABLE, tree);
        long start = System.nanoTime();
        Process process = builder.start();
        process.getOutputStream().close();
        CappedOutput out = new CappedOutput(maxBytes);
        CappedOutput err = new CappedOutput(maxBytes);
        Future<?> outReader = IO.submit(() -> copy(process.getInputStream(), out));
        Future<?> errReader = IO.submit(() -> copy(process.getErrorStream(), err));
        Set<ProcessHandle> seen = new LinkedHashSet<>();
        long deadline = start + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        long nextWatch = 0;
        boolean timedOut = false;
        int killed = 0;
        try {
            while (!process.waitFor(20, TimeUnit.MILLISECONDS)) {
                long now = System.nanoTime();
                if (now >= nextWatch) {
                    process.descendants().forEach(seen::add);
                    nextWatch = now + TimeUnit.MILLISECONDS.toNanos(WATCH_MILLIS);
                }
                if (cancelled.getAsBoolean()) {
                    killAll(process, seen, tree);
                    throw new ToolException("the call was cancelled; the command and its child processes were killed");
                }
                if (now >= deadline) {
                    timedOut = true;
                    killed = killAll(process, seen, tree);
                    break;
                }
            }
        } catch (InterruptedException e) {
            // The bridge's own timeout or a cancellation interrupted this worker: nothing may keep running.
            killAll(process, seen, tree);
            Thread.currentThread().interrupt();
            throw new ToolException("the call was stopped; the command and its child processes were killed");
        }
        int strays = 0;
        if (!timedOut) {
            // Whatever is still alive now was started by the command and left running in the background.
            Set<ProcessHandle> left = new LinkedHashSet<>();
            process.descendants().forEach(left::add);
            seen.stream().filter(h -> !gone(h)).forEach(left::add);
            if (!left.isEmpty()) {
                strays = killTree(process.toHandle(), left);
            }
        }
        if (!timedOut && (background || !finishes(outReader, 200) || !finishes(errReader, 50))) {
            // A process that escaped the tree (started in the background, its parent gone) may still run, holding
            // the output open or not: find it by the variable it inherited and stop it.
            Set<ProcessHandle> escaped = marked(tree);
            if (!escaped.isEmpty()) {
                strays += killTree(escaped.iterator().next(), escaped);
            }
        }
        awaitReader(outReader, process.getInputStream());
        awaitReader(errReader, process.getErrorStream());
        long duration = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        Integer exit = timedOut ? null : process.exitValue();
        return new Outcome(exit, out.text(), err.text(), duration, timedOut, out.truncated() || err.truncated(),
                killed, strays);
    }

    /** The process, its descendants, and whatever else carries the tree's variable. */
    private static int killAll(Process process, Set<ProcessHandle> seen, String tree) {
        int n = killTree(process.toHandle(), seen);
        Set<ProcessHandle> escaped = marked(tree);
        if (!escaped.isEmpty()) {
            n += killTree(escaped.iterator().next(), escaped);
        }
        return n;
    }

    /**
     * Kills a process and all its descendants, repeating while new ones appear (a process may fork while its
     * siblings are being killed). Returns how many processes were killed.
     */
    static int killTree(ProcessHandle root, Set<ProcessHandle> known) {
        Set<ProcessHandle> killed = new LinkedHashSet<>();
        for (int round = 0; round < 10; round++) {
            Set<ProcessHandle> targets = new LinkedHashSet<>();
            if (!gone(root)) {
                targets.add(root);
            }
            root.descendants().forEach(targets::add);
            for (ProcessHandle h : List.copyOf(known)) {
                if (!gone(h)) {
                    targets.add(h);
                    h.descendants().forEach(targets::add);
                }
            }
            targets.removeIf(ProcessRunner::gone);
            if (targets.isEmpty()) {
                break;
            }
            known.addAll(targets);
            for (ProcessHandle h : targets) {
                h.destroyForcibly();
                killed.add(h);
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
            while (System.nanoTime() < deadline && !targets.stream().allMatch(ProcessRunner::gone)) {
                try {
                    Thread.sleep(5);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
        }
        return killed.size();
    }

    /**
     * True when the process has exited. A killed process whose parent died is a zombie until init reaps it: it
     * still "exists" for {@link ProcessHandle#isAlive()}, but it runs nothing any more.
     */
    static boolean gone(ProcessHandle h) {
        if (!h.isAlive()) {
            return true;
        }
        try {
            String stat = java.nio.file.Files.readString(Path.of("/proc", Long.toString(h.pid()), "stat"));
            int close = stat.lastIndexOf(')');
            char state = close > 0 && stat.length() > close + 2 ? stat.charAt(close + 2) : '?';
            return state == 'Z' || state == 'X';
        } catch (IOException | RuntimeException e) {
            return !h.isAlive();
        }
    }

    /** Linux: the live processes whose environment holds the tree's variable (none where /proc is absent). */
    static Set<ProcessHandle> marked(String tree) {
        Set<ProcessHandle> found = new LinkedHashSet<>();
        byte[] needle = (TREE_VARIABLE + "=" + tree).getBytes(java.nio.charset.StandardCharsets.UTF_8);
        long self = ProcessHandle.current().pid();
        try (var procs = java.nio.file.Files.newDirectoryStream(Path.of("/proc"), "[0-9]*")) {
            for (Path proc : procs) {
                long pid;
                try {
                    pid = Long.parseLong(proc.getFileName().toString());
                } catch (NumberFormatException e) {
                    continue;
                }
                if (pid == self) {
                    continue;
                }
                try {
                    byte[] env = environ(proc, pid);
                    if (contains(env, needle)) {
                        ProcessHandle.of(pid).filter(h -> !gone(h)).ifPresent(found::add);
                    }
                } catch (IOException | SecurityException e) {
                    // gone, or not ours to read
                }
            }
        } catch (IOException | RuntimeException e) {
            return found;
        }
        return found;
    }

    /**
     * A process's environment. While a process is inside execve its new memory has no environment yet and the read
     * comes back empty, so a child the command forked just before it ended would be missed: a live, non-kernel
     * process that reads empty is read again until its exec is through (bounded).
     */
    private static byte[] environ(Path proc, long pid) throws IOException {
        byte[] env = java.nio.file.Files.readAllBytes(proc.resolve("environ"));
        for (int tries = 0; env.length == 0 && tries < 50 && inExec(proc, pid); tries++) {
            try {
                Thread.sleep(1);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            env = java.nio.file.Files.readAllBytes(proc.resolve("environ"));
        }
        return env;
    }

    /** Neither a kernel thread (which never has an environment) nor a process that has exited. */
    private static boolean inExec(Path proc, long pid) {
        try {
            String stat = java.nio.file.Files.readString(proc.resolve("stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            long flags = Long.parseLong(fields[6]);
            boolean kernelThread = (flags & 0x00200000L) != 0;
            char state = fields[0].charAt(0);
            return !kernelThread && state != 'Z' && state != 'X';
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    private static boolean contains(byte[] env, byte[] needle) {
        outer:
        for (int k = 0; k + needle.length <= env.length; k++) {
            if (k > 0 && env[k - 1] != 0) {
                continue;
            }
            for (int j = 0; j < needle.length; j++) {
                if (env[k + j] != needle[j]) {
                    continue outer;
                }
            }
            if (k + needle.length == env.length || env[k + needle.length] == 0) {
                return true;
            }
        }
        return false;
    }

    private static boolean finishes(Future<?> reader, long millis) {
        try {
            reader.get(millis, TimeUnit.MILLISECONDS);
            return true;
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            return false;
        }
    }

    private static void copy(InputStream in, OutputStream sink) {
        byte[] buffer = new byte[8192];
        try (in) {
            int n;
            while ((n = in.read(buffer)) >= 0) {
                sink.write(buffer, 0, n);
            }
        } catch (IOException e) {
            // The stream was closed: the process is gone.
        }
    }

    /** Waits for a reader; a pipe still held open by an escaped process is closed after a grace period. */
    private static void awaitReader(Future<?> reader, InputStream stream) {
        try {
            reader.get(2, TimeUnit.SECONDS);
        } catch (Exception e) {
            try {
                stream.close();
            } catch (IOException ignored) {
                // closing is best effort
            }
            reader.cancel(true);
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
