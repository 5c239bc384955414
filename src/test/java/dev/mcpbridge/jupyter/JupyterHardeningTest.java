package dev.mcpbridge.jupyter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mcpbridge.core.spi.ToolCallContext;
import dev.mcpbridge.core.spi.ToolException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What a kernel can learn of the bridge and its server (no bridge secret, not the managed server's token), what
 * the managed server offers (no terminals), and that kernel ids never climb the REST path.
 */
class JupyterHardeningTest {

    private static JupyterServers servers;
    private static KernelTools tools;
    private static String kernel;

    @BeforeAll
    static void start() {
        servers = SharedJupyter.servers(SharedJupyter.folder("hardening"), 60);
        tools = new KernelTools(servers);
        kernel = (String) tools.manageKernel(new KernelTools.ManageArgs("start", null, null, null)).get("kernel_id");
    }

    @AfterAll
    static void stop() {
        if (servers != null) {
            tools.manageKernel(new KernelTools.ManageArgs("stop", null, kernel, null));
            servers.close();
        }
    }

    private static String run(String code) {
        Reply reply = tools.execute(new KernelTools.ExecuteArgs(kernel, "code", code, null, null, 60),
                ToolCallContext.detached("t"));
        return reply.data().get("text_output").toString();
    }

    @Test
    void theServerEnvironmentIsAnAllowlist() {
        Map<String, String> env = ManagedServer.serverEnvironment(Map.of("PATH", "/bin", "HOME", "/root",
                "LC_ALL", "C.UTF-8", "GITHUB_PERSONAL_ACCESS_TOKEN", "ghp_x", "JINA_API_KEY", "jina_x",
                "MCP_BRIDGE_HTTP_TOKEN", "t", "JUPYTER_TOKEN", "old", "AWS_SECRET_ACCESS_KEY", "a"));
        assertThat(env).containsOnlyKeys("PATH", "HOME", "LC_ALL");
    }

    @Test
    void aKernelSeesOnlyAllowlistedNamesAndNotTheServersToken() {
        String names = run("import os; print(sorted(n for n in os.environ if not (n in " + python(ManagedServer.PASSED)
                + " or n.startswith(('LC_', 'JPY_', 'PYDEVD_')) or n in ('CLICOLOR', 'FORCE_COLOR', 'PAGER', "
                + "'GIT_PAGER', 'MPLBACKEND', 'TERM', 'COLUMNS', 'LINES'))))");
        assertThat(names.strip()).isEqualTo("[]");
        String token = SharedJupyter.server().token();
        String seen = run(String.join("\n", "import os, glob",
                "t = '" + token + "'",
                "from jupyter_core.paths import jupyter_runtime_dir",
                "files = [f for f in glob.glob(os.path.join(jupyter_runtime_dir(), '*')) if os.path.isfile(f)]",
                "inFiles = [f for f in files if t in open(f, errors='replace').read()]",
                "inEnv = any(t in v for v in os.environ.values())",
                "pp = open('/proc/%d/environ' % os.getppid(), 'rb').read().decode(errors='replace')",
                "cmd = open('/proc/%d/cmdline' % os.getppid(), 'rb').read().decode(errors='replace')",
                "print('none' if not (inFiles or inEnv or t in pp or t in cmd) else ('leak', inFiles, inEnv, t in pp, t in cmd))"));
        assertThat(seen.strip()).isEqualTo("none");
    }

    @Test
    void terminalsAreOff() throws Exception {
        ManagedServer server = SharedJupyter.server();
        HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(server.url() + "api/terminals")).header("Authorization", "token " + server.token())
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).isEqualTo(404);
    }

    @ParameterizedTest
    @ValueSource(strings = {"..", ".", "../api", "a/b", "%2e%2e", "x y"})
    void aKernelIdThatIsNoIdIsRefused(String id) {
        assertThatThrownBy(() -> tools.getKernelStatus(new KernelTools.KernelArgs(id)))
                .isInstanceOf(ToolException.class).hasMessageContaining("is not a kernel id");
        assertThatThrownBy(() -> tools.manageKernel(new KernelTools.ManageArgs("interrupt", null, id, null)))
                .isInstanceOf(ToolException.class).hasMessageContaining("is not a kernel id");
    }

    @Test
    void aFifoNamedIpynbIsRefusedAndTheServerKeepsServing() throws Exception {
        java.nio.file.Path fifo = SharedJupyter.root().resolve("hardening/pipe.ipynb");
        org.junit.jupiter.api.Assumptions.assumeTrue(new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor() == 0,
                "mkfifo is not available");
        NotebookTools notebooks = new NotebookTools(servers);
        assertThatThrownBy(() -> notebooks.readNotebook(new NotebookTools.PathArgs("hardening/pipe.ipynb")))
                .isInstanceOf(ToolException.class).hasMessageContaining("not a regular file");
        assertThat(SharedJupyter.server().api().version()).isNotEmpty();
        java.nio.file.Files.delete(fifo);
    }

    private static String python(java.util.Set<String> names) {
        return names.stream().map(n -> "'" + n + "'").collect(java.util.stream.Collectors.joining(", ", "(", ")"));
    }
}
