package dev.mcpbridge.it;

import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** The bridge jar serving the conformance fixture adapter over HTTP on a free loopback port. */
final class HttpBridge implements AutoCloseable {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);

    final int port;
    final Path stderr;
    private final Process process;

    private HttpBridge(int port, Path stderr, Process process) {
        this.port = port;
        this.stderr = stderr;
        this.process = process;
    }

    /** Starts the server ({@code extra} e.g. {@code --http-token T}) and returns once it answers HTTP. */
    static HttpBridge start(String name, String... extra) throws Exception {
        return start(name, java.util.Map.of(), extra);
    }

    /** The same, with {@code env} added to the server's environment. */
    static HttpBridge start(String name, java.util.Map<String, String> env, String... extra) throws Exception {
        return startOn(ItEnv.freePort(), name, env, extra);
    }

    /** The same on a port chosen beforehand, for a flag that names the bridge's own URL ({@code --public-url}). */
    static HttpBridge startOn(int port, String name, java.util.Map<String, String> env, String... extra)
            throws Exception {
        List<String> args = new ArrayList<>(List.of("--transport", "http", "--port", Integer.toString(port)));
        args.addAll(List.of(extra));
        Path dir = ItEnv.logDir();
        Path out = dir.resolve(name + ".server.stdout.log");
        Path err = dir.resolve(name + ".server.stderr.log");
        ProcessBuilder builder = new ProcessBuilder(ItEnv.serverCommand(args.toArray(String[]::new)));
        builder.environment().putAll(env);
        Process process = builder
                .redirectInput(ProcessBuilder.Redirect.PIPE)
                .redirectOutput(out.toFile())
                .redirectError(err.toFile())
                .start();
        HttpBridge bridge = new HttpBridge(port, err, process);
        try {
            bridge.awaitAnswering();
        } catch (Throwable t) {
            bridge.close();
            throw t;
        }
        return bridge;
    }

    String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }

    /** Polls until the server answers any HTTP response on /mcp (401/405/4xx count: it is up). */
    private void awaitAnswering() throws InterruptedException {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        HttpRequest probe = HttpRequest.newBuilder(URI.create(url("/mcp"))).timeout(Duration.ofSeconds(2))
                .GET().build();
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                fail("the server exited with code " + process.exitValue() + " before answering on port " + port
                        + "; its stderr (" + stderr + "):\n" + ItEnv.tail(stderr, 40));
            }
            try {
                client.send(probe, HttpResponse.BodyHandlers.discarding());
                return;
            } catch (IOException e) {
                Thread.sleep(100);
            }
        }
        fail("the server did not answer on port " + port + " within " + START_TIMEOUT.toSeconds() + " s; stderr ("
                + stderr + "):\n" + ItEnv.tail(stderr, 40));
    }

    /** Kills the server at once (SIGKILL), as a crash or a lost machine would: no drain, no goodbye. */
    void kill() throws InterruptedException {
        process.destroyForcibly().waitFor();
    }

    @Override
    public void close() {
        ItEnv.stop(process);
    }
}
