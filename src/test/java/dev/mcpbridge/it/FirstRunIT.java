package dev.mcpbridge.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a new user's first mistakes look like from the outside, with the built jar as a process: one line on stderr
 * that names the setting and the fix, exit code 2, no stack trace, and nothing but protocol on stdout.
 */
class FirstRunIT {

    private static final String INITIALIZE = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":"
            + "{\"protocolVersion\":\"2025-06-18\",\"capabilities\":{},\"clientInfo\":{\"name\":\"it\",\"version\":\"1\"}}}";

    @TempDir
    Path dir;

    private record Outcome(int exit, String stdout, List<String> stderr) {
    }

    /** Runs the jar with stdin held open (as a client does), sends initialize, and waits for it to stop by itself. */
    private Outcome run(String name, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-Xlog:disable", "-Xlog:all=warning:stderr", "-jar", ItEnv.jar().toString()));
        command.addAll(List.of(args));
        Path out = ItEnv.logDir().resolve("first-run-" + name + ".out");
        Path err = ItEnv.logDir().resolve("first-run-" + name + ".err");
        Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectOutput(out.toFile())
                .redirectError(err.toFile()).start();
        try {
            OutputStream in = process.getOutputStream();
            in.write((INITIALIZE + "\n").getBytes(StandardCharsets.UTF_8));
            in.flush();
            assertThat(process.waitFor(120, TimeUnit.SECONDS)).as("stopped by itself; stderr:%n%s",
                    ItEnv.tail(err, 20)).isTrue();
            return new Outcome(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                    Files.readAllLines(err, StandardCharsets.UTF_8));
        } finally {
            ItEnv.stop(process);
        }
    }

    private static void assertOneClearLine(Outcome outcome, String expected) throws Exception {
        assertThat(outcome.exit()).as("exit code; stderr %s", outcome.stderr()).isEqualTo(2);
        List<String> errors = outcome.stderr().stream().filter(l -> l.startsWith("mcp-bridge: ")).toList();
        assertThat(errors).as("stderr %s", outcome.stderr()).hasSize(1);
        assertThat(errors.get(0)).startsWith(expected);
        assertThat(String.join("\n", outcome.stderr())).doesNotContain("Exception", "\tat ", "[ERROR]");
        for (String line : outcome.stdout().lines().toList()) {
            assertThat(new ObjectMapper().readTree(line).path("jsonrpc").asText()).as(line).isEqualTo("2.0");
        }
    }

    @Test
    void aMissingAllowedDirectoryIsOneLineNamingTheSetting() throws Exception {
        Path missing = dir.resolve("home/me/project");
        Outcome outcome = run("missing-dir", "--adapter", "filesystem", missing.toString());
        // Named where the value came from (the arguments here, not the environment variable), before anything is
        // answered.
        assertOneClearLine(outcome, "mcp-bridge: the command-line arguments (setting filesystem.directories): "
                + "directory '" + missing + "' does not exist; create it or give one that does");
        assertThat(outcome.stdout()).as("no answer to initialize").isEmpty();
    }

    @Test
    void aPortInUseIsOneLineWithTheAddressAndTheFlag() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Outcome outcome = run("port-in-use", "--transport", "http", "--port", String.valueOf(taken.getLocalPort()));
            assertOneClearLine(outcome, "mcp-bridge: cannot listen on 127.0.0.1:" + taken.getLocalPort()
                    + ": the address is already in use");
            assertThat(outcome.stderr().stream().filter(l -> l.startsWith("mcp-bridge: ")).findFirst().orElseThrow())
                    .contains("--port");
        }
    }

    @Test
    void aTypoInTheConfigurationFileIsOneLineWithItsPlace() throws Exception {
        Files.writeString(dir.resolve("mcp-bridge.yaml"), "settings:\n  filesytem:\n    directories: [/tmp]\n");
        assertOneClearLine(run("typo"), "mcp-bridge: mcp-bridge.yaml:2:3: settings.filesytem: there is no adapter "
                + "named 'filesytem' (did you mean 'filesystem'?)");
        Files.writeString(dir.resolve("mcp-bridge.yaml"), "adapters: [filesystem\n");
        assertOneClearLine(run("malformed"), "mcp-bridge: mcp-bridge.yaml:2:1: not valid YAML: expected ',' or ']'");
    }
}
