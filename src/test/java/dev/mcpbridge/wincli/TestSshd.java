package dev.mcpbridge.wincli;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * A real OpenSSH server (Debian's openssh-server) on 127.0.0.1 and a free port, with generated host and user keys,
 * as ../shared/TEST-SERVERS.md describes. Tests skip (JUnit assumption) when /usr/sbin/sshd is not installed or
 * cannot run here (it needs root for its privilege separation).
 */
final class TestSshd implements AutoCloseable {

    static final Path SSHD = Path.of("/usr/sbin/sshd");

    final Path dir;
    final int port;
    final Path hostKey;
    final Path userKey;
    final Path knownHosts;
    final Path config;
    final Path log;
    private Process process;

    private TestSshd(Path dir, int port) {
        this.dir = dir;
        this.port = port;
        this.hostKey = dir.resolve("host_ed25519");
        this.userKey = dir.resolve("id_ed25519");
        this.knownHosts = dir.resolve("known_hosts");
        this.config = dir.resolve("sshd_config");
        this.log = dir.resolve("sshd.log");
    }

    /** Skips the calling test unless sshd can run here. */
    static void assumeAvailable() {
        Assumptions.assumeTrue(Files.isExecutable(SSHD), "/usr/sbin/sshd is absent: install openssh-server "
                + "(apt-get install -y openssh-server) to run the SSH tests against a real OpenSSH server");
        Assumptions.assumeTrue("root".equals(System.getProperty("user.name")),
                "sshd needs to run as root for its privilege separation; these tests run as "
                        + System.getProperty("user.name"));
    }

    static TestSshd start(Path dir) throws Exception {
        assumeAvailable();
        TestSshd sshd = new TestSshd(dir, freePort());
        sshd.setUp();
        sshd.launch();
        return sshd;
    }

    private void setUp() throws Exception {
        keygen(hostKey);
        keygen(userKey);
        Files.copy(userKey.resolveSibling(userKey.getFileName() + ".pub"), dir.resolve("authorized_keys"));
        String pub = Files.readString(hostKey.resolveSibling(hostKey.getFileName() + ".pub")).strip();
        String[] parts = pub.split("\\s+");
        Files.writeString(knownHosts, "[127.0.0.1]:" + port + " " + parts[0] + " " + parts[1] + "\n");
        Files.writeString(config, String.join("\n",
                "Port " + port,
                "ListenAddress 127.0.0.1",
                "HostKey " + hostKey,
                "AuthorizedKeysFile " + dir.resolve("authorized_keys"),
                "PasswordAuthentication no",
                "KbdInteractiveAuthentication no",
                "PubkeyAuthentication yes",
                "PermitRootLogin prohibit-password",
                "PidFile " + dir.resolve("sshd.pid"),
                "StrictModes no",
                "UsePAM no",
                "PrintMotd no",
                "") + "\n");
        Files.createDirectories(Path.of("/run/sshd"));
    }

    private static void keygen(Path key) throws Exception {
        Process p = new ProcessBuilder("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", "test", "-f",
                key.toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException("ssh-keygen failed: " + out);
        }
    }

    /** Starts sshd in the foreground (-D) and waits until it accepts connections. */
    void launch() throws Exception {
        for (int attempt = 0; ; attempt++) {
            long logSize = Files.exists(log) ? Files.size(log) : 0;
            process = new ProcessBuilder(List.of(SSHD.toString(), "-D", "-f", config.toString(), "-E",
                    log.toString())).redirectErrorStream(true).redirectOutput(dir.resolve("sshd.out").toFile()).start();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (System.nanoTime() < deadline && process.isAlive()) {
                String fresh = Files.exists(log) ? Files.readString(log).substring((int) Math.min(logSize,
                        Files.size(log))) : "";
                if (fresh.contains("Server listening on")) {
                    return;
                }
                Thread.sleep(20);
            }
            String fresh = Files.readString(log).substring((int) Math.min(logSize, Files.size(log)));
            if (!process.isAlive() && fresh.contains("Address already in use") && attempt < 50) {
                // The previous server's socket is not released yet (a restart right after a stop).
                Thread.sleep(200);
                continue;
            }
            throw new IllegalStateException("sshd did not start: " + fresh);
        }
    }

    /** Stops sshd and its sessions (as a server restart would). */
    void stop() throws InterruptedException {
        if (process != null) {
            List<ProcessHandle> children = process.descendants().toList();
            process.destroy();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
            for (ProcessHandle child : children) {
                child.destroyForcibly();
                try {
                    child.onExit().get(5, TimeUnit.SECONDS);
                } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
                    // gone or stuck: nothing more to do
                }
            }
            process = null;
        }
    }

    /**
     * A connections file with key-authenticated connections as root: {@code id} without a terminal, {@code id-pty}
     * with one, and {@code id-2s} / {@code id-pty-2s}, the same with a 2-second command timeout.
     */
    Path connectionsFile(String id) throws IOException {
        Path file = dir.resolve("connections.yaml");
        String common = "    host: 127.0.0.1\n    port: " + port + "\n    username: root\n    privateKeyPath: " + userKey
                + "\n    shell: bash\n";
        Files.writeString(file, "connections:\n"
                + "  " + id + ":\n" + common
                + "  " + id + "-pty:\n" + common + "    pty: true\n"
                + "  " + id + "-2s:\n" + common + "    commandTimeout: 2\n"
                + "  " + id + "-pty-2s:\n" + common + "    pty: true\n    commandTimeout: 2\n");
        return file;
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    @Override
    public void close() throws InterruptedException {
        stop();
    }
}
