package dev.mcpbridge.jupyter;

import dev.mcpbridge.core.spi.ToolException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Jupyter Server the bridge starts for itself: on 127.0.0.1, a free port, a random token (passed on its stdin,
 * so it shows in no process list and in no kernel's environment), its root the notebook directory, terminals off,
 * an allowlisted environment. It leaves no orphan: a small
 * watchdog in the server process ends it when the bridge's end of its stdin closes (which also happens when the
 * bridge is killed), and the server's own shutdown stops its kernels (which also watch their parent).
 */
public final class ManagedServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ManagedServer.class);
    private static final String LAUNCHER = String.join("\n",
            "import os, signal, sys, threading",
            // The token comes as stdin's first line and goes into this process's argv only: not in its environment
            // (which every kernel inherits) nor in the command line others see.
            "_token = sys.stdin.buffer.readline().strip().decode()",
            "def _watch():",
            "    try:",
            "        while sys.stdin.buffer.read(4096):",
            "            pass",
            "    except Exception:",
            "        pass",
            "    os.kill(os.getpid(), signal.SIGTERM)",
            "threading.Thread(target=_watch, daemon=True).start()",
            "from jupyter_server.serverapp import ServerApp, main",
            // The server-info file in the runtime directory holds the token, readable by any kernel: none is written.
            "ServerApp.write_server_info_file = lambda self: None",
            "ServerApp.remove_server_info_file = lambda self: None",
            "ServerApp.write_browser_open_files = lambda self: None",
            "ServerApp.write_browser_open_file = lambda self: None",
            "ServerApp.remove_browser_open_files = lambda self: None",
            "ServerApp.remove_browser_open_file = lambda self: None",
            "sys.argv = ['jupyter-server'] + sys.argv[1:] + ['--ServerApp.token=' + _token]",
            "sys.exit(main())");
    /** The modules a managed server needs, checked by {@link #missingModules}. */
    static final String PROBE = "import jupyter_server, ipykernel";

    private final Process process;
    private final JupyterApi api;
    private final int port;
    private final String token;
    private final Deque<String> lastLines;

    private ManagedServer(Process process, JupyterApi api, int port, String token, Deque<String> lastLines) {
        this.process = process;
        this.api = api;
        this.port = port;
        this.token = token;
        this.lastLines = lastLines;
    }

    /**
     * The names of the bridge's environment the managed server (and so every kernel) sees: what Python, Jupyter and
     * a locale need. Everything else, the bridge's tokens and keys among it, stays in the bridge.
     */
    static final Set<String> PASSED = Set.of("PATH", "HOME", "USER", "LOGNAME", "LANG", "LANGUAGE", "TERM", "TZ",
            "TMPDIR", "SHELL", "HOSTNAME", "PYTHONPATH", "PYTHONHOME", "PYTHONUSERBASE", "PYTHONDONTWRITEBYTECODE",
            "PYTHONIOENCODING", "PYTHONUTF8", "VIRTUAL_ENV", "CONDA_PREFIX", "CONDA_DEFAULT_ENV", "JUPYTER_PATH",
            "JUPYTER_CONFIG_DIR", "JUPYTER_DATA_DIR", "JUPYTER_RUNTIME_DIR", "JUPYTER_PLATFORM_DIRS", "IPYTHONDIR",
            "MPLBACKEND", "MPLCONFIGDIR", "XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME", "XDG_RUNTIME_DIR",
            "LD_LIBRARY_PATH", "OMP_NUM_THREADS", "SYSTEMROOT", "WINDIR", "COMSPEC", "PATHEXT", "TEMP", "TMP",
            "USERPROFILE", "USERNAME", "APPDATA", "LOCALAPPDATA", "PROGRAMDATA");

    /** The allowlisted part of {@code base}, with locale (LC_*) settings. */
    static Map<String, String> serverEnvironment(Map<String, String> base) {
        Map<String, String> env = new TreeMap<>();
        base.forEach((name, value) -> {
            if (PASSED.contains(name) || name.startsWith("LC_")) {
                env.put(name, value);
            }
        });
        return env;
    }

    /** Starts the server and waits until its API answers. */
    public static ManagedServer start(String python, Path root, Duration startTimeout) {
        ToolException last = null;
        for (int attempt = 0; attempt < 3; attempt++) {
            try {
                return startOnce(python, root, startTimeout);
            } catch (PortTaken e) {
                last = e; // another process took the free port between our check and the server's bind
            }
        }
        throw last;
    }

    private static ManagedServer startOnce(String python, Path root, Duration startTimeout) {
        int port = freePort();
        byte[] secret = new byte[24];
        new SecureRandom().nextBytes(secret);
        String token = HexFormat.of().formatHex(secret);
        List<String> command = new ArrayList<>(List.of(python, "-c", LAUNCHER, "--no-browser",
                "--ServerApp.ip=127.0.0.1", "--ServerApp.port=" + port, "--ServerApp.port_retries=0",
                "--ServerApp.root_dir=" + root, "--ServerApp.open_browser=False",
                // A terminal is a shell for anyone holding the token, kernels included; the tools never open one.
                "--ServerApp.terminals_enabled=False"));
        if ("root".equals(System.getProperty("user.name"))) {
            command.add("--allow-root");
        }
        ProcessBuilder builder = new ProcessBuilder(command).directory(root.toFile()).redirectErrorStream(true);
        Map<String, String> environment = serverEnvironment(System.getenv());
        builder.environment().clear();
        builder.environment().putAll(environment);
        Process process;
        try {
            process = builder.start();
            process.getOutputStream().write((token + "\n").getBytes(StandardCharsets.US_ASCII));
            process.getOutputStream().flush();
        } catch (IOException e) {
            throw new ToolException("could not start the Jupyter server with '" + python + "': " + e.getMessage());
        }
        Deque<String> lastLines = new ArrayDeque<>();
        Thread drain = new Thread(() -> drain(process, lastLines), "jupyter-server-log");
        drain.setDaemon(true);
        drain.start();
        JupyterApi api = new JupyterApi("http://127.0.0.1:" + port + "/", token, Duration.ofSeconds(60));
        ManagedServer server = new ManagedServer(process, api, port, token, lastLines);
        server.awaitReady(startTimeout);
        LOG.info("started a Jupyter server on 127.0.0.1:{} (root {})", port, root);
        return server;
    }

    private void awaitReady(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                String log = log();
                if (log.contains("already in use")) {
                    throw new PortTaken(log);
                }
                throw new ToolException("the Jupyter server exited during start-up (code " + process.exitValue()
                        + "): " + log);
            }
            try {
                api.version();
                return;
            } catch (ToolException e) {
                // not listening yet
            }
            try {
                process.waitFor(150, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                close();
                throw new ToolException("interrupted while starting the Jupyter server");
            }
        }
        close();
        throw new ToolException("the Jupyter server did not answer within " + timeout.toSeconds() + " s: " + log());
    }

    public JupyterApi api() {
        return api;
    }

    public int port() {
        return port;
    }

    /** The server's URL and token, for tests that use it as an existing server. */
    String url() {
        return "http://127.0.0.1:" + port + "/";
    }

    String token() {
        return token;
    }

    public long pid() {
        return process.pid();
    }

    public boolean alive() {
        return process.isAlive();
    }

    /** Stops the server: its shutdown API first (it stops its kernels), then the process, then any child left. */
    @Override
    public void close() {
        List<ProcessHandle> children = process.descendants().toList();
        if (process.isAlive()) {
            try {
                api.shutdownServer();
            } catch (ToolException e) {
                // not answering: the signals below stop it
            }
            try {
                process.getOutputStream().close();
                if (!process.waitFor(10, TimeUnit.SECONDS)) {
                    process.destroy();
                    if (!process.waitFor(5, TimeUnit.SECONDS)) {
                        process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
                    }
                }
            } catch (IOException e) {
                process.destroy();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                process.destroyForcibly();
            }
        }
        for (ProcessHandle child : children) {
            if (child.isAlive()) {
                child.destroyForcibly();
            }
        }
        api.close();
    }

    private String log() {
        synchronized (lastLines) {
            return String.join("\n", lastLines);
        }
    }

    private static void drain(Process process, Deque<String> lastLines) {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                LOG.debug("jupyter: {}", line);
                synchronized (lastLines) {
                    if (lastLines.size() >= 30) {
                        lastLines.removeFirst();
                    }
                    lastLines.addLast(line);
                }
            }
        } catch (IOException e) {
            // the server ended
        }
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new ToolException("no free port on 127.0.0.1 for the Jupyter server: " + e.getMessage());
        }
    }

    /**
     * Why {@code python} cannot run a managed server (it is missing, or lacks jupyter_server or ipykernel), or null
     * when it can.
     */
    public static String missingModules(String python) {
        try {
            Process probe = new ProcessBuilder(python, "-c", PROBE).redirectErrorStream(true).start();
            probe.getOutputStream().close();
            String out = new String(probe.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!probe.waitFor(30, TimeUnit.SECONDS)) {
                probe.destroyForcibly();
                return python + " did not answer within 30 s";
            }
            if (probe.exitValue() != 0) {
                String[] lines = out.strip().split("\n");
                return python + " cannot import jupyter_server and ipykernel (" + lines[lines.length - 1] + ")";
            }
            return null;
        } catch (IOException e) {
            return python + " cannot be run (" + e.getMessage() + ")";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }

    private static final class PortTaken extends ToolException {
        PortTaken(String log) {
            super("the port was taken: " + log);
        }
    }
}
