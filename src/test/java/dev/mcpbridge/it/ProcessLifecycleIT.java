package dev.mcpbridge.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The built jar as a process: how it starts, what it writes where, and how it ends. */
class ProcessLifecycleIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String INITIALIZE = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":"
            + "{\"protocolVersion\":\"2025-06-18\",\"capabilities\":{},\"clientInfo\":{\"name\":\"it\",\"version\":\"1\"}}}";

    private static Process start(List<String> command, Path stderr) throws Exception {
        return new ProcessBuilder(command).redirectError(stderr.toFile()).start();
    }

    private static void send(OutputStream in, String line) throws Exception {
        in.write((line + "\n").getBytes(StandardCharsets.UTF_8));
        in.flush();
    }

    @Test
    void endOfStdinEndsTheProcessAndStdoutHeldOnlyProtocol() throws Exception {
        Path stderr = ItEnv.logDir().resolve("lifecycle-eof.err");
        Process p = start(ItEnv.serverCommand(), stderr);
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        send(p.getOutputStream(), INITIALIZE);
        String first = out.readLine();
        assertThat(JSON.readTree(first).path("result").path("serverInfo").path("name").asText()).isEqualTo("mcp-bridge");
        send(p.getOutputStream(), "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}");
        send(p.getOutputStream(), "not json at all");
        send(p.getOutputStream(), "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/call\",\"params\":"
                + "{\"name\":\"test_simple_text\",\"arguments\":{}}}");
        List<String> lines = new ArrayList<>();
        lines.add(first);
        String line;
        while (lines.size() < 3 && (line = out.readLine()) != null) {
            lines.add(line);
        }
        p.getOutputStream().close();
        // Reading to the end of stdout is waiting for the exit: the process closes it when it ends.
        while ((line = out.readLine()) != null) {
            lines.add(line);
        }
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("exited after stdin closed").isTrue();
        assertThat(p.exitValue()).isZero();
        for (String l : lines) {
            JsonNode node = JSON.readTree(l);
            assertThat(node.path("jsonrpc").asText()).as(l).isEqualTo("2.0");
        }
        assertThat(lines).anyMatch(l -> l.contains("-32700"));
        assertThat(lines).anyMatch(l -> l.contains("This is a simple text response for testing."));
        assertThat(Files.readString(stderr)).doesNotContain("Exception");
    }

    @Test
    void requestsWrittenJustBeforeStdinEndsAreStillAnswered() throws Exception {
        Path stderr = ItEnv.logDir().resolve("lifecycle-pipe.err");
        Process p = start(ItEnv.serverCommand(), stderr);
        send(p.getOutputStream(), INITIALIZE);
        send(p.getOutputStream(), "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}");
        send(p.getOutputStream(), "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/call\",\"params\":"
                + "{\"name\":\"test_simple_text\",\"arguments\":{}}}");
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(out.lines()).hasSize(2);
        assertThat(out).contains("\"id\":1", "This is a simple text response for testing.");
    }

    @Test
    void sigtermEndsTheProcessCleanly() throws Exception {
        Path stderr = ItEnv.logDir().resolve("lifecycle-term.err");
        Process p = start(ItEnv.serverCommand("--transport", "http", "--port", String.valueOf(ItEnv.freePort())),
                stderr);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!Files.readString(stderr).contains("MCP over HTTP on") && System.nanoTime() < deadline && p.isAlive()) {
            Thread.sleep(100);
        }
        assertThat(p.isAlive()).isTrue();
        p.destroy();
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).as("exited after SIGTERM").isTrue();
        assertThat(p.exitValue()).isIn(0, 143);
        assertThat(Files.readString(stderr)).doesNotContain("Exception");
    }

    @Test
    void aNonLoopbackBindWithoutATokenRefusesToStart() throws Exception {
        Path stderr = ItEnv.logDir().resolve("lifecycle-bind.err");
        Process p = start(ItEnv.serverCommand("--transport", "http", "--bind", "0.0.0.0", "--port",
                String.valueOf(ItEnv.freePort())), stderr);
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).isEqualTo(2);
        assertThat(Files.readString(stderr)).contains("needs a bearer token");
    }
}
