package dev.mcpbridge.core.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A setting whose descriptor gives it a kind (directories, URLs) is checked before the server answers anything:
 * a mistake ends the process with exit code 2 and one line on stderr that names where the value was set, and the
 * client's {@code initialize} gets no answer (so the client never shows the server as connected). Run as a user
 * runs it: a separate process with an MCP client's first line on stdin.
 */
class StartupChecksTest {

    private static final String INITIALIZE = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":"
            + "{\"protocolVersion\":\"2025-06-18\",\"capabilities\":{},\"clientInfo\":{\"name\":\"t\",\"version\":\"1\"}}}\n";

    @TempDir
    Path dir;

    private record Run(int exit, String stdout, String stderr) {
    }

    private Run run(Map<String, String> env, boolean closeStdin, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xlog:disable", "-cp", System.getProperty("java.class.path"), "dev.mcpbridge.core.cli.Main"));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile());
        builder.environment().keySet().removeIf(k -> k.startsWith("FILESYSTEM_") || k.startsWith("SEARXNG_")
                || k.startsWith("QUICKFILES_") || k.startsWith("JINA_") || k.startsWith("JUPYTER_"));
        builder.environment().putAll(env);
        Path out = dir.resolve("stdout");
        Path err = dir.resolve("stderr");
        Process process = builder.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        try (OutputStream stdin = process.getOutputStream()) {
            if (!closeStdin) {
                stdin.write(INITIALIZE.getBytes(StandardCharsets.UTF_8));
                stdin.flush();
            }
        }
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).as("the process ended").isTrue();
        return new Run(process.exitValue(), Files.readString(out), Files.readString(err));
    }

    @ParameterizedTest(name = "{0} (stdin closed: {3})")
    @CsvSource(delimiter = '|', value = {
        "a missing directory as an argument | | --adapter filesystem NOPE | false | the command-line arguments (setting filesystem.directories): directory 'NOPE' does not exist",
        "a file as the directory | | --adapter filesystem FILE | false | the command-line arguments (setting filesystem.directories): 'FILE' is a file, not a directory",
        "a missing directory in the environment | FILESYSTEM_DIRECTORIES=NOPE | --adapter filesystem | true | environment variable FILESYSTEM_DIRECTORIES (setting filesystem.directories): directory 'NOPE' does not exist",
        "a URL without its scheme | SEARXNG_URL=127.0.0.1:8888 | --adapter searxng | false | environment variable SEARXNG_URL (setting searxng.url): '127.0.0.1:8888' is not a URL: write it with its scheme, e.g. http://127.0.0.1:8888",
        "a missing directory for quickfiles | | --adapter quickfiles --set quickfiles.directories=NOPE | false | --set quickfiles.directories: directory 'NOPE' does not exist",
        "HTTP off loopback without a token | | --adapter filesystem --transport http --bind 0.0.0.0 --port 0 | true | binding to 0.0.0.0 (not loopback) needs a bearer token or OAuth: give --http-token (MCP_BRIDGE_HTTP_TOKEN), http.tokens or --oauth-issuer"})
    void aWrongValueStopsStartUpWithOneLineBeforeInitializeIsAnswered(String what, String env, String args,
            boolean closeStdin, String expected) throws Exception {
        Files.writeString(dir.resolve("FILE"), "not a directory");
        Map<String, String> environment = env == null ? Map.of() : Map.of(env.split("=", 2)[0], env.split("=", 2)[1]);
        Run run = run(environment, closeStdin, args.split(" "));
        assertThat(run.exit()).as("exit code; stderr: %s", run.stderr()).isEqualTo(2);
        assertThat(run.stdout()).as("nothing answered on stdout").isEmpty();
        assertThat(run.stderr().strip().lines()).as("one line on stderr").hasSize(1);
        assertThat(run.stderr().strip()).isEqualTo("mcp-bridge: " + expected
                + (expected.endsWith("does not exist") ? "; create it or give one that does"
                        : expected.endsWith("not a directory") ? "; give the directory that holds it" : ""));
    }
}
