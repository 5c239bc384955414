package dev.mcpbridge.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mcpbridge.jupyter.ManagedServer;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The jupyter adapter of the built jar, over stdio, driven by the official MCP TypeScript SDK client
 * ({@code src/test/resources/jupyter/jupyter-client-check.mjs}), as Roo runs it: {@code --adapter jupyter DIR}, the
 * bridge starting its own Jupyter Server (Debian's python3-jupyter-server and python3-ipykernel) and stopping it at
 * the end, with no process left behind.
 */
class JupyterRealClientIT {

    private static final String PYTHON = "/usr/bin/python3";
    private static final long CLIENT_TIMEOUT_SECONDS = 400;

    @TempDir
    Path dir;

    @Test
    void theTypeScriptClientRunsNotebooksAndKernels() throws Exception {
        String missing = Files.isExecutable(Path.of(PYTHON)) ? ManagedServer.missingModules(PYTHON) : PYTHON + " is missing";
        assumeTrue(missing == null, () -> missing + "; apt-get install python3-jupyter-server python3-ipykernel");
        ItEnv.assumeJsDeps("@modelcontextprotocol/sdk");
        Path nb = Files.createDirectories(dir.resolve("notebooks"));
        JsonNode r = runClient(nb);
        String where = "report " + r;
        assertThat(r.at("/initialize/ok").asBoolean()).as(where).isTrue();
        assertThat(r.path("transportErrors")).as(where).isEmpty();
        List<String> names = new ArrayList<>();
        r.at("/toolsList/names").forEach(n -> names.add(n.asText()));
        assertThat(names).as(where).hasSize(27).contains("read_notebook", "execute_notebook", "manage_async_job",
                "execute_on_kernel", "stream_outputs", "move_cell", "clear_outputs");

        assertThat(r.at("/create/isError").asBoolean()).as(where).isFalse();
        JsonNode run = r.path("executeNotebook");
        assertThat(run.path("isError").asBoolean()).as(where).isFalse();
        assertThat(run.path("text").asText()).contains("\"status\" : \"success\"", "run 40");
        assertThat(run.path("progress")).as("progress notifications; %s", where).hasSize(3);
        assertThat(r.at("/readOutput/text").asText()).contains("injected-parameters", "run 40");
        assertThat(nb.resolve("work/report_output.ipynb")).exists();

        assertThat(r.at("/onePlusOne/text").asText()).as(where).contains("\"text/plain\" : \"2\"");
        JsonNode image = r.path("image");
        assertThat(image.path("images")).as(where).hasSize(1);
        assertThat(image.at("/images/0/mimeType").asText()).isEqualTo("image/png");
        JsonNode loop = r.path("loop");
        assertThat(loop.path("isError").asBoolean()).as(where).isTrue();
        assertThat(loop.path("text").asText()).contains("\"status\" : \"timeout\"", "interrupted");
        assertThat(r.at("/afterLoop/isError").asBoolean()).as(where).isFalse();
        assertThat(r.at("/afterLoop/text").asText()).contains("\"text/plain\" : \"2\"");
        assertThat(r.at("/escape/isError").asBoolean()).as(where).isTrue();
        assertThat(r.at("/escape/text").asText()).contains("outside the notebook directory");
        assertThat(r.at("/stop/isError").asBoolean()).as(where).isFalse();
    }

    private JsonNode runClient(Path notebookDir) throws Exception {
        URL url = JupyterRealClientIT.class.getClassLoader().getResource("jupyter/jupyter-client-check.mjs");
        assertThat(url).isNotNull();
        Path logs = ItEnv.logDir();
        Path out = logs.resolve("JupyterRealClientIT.client.stdout.log");
        Path err = logs.resolve("JupyterRealClientIT.client.stderr.log");
        List<String> command = new ArrayList<>(List.of(ItEnv.node(), Path.of(url.toURI()).toString(),
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xlog:disable", "-Xlog:all=warning:stderr", "-jar", ItEnv.jar().toString(), "--adapter", "jupyter",
                notebookDir.toString()));
        ProcessBuilder builder = new ProcessBuilder(command).directory(ItEnv.jsDir().toFile())
                .redirectOutput(out.toFile()).redirectError(err.toFile());
        builder.environment().put("MCP_SDK_DIR", ItEnv.jsDir().toString());
        builder.environment().put("JUPYTER_PYTHON", PYTHON);
        builder.environment().remove("JUPYTER_SERVER_URL");
        Process process = builder.start();
        List<ProcessHandle> family = new ArrayList<>();
        try {
            process.getOutputStream().close();
            boolean done = process.waitFor(CLIENT_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            assertThat(done).as("client finished; stderr (%s):%n%s", err, ItEnv.tail(err, 40)).isTrue();
            assertThat(process.exitValue()).as("client exit; stderr:%n%s", ItEnv.tail(err, 40)).isZero();
        } finally {
            family.addAll(process.descendants().toList());
            ItEnv.stop(process);
        }
        // The bridge has exited: the server it started and that server's kernels must be gone with it.
        family.forEach(p -> p.onExit().join());
        String stdout = Files.readString(out, StandardCharsets.UTF_8).strip();
        assertThat(stdout).as("client stdout (%s)", out).isNotEmpty();
        return new ObjectMapper().readTree(stdout);
    }
}
