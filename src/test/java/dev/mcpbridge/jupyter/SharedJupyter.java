package dev.mcpbridge.jupyter;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * One real Jupyter Server (Debian's python3-jupyter-server and python3-ipykernel) for every test class of the run,
 * on 127.0.0.1 and a free port, started on first use and stopped when the test JVM exits. Each test class works
 * in its own folder under the server's root. Skips, with the reason, where the packages are missing.
 */
final class SharedJupyter {

    static final String PYTHON = "/usr/bin/python3";
    private static String missing;
    private static ManagedServer server;
    private static Path root;

    private SharedJupyter() {
    }

    /** Why a real Jupyter server cannot run here, or null when it can. */
    static synchronized String missing() {
        if (missing == null) {
            String why = Files.isExecutable(Path.of(PYTHON)) ? ManagedServer.missingModules(PYTHON)
                    : PYTHON + " does not exist";
            missing = why == null ? "" : why + "; apt-get install python3-jupyter-server python3-ipykernel "
                    + "(.ci/run installs them)";
        }
        return missing.isEmpty() ? null : missing;
    }

    static synchronized ManagedServer server() {
        assumeTrue(missing() == null, SharedJupyter::missing);
        if (server == null) {
            try {
                root = Files.createTempDirectory("jupyter-tests").toRealPath();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            server = ManagedServer.start(PYTHON, root, Duration.ofSeconds(90));
            Runtime.getRuntime().addShutdownHook(new Thread(SharedJupyter::stop));
        }
        return server;
    }

    /** A fresh folder under the server's root for one test class. */
    static Path folder(String name) {
        server();
        try {
            Path dir = root.resolve(name);
            if (Files.exists(dir)) {
                try (var walk = Files.walk(dir)) {
                    walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
                }
            }
            return Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The adapter's services over the shared server, with {@code dir} as notebook directory. */
    static JupyterServers servers(Path dir, long interruptGraceSeconds) {
        ManagedServer s = server();
        // The server's root is above dir, so the adapter sees the server as an existing one whose root is the
        // shared root; tests give paths relative to that root through their folder name.
        return new JupyterServers(JupyterSettings.defaults(s.url(), s.token(), root.toString(), PYTHON)
                .withInterruptGrace(interruptGraceSeconds));
    }

    static Path root() {
        server();
        return root;
    }

    private static synchronized void stop() {
        if (server != null) {
            server.close();
            server = null;
            try (var walk = Files.walk(root)) {
                walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException e) {
                // a temporary folder left behind is not worth failing the run for
            }
        }
    }
}
