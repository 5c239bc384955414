package dev.mcpbridge.jupyter;

import dev.mcpbridge.core.spi.SettingsException;
import dev.mcpbridge.core.spi.ToolException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * The Jupyter Server the adapter talks to, reached lazily on the first tool call: an existing one
 * (JUPYTER_SERVER_URL) or one the bridge starts and stops itself. Holds everything built on that server (kernel
 * registry, notebook store, runners, jobs), rebuilt when a managed server is stopped and started again.
 */
public final class JupyterServers implements AutoCloseable {

    /** Everything that works against one server. */
    public record Connection(JupyterApi api, KernelRegistry kernels, NotebookStore store, KernelExecutor executor,
            NotebookRunner runner, NotebookJobs jobs, StreamingExecutions streams) {
    }

    private final JupyterSettings settings;
    private final Path root;
    private final NotebookSchema schema = new NotebookSchema();
    private ManagedServer managed;
    private CompletableFuture<ManagedServer> starting;
    private Connection connection;
    private volatile String python;

    public JupyterServers(JupyterSettings settings) {
        this.settings = settings;
        boolean given = settings.notebookDir() != null && !settings.notebookDir().isBlank();
        String dir = given ? settings.notebookDir().strip() : ".";
        Path path = Path.of(dir).toAbsolutePath().normalize();
        if ((given || !settings.external()) && !Files.isDirectory(path)) {
            throw new SettingsException("notebookDir", "notebook directory '" + dir + "' does not exist or is not a "
                    + "directory");
        }
        // With an existing server, the local directory is only known when given: it must then be the server's root.
        this.root = given || !settings.external() ? path : null;
        if (!settings.external()) {
            try {
                python();
            } catch (ToolException e) {
                throw new SettingsException("python", e.getMessage());
            }
            // Asked for explicitly, the adapter will be used: the server starts now, while the client initialises,
            // rather than on the first call.
            starting = CompletableFuture.supplyAsync(this::startServer, runnable -> {
                Thread t = new Thread(runnable, "jupyter-server-start");
                t.setDaemon(true);
                t.start();
            });
        }
    }

    private ManagedServer startServer() {
        return ManagedServer.start(python(), root, Duration.ofSeconds(settings.startTimeoutSeconds()));
    }

    public JupyterSettings settings() {
        return settings;
    }

    public NotebookSchema schema() {
        return schema;
    }

    public synchronized Connection connection() {
        if (connection == null) {
            JupyterApi api;
            if (settings.external()) {
                api = new JupyterApi(settings.serverUrl(), settings.serverToken(), Duration.ofSeconds(60));
            } else {
                managed = takeStarting();
                if (managed == null) {
                    managed = startServer();
                }
                api = managed.api();
            }
            Duration kernelStart = Duration.ofSeconds(Math.max(30, settings.startTimeoutSeconds()));
            KernelRegistry kernels = new KernelRegistry(api, kernelStart);
            NotebookStore store = new NotebookStore(api, new NotebookPaths(root), schema);
            KernelExecutor executor = new KernelExecutor(kernels, Duration.ofSeconds(settings.interruptGraceSeconds()),
                    kernelStart, settings.maxRecordedChars());
            NotebookRunner runner = new NotebookRunner(store, kernels, executor);
            connection = new Connection(api, kernels, store, executor, runner,
                    new NotebookJobs(runner, (int) settings.maxJobs()), new StreamingExecutions(executor, 100));
        }
        return connection;
    }

    /** The server started in the background at construction, or null when there is none (or its start failed). */
    private ManagedServer takeStarting() {
        CompletableFuture<ManagedServer> pending = starting;
        starting = null;
        if (pending == null) {
            return null;
        }
        try {
            return pending.join();
        } catch (java.util.concurrent.CompletionException e) {
            if (e.getCause() instanceof ToolException t) {
                throw t;
            }
            throw e;
        }
    }

    /** The interpreter for a managed server: the setting, else the first candidate that has jupyter_server. */
    public String python() {
        // Not synchronized: the background start calls it while connection() holds the lock waiting for that start.
        if (python == null) {
            python = JupyterPython.find(settings.python());
        }
        return python;
    }

    public synchronized boolean managedRunning() {
        return managed != null && managed.alive();
    }

    public synchronized Map<String, Object> status() {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("mode", settings.external() ? "existing" : "managed");
        s.put("notebook_dir", root == null ? null : root.toString());
        if (settings.external()) {
            s.put("url", settings.serverUrl());
        } else {
            s.put("running", managedRunning());
            if (managedRunning()) {
                s.put("url", "http://127.0.0.1:" + managed.port() + "/");
                s.put("pid", managed.pid());
            }
            s.put("python", python);
        }
        return s;
    }

    /** Starts the managed server if it is not running (no-op for an existing server). */
    public synchronized Map<String, Object> startManaged() {
        boolean wasRunning = connection != null;
        connection();
        Map<String, Object> s = status();
        s.put("status", wasRunning ? "already_running" : "started");
        return s;
    }

    /** Stops the managed server and everything on it; refused for a server the bridge did not start. */
    public synchronized Map<String, Object> stopManaged() {
        if (settings.external()) {
            throw new ToolException("the bridge uses the existing Jupyter server at " + settings.serverUrl()
                    + " and stops only a server it started itself");
        }
        boolean wasRunning = connection != null;
        closeConnection();
        Map<String, Object> s = status();
        s.put("status", wasRunning ? "stopped" : "not_running");
        return s;
    }

    private void closeConnection() {
        if (connection != null && settings.external()) {
            // Kernels the bridge started on someone else's server are the bridge's to stop.
            for (KernelSession kernel : connection.kernels().known()) {
                if (kernel.startedByBridge()) {
                    try {
                        connection.kernels().stop(kernel.id());
                    } catch (ToolException e) {
                        // already gone
                    }
                }
            }
        }
        if (connection != null) {
            connection.jobs().close();
            connection.streams().close();
            connection.kernels().closeChannels();
            connection = null;
        }
        if (starting != null) {
            try {
                managed = takeStarting();
            } catch (RuntimeException e) {
                // it never started: nothing to stop
            }
        }
        if (managed != null) {
            managed.close();
            managed = null;
        }
    }

    @Override
    public synchronized void close() {
        closeConnection();
    }
}
