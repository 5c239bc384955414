package dev.mcpbridge.examples;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/**
 * A throwaway PostgreSQL cluster (Debian's {@code postgresql} package) on 127.0.0.1, for the tests of
 * {@code kind: sql}: initdb, pg_ctl on a free port, a role that owns its database and logs in with a password.
 * The test skips, saying why, where PostgreSQL is not installed. Run as the {@code postgres} user when the tests
 * run as root (initdb refuses root).
 */
final class PostgresServer implements AutoCloseable {

    final int port;
    final String database;
    final String user;
    final String password;
    private final Path dir;
    private final Path bin;
    private final boolean root;

    private PostgresServer(Path bin, Path dir, int port, String database, String user, String password, boolean root) {
        this.bin = bin;
        this.dir = dir;
        this.port = port;
        this.database = database;
        this.user = user;
        this.password = password;
        this.root = root;
    }

    String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
    }

    static PostgresServer start(String database, String user, String password) throws Exception {
        Path bin = findBin();
        Assumptions.assumeTrue(bin != null, "PostgreSQL is not installed (Debian package postgresql; .ci/run "
                + "installs it)");
        boolean root = "root".equals(System.getProperty("user.name"));
        Path dir = Files.createTempDirectory("mcp-bridge-pg");
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxrwxrwx"));
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        PostgresServer server = new PostgresServer(bin, dir, port, database, user, password, root);
        server.run(List.of(bin.resolve("initdb").toString(), "-D", dir.resolve("data").toString(), "-U", "postgres",
                "-E", "UTF8", "--locale=C", "--auth-local=trust", "--auth-host=scram-sha-256"));
        Files.createDirectories(dir.resolve("sock"));
        Files.setPosixFilePermissions(dir.resolve("sock"), PosixFilePermissions.fromString("rwxrwxrwx"));
        server.run(List.of(bin.resolve("pg_ctl").toString(), "-D", dir.resolve("data").toString(), "-l",
                dir.resolve("log").toString(), "-w", "-o", "-p " + port + " -c listen_addresses=127.0.0.1 "
                        + "-c unix_socket_directories=" + dir.resolve("sock") + " -c fsync=off", "start"));
        server.psql("postgres", "postgres", "CREATE ROLE " + user + " LOGIN PASSWORD '" + password + "'");
        server.psql("postgres", "postgres", "CREATE DATABASE " + database + " OWNER " + user);
        return server;
    }

    /** Runs SQL as {@code role} in {@code db} through psql over the cluster's socket (trusted locally). */
    void psql(String role, String db, String sql) throws Exception {
        run(List.of(bin.resolve("psql").toString(), "-v", "ON_ERROR_STOP=1", "-q", "-h", dir.resolve("sock").toString(),
                "-p", Integer.toString(port), "-U", role, "-d", db, "-c", sql));
    }

    private void run(List<String> command) throws Exception {
        List<String> full = new ArrayList<>();
        if (root) {
            full.addAll(List.of("runuser", "-u", "postgres", "--"));
        }
        full.addAll(command);
        Process process = new ProcessBuilder(full).directory(dir.toFile()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed: " + output);
        }
    }

    private static Path findBin() throws IOException {
        Path lib = Path.of("/usr/lib/postgresql");
        if (!Files.isDirectory(lib)) {
            return null;
        }
        try (Stream<Path> versions = Files.list(lib)) {
            return versions.map(v -> v.resolve("bin")).filter(b -> Files.isExecutable(b.resolve("initdb")))
                    .max(Comparator.naturalOrder()).orElse(null);
        }
    }

    @Override
    public void close() throws Exception {
        try {
            run(List.of(bin.resolve("pg_ctl").toString(), "-D", dir.resolve("data").toString(), "-m", "fast", "stop"));
        } finally {
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}
