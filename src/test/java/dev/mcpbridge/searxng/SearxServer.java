package dev.mcpbridge.searxng;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real SearXNG-API server for tests: Debian's searx package on 127.0.0.1, with two offline sqlite engines over
 * databases that share a URL (so results are genuinely aggregated) and one engine that always fails, written by
 * src/test/resources/searxng/searx_setup.py. Skips the test, with the reason, where the package is not installed.
 */
public final class SearxServer implements AutoCloseable {

    private static final String PYTHON = "/usr/bin/python3";
    private final Process process;
    private final int port;

    private SearxServer(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    /** Why a real searx cannot run here, or null when it can. */
    public static String missing() {
        return Files.isExecutable(Path.of(PYTHON)) && Files.isDirectory(Path.of("/usr/lib/python3/dist-packages/searx"))
                && Files.isRegularFile(Path.of("/usr/share/doc/searx/examples/settings.yml")) ? null
                : "Debian's searx package is not installed (apt-get install searx); .ci/run installs it";
    }

    public static SearxServer start(Path dir) throws Exception {
        return start(dir, null);
    }

    /** With {@code pageBase}, the results' URLs are {@code pageBase/camel}, {@code pageBase/other}, … (see the script). */
    public static SearxServer start(Path dir, String pageBase) throws Exception {
        assumeTrue(missing() == null, SearxServer::missing);
        int port = freePort();
        Path script;
        try {
            script = Path.of(SearxServer.class.getClassLoader().getResource("searxng/searx_setup.py").toURI());
        } catch (java.net.URISyntaxException | NullPointerException e) {
            throw new IllegalStateException("searxng/searx_setup.py is not on the test class path", e);
        }
        List<String> command = new java.util.ArrayList<>(List.of(PYTHON, script.toString(), dir.toString(),
                String.valueOf(port)));
        if (pageBase != null) {
            command.add(pageBase);
        }
        Process setup = new ProcessBuilder(command).redirectErrorStream(true).start();
        String setupOutput = new String(setup.getInputStream().readAllBytes());
        if (setup.waitFor() != 0) {
            throw new IllegalStateException("searx test setup failed: " + setupOutput);
        }
        ProcessBuilder pb = new ProcessBuilder(PYTHON, "-m", "searx.webapp").redirectErrorStream(true)
                .redirectOutput(dir.resolve("searx.log").toFile());
        pb.environment().put("SEARX_SETTINGS_PATH", dir.resolve("settings.yml").toString());
        SearxServer server = new SearxServer(pb.start(), port);
        server.awaitReady(dir);
        return server;
    }

    private void awaitReady(Path dir) throws Exception {
        HttpClient client = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(40);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("searx exited: " + Files.readString(dir.resolve("searx.log")));
            }
            try {
                HttpResponse<Void> r = client.send(HttpRequest.newBuilder(URI.create(url() + "/config"))
                        .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.discarding());
                if (r.statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(200);
        }
        close();
        throw new IllegalStateException("searx did not start within 40 s: " + Files.readString(dir.resolve("searx.log")));
    }

    public String url() {
        return "http://127.0.0.1:" + port;
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static List<String> engines() {
        return List.of("alpha", "beta", "broken");
    }
}
