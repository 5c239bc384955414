package dev.mcpbridge.it;

import static org.assertj.core.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * HAProxy (the Debian package) running {@code deploy/haproxy/haproxy.cfg} as shipped, with only what a test must
 * change: the listening port, the servers (the test's instances on 127.0.0.1), the chosen backend, the runtime socket
 * in a temporary directory, and an {@code X-Served-By} response header naming the instance that answered.
 */
final class Haproxy implements AutoCloseable {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(30);

    final int port;
    private final Process process;
    private final Path socket;

    private Haproxy(int port, Process process, Path socket) {
        this.port = port;
        this.process = process;
        this.socket = socket;
    }

    /** The haproxy binary, if installed (PATH, then where Debian puts it). */
    static Optional<Path> executable() {
        List<Path> candidates = new ArrayList<>();
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (!dir.isEmpty()) {
                candidates.add(Path.of(dir, "haproxy"));
            }
        }
        candidates.add(Path.of("/usr/sbin/haproxy"));
        return candidates.stream().filter(Files::isExecutable).findFirst();
    }

    static Path deployConfig() {
        return Path.of(System.getProperty("bridge.deploy.dir", "deploy")).toAbsolutePath().normalize()
                .resolve("haproxy/haproxy.cfg");
    }

    /**
     * @param backend {@code bridges_stateful} or {@code bridges_stateless}
     * @param servers server name to its port on 127.0.0.1, in order
     */
    static Haproxy start(String name, String backend, Map<String, Integer> servers) throws Exception {
        Path binary = executable().orElseThrow();
        int port = ItEnv.freePort();
        Path dir = Files.createTempDirectory("haproxy-it");
        Path config = dir.resolve("haproxy.cfg");
        Files.writeString(config, adapt(Files.readString(deployConfig()), port, backend, servers, dir));
        Path log = ItEnv.logDir().resolve(name + ".haproxy.log");
        Process process = new ProcessBuilder(binary.toString(), "-db", "-f", config.toString())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        Haproxy haproxy = new Haproxy(port, process, dir.resolve("admin.sock"));
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (true) {
            if (!process.isAlive()) {
                fail("haproxy exited with code " + process.exitValue() + "; its output (" + log + "):\n"
                        + ItEnv.tail(log, 30) + "\nconfiguration: " + config);
            }
            try (Socket probe = new Socket(InetAddress.getLoopbackAddress(), port)) {
                return haproxy;
            } catch (IOException notYet) {
                if (System.nanoTime() > deadline) {
                    haproxy.close();
                    fail("haproxy did not listen on " + port + " within " + START_TIMEOUT.toSeconds() + " s: "
                            + ItEnv.tail(log, 30));
                }
                Thread.sleep(50);
            }
        }
    }

    /** The shipped configuration with the test's port, servers, backend and socket; everything else unchanged. */
    static String adapt(String shipped, int port, String backend, Map<String, Integer> servers, Path dir) {
        Map<String, Integer> ordered = new LinkedHashMap<>(servers);
        List<String> out = new ArrayList<>();
        boolean serversWritten = false;
        for (String line : shipped.split("\n", -1)) {
            String t = line.strip();
            if (t.startsWith("stats socket ")) {
                out.add("    stats socket " + dir.resolve("admin.sock") + " mode 600 level admin");
            } else if (t.startsWith("bind ")) {
                out.add("    bind 127.0.0.1:" + port);
            } else if (t.startsWith("default_backend ")) {
                out.add("    default_backend " + backend);
            } else if (t.startsWith("backend ")) {
                serversWritten = false;
                out.add(line);
            } else if (t.startsWith("server ")) {
                if (!serversWritten) {
                    ordered.forEach((name, p) -> out.add("    server " + name + " 127.0.0.1:" + p + " check"));
                    out.add("    http-response set-header X-Served-By %s");
                    serversWritten = true;
                }
            } else {
                out.add(line);
            }
        }
        return String.join("\n", out);
    }

    /** Whether HAProxy's own health checks have every server of {@code backend} UP (runtime API, {@code show stat}). */
    boolean allUp(String backend, java.util.Collection<String> servers) {
        String stats;
        try (java.nio.channels.SocketChannel channel = java.nio.channels.SocketChannel.open(
                java.net.UnixDomainSocketAddress.of(socket))) {
            channel.write(java.nio.ByteBuffer.wrap("show stat\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII)));
            stats = new String(java.nio.channels.Channels.newInputStream(channel).readAllBytes(),
                    java.nio.charset.StandardCharsets.US_ASCII);
        } catch (IOException e) {
            return false;
        }
        // CSV: pxname, svname, ..., status is the 18th field.
        return servers.stream().allMatch(server -> stats.lines().map(l -> l.split(",", -1))
                .anyMatch(f -> f.length > 17 && f[0].equals(backend) && f[1].equals(server) && f[17].equals("UP")));
    }

    String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }

    @Override
    public void close() {
        ItEnv.stop(process);
    }
}
