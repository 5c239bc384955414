package dev.mcpbridge.jupyter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.mcpbridge.core.spi.ToolCallContext;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The server the adapter starts itself: on loopback with a token, its root the notebook directory, stopped with
 * its kernels when the bridge closes it, and gone (kernels too) when the bridge is killed outright.
 */
class ManagedServerTest {

    @TempDir
    Path dir;

    @Test
    void startsOnDemandServesTheNotebookDirectoryAndStopsWithItsKernels() throws Exception {
        assumeTrue(SharedJupyter.missing() == null, SharedJupyter::missing);
        JupyterServers servers = new JupyterServers(JupyterSettings.defaults("", "", dir.toString(), SharedJupyter.PYTHON));
        RunTools run = new RunTools(servers);
        assertThat(run.debugListRuntimeDir()).containsEntry("running", false).containsEntry("mode", "managed");
        Map<String, Object> started = run.startJupyterServer(new RunTools.StartServerArgs(null));
        assertThat(started).containsEntry("status", "started").containsEntry("running", true);
        assertThat(started.get("url").toString()).startsWith("http://127.0.0.1:");
        long serverPid = ((Number) started.get("pid")).longValue();

        // Unauthenticated requests are refused: the token is required.
        JupyterApi anonymous = new JupyterApi(started.get("url").toString(), "", java.time.Duration.ofSeconds(10));
        assertThatThrownBy(anonymous::kernels).hasMessageContaining("403");

        NotebookTools notebooks = new NotebookTools(servers);
        notebooks.createNotebook(new NotebookTools.CreateArgs("made.ipynb", null));
        assertThat(dir.resolve("made.ipynb")).exists();
        KernelTools kernels = new KernelTools(servers);
        String id = (String) kernels.manageKernel(new KernelTools.ManageArgs("start", null, null, null)).get("kernel_id");
        Reply where = kernels.execute(new KernelTools.ExecuteArgs(id, "code", "import os; os.getcwd()", null,
                null, null), ToolCallContext.detached("t"));
        assertThat(where.data().get("text_output").toString()).contains(dir.toRealPath().toString());
        List<ProcessHandle> family = ProcessHandle.of(serverPid).orElseThrow().descendants().toList();
        assertThat(family).isNotEmpty();
        assertThat(run.startJupyterServer(new RunTools.StartServerArgs("/some/jupyter-lab")))
                .containsEntry("status", "already_running").containsKey("note");

        assertThat(run.stopJupyterServer()).containsEntry("status", "stopped").containsEntry("running", false);
        assertGone(serverPid, family);
        assertThat(run.stopJupyterServer()).containsEntry("status", "not_running");
        servers.close();
    }

    @Test
    void anExistingServerIsNeverStoppedByTheBridge() {
        ManagedServer shared = SharedJupyter.server();
        try (JupyterServers servers = new JupyterServers(JupyterSettings.defaults(shared.url(), shared.token(), "", null))) {
            RunTools run = new RunTools(servers);
            assertThat(run.startJupyterServer(new RunTools.StartServerArgs(null))).containsEntry("status", "existing_server");
            assertThatThrownBy(run::stopJupyterServer).hasMessageContaining("stops only a server it started itself");
            assertThat(shared.alive()).isTrue();
        }
    }

    @Test
    void aKilledBridgeLeavesNoServerAndNoKernelBehind() throws Exception {
        assumeTrue(SharedJupyter.missing() == null, SharedJupyter::missing);
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process bridge = new ProcessBuilder(java.toString(), "-cp", System.getProperty("java.class.path"),
                OrphanProbe.class.getName(), dir.toString(), SharedJupyter.PYTHON).redirectError(
                        ProcessBuilder.Redirect.INHERIT).start();
        long serverPid;
        long kernelPid;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(bridge.getInputStream()))) {
            String line = out.readLine();
            assertThat(line).as("the probe's report").isNotNull().startsWith("pids ");
            String[] pids = line.split(" ");
            serverPid = Long.parseLong(pids[1]);
            kernelPid = Long.parseLong(pids[2]);
            assertThat(ProcessHandle.of(kernelPid)).isPresent();
            bridge.destroyForcibly(); // SIGKILL: no shutdown hook runs
            bridge.waitFor();
        }
        assertGone(serverPid, ProcessHandle.of(kernelPid).stream().toList());
    }

    private static void assertGone(long serverPid, List<ProcessHandle> family) {
        ProcessHandle.of(serverPid).ifPresent(p -> p.onExit().join());
        family.forEach(p -> p.onExit().join());
        assertThat(ProcessHandle.of(serverPid).filter(ProcessHandle::isAlive)).isEmpty();
        assertThat(family).noneMatch(ProcessHandle::isAlive);
    }

    /** A stand-in bridge: starts a managed server and a kernel, prints their pids, then waits to be killed. */
    public static final class OrphanProbe {
        public static void main(String[] args) throws Exception {
            JupyterServers servers = new JupyterServers(JupyterSettings.defaults("", "", args[0], args[1]));
            Map<String, Object> started = new RunTools(servers).startJupyterServer(new RunTools.StartServerArgs(null));
            KernelTools kernels = new KernelTools(servers);
            String id = (String) kernels.manageKernel(new KernelTools.ManageArgs("start", null, null, null)).get("kernel_id");
            Reply pid = kernels.execute(new KernelTools.ExecuteArgs(id, "code", "import os; print(os.getpid())",
                    null, null, null), ToolCallContext.detached("probe"));
            System.out.println("pids " + started.get("pid") + " " + pid.data().get("text_output").toString().strip());
            System.out.flush();
            Thread.currentThread().join();
        }
    }
}
