package dev.mcpbridge.jupyter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mcpbridge.core.spi.ToolCallContext;
import dev.mcpbridge.core.spi.ToolException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Kernels on a real Jupyter Server: lifecycle, code, errors, timeouts that leave the kernel usable, images. */
@SuppressWarnings("unchecked")
class KernelToolsTest {

    private static JupyterServers servers;
    private static KernelTools tools;
    private static String kernel;
    private static final ToolCallContext CTX = ToolCallContext.detached("test");

    @BeforeAll
    static void start() {
        // The grace is spent only when an interrupt does not work: generous, so a loaded machine's slow interrupt
        // is still an interrupt.
        servers = SharedJupyter.servers(SharedJupyter.folder("kernels"), 60);
        tools = new KernelTools(servers);
        kernel = (String) tools.manageKernel(new KernelTools.ManageArgs("start", null, null, null)).get("kernel_id");
    }

    @AfterAll
    static void stop() {
        if (servers != null) {
            tools.cleanupAllKernels();
            servers.close();
        }
    }

    private static Reply run(String code, Integer timeout) {
        return tools.execute(new KernelTools.ExecuteArgs(kernel, "code", code, null, null, timeout), CTX);
    }

    @Test
    void onePlusOneIsTwo() {
        Reply reply = run("1+1", null);
        assertThat(reply.error()).isFalse();
        assertThat(reply.data()).containsEntry("status", "ok").containsEntry("success", true);
        assertThat(reply.data().get("text_output").toString()).contains("2");
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> outputs = (List<Map<String, Object>>) reply.data().get("outputs");
        assertThat(outputs).singleElement().satisfies(o -> {
            assertThat(o).containsEntry("output_type", "execute_result");
            assertThat(o.get("data").toString()).contains("text/plain=2");
        });
    }

    @Test
    void streamsAreMergedAndOrdered() {
        Reply reply = run("import sys\nprint('a')\nprint('b')\n_ = sys.stderr.write('c\\n')", null);
        assertThat(reply.data().get("text_output")).isEqualTo("a\nb\nc\n");
    }

    @Test
    void aCellThatRaisesReportsNameValueAndTracebackWithoutAnsi() {
        Reply reply = run("def f():\n    raise ValueError('bad value')\nf()", null);
        assertThat(reply.error()).isTrue();
        assertThat(reply.data()).containsEntry("status", "error").containsEntry("success", false);
        @SuppressWarnings("unchecked")
        Map<String, Object> error = (Map<String, Object>) reply.data().get("error");
        assertThat(error).containsEntry("ename", "ValueError").containsEntry("evalue", "bad value");
        assertThat(error.get("traceback").toString()).contains("raise ValueError").doesNotContain("\u001b[");
        assertThat(run("1+1", null).data()).containsEntry("status", "ok");
    }

    @Test
    void anInfiniteLoopTimesOutIsInterruptedAndTheKernelStillAnswers() {
        run("kept = 41", null);
        Reply reply = run("while True:\n    pass", 2);
        assertThat(reply.error()).isTrue();
        assertThat(reply.data()).containsEntry("status", "timeout");
        assertThat((List<Object>) reply.data().get("recovery")).containsExactly("interrupted");
        assertThat(reply.data().get("message").toString()).contains("interrupted");
        Reply after = run("kept + 1", null);
        assertThat(after.data()).containsEntry("status", "ok");
        assertThat(after.data().get("text_output").toString()).contains("42");
    }

    @Test
    void aKernelThatIgnoresTheInterruptIsRestartedAndAnswersAfter() {
        // Its own bridge with a short grace, as waiting out an ignored interrupt is the point here.
        try (JupyterServers impatient = SharedJupyter.servers(SharedJupyter.root(), 1)) {
            KernelTools kt = new KernelTools(impatient);
            String id = (String) kt.manageKernel(new KernelTools.ManageArgs("start", null, null, null)).get("kernel_id");
            // ipykernel arms SIGINT before each request (pre_handler_hook) and ignores it between requests: with the
            // hook disarmed, the next cell ignores the interrupt from its first instruction, whatever the timing.
            Reply deaf = kt.execute(new KernelTools.ExecuteArgs(id, "code", "import signal\n"
                    + "signal.signal(signal.SIGINT, signal.SIG_IGN)\nget_ipython().kernel.pre_handler_hook = lambda: None",
                    null, null, null), CTX);
            assertThat(deaf.data()).containsEntry("status", "ok");
            Reply reply = kt.execute(new KernelTools.ExecuteArgs(id, "code", "import time\nwhile True:\n    time.sleep(0.05)",
                    null, null, 1), CTX);
            assertThat(reply.data()).containsEntry("status", "timeout");
            assertThat((List<Object>) reply.data().get("recovery")).containsExactly("interrupted", "restarted");
            assertThat(reply.data().get("message").toString()).contains("restarted");
            Reply after = kt.execute(new KernelTools.ExecuteArgs(id, "code", "1+1", null, null, null), CTX);
            assertThat(after.data()).containsEntry("status", "ok");
            assertThat(after.data().get("text_output").toString()).contains("2");
            kt.manageKernel(new KernelTools.ManageArgs("stop", null, id, null));
        }
    }

    @Test
    void aKernelThatDiesIsReportedAndTheServersRestartOfItAnswersAfter() {
        String id = (String) tools.manageKernel(new KernelTools.ManageArgs("start", null, null, null)).get("kernel_id");
        // The server's restarter sees the process gone and starts a new one; the channel hears 'restarting'.
        Reply died = tools.execute(new KernelTools.ExecuteArgs(id, "code", "import os\nos._exit(1)", null, null, null),
                CTX);
        assertThat(died.data()).containsEntry("status", "error");
        assertThat(died.data().get("text_output").toString()).contains("the kernel died and was restarted");
        Reply after = tools.execute(new KernelTools.ExecuteArgs(id, "code", "1+1", null, null, null), CTX);
        assertThat(after.data()).containsEntry("status", "ok");
        assertThat(after.data().get("text_output").toString()).contains("2");
        tools.manageKernel(new KernelTools.ManageArgs("stop", null, id, null));
    }

    @Test
    void pngImagesBecomeImageContent() {
        String png = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==";
        Reply reply = run("from IPython.display import Image, display\nimport base64\n"
                + "display(Image(data=base64.b64decode('" + png + "')))", null);
        assertThat(reply.images()).singleElement().satisfies(i -> {
            assertThat(i.mimeType()).isEqualTo("image/png");
            assertThat(i.base64()).isEqualTo(png);
        });
        assertThat(reply.data().get("outputs").toString()).contains("[image 1 of this result").doesNotContain(png);
    }

    @Test
    void largeOutputIsCappedWithANotice() {
        Reply reply = run("print('x' * 100000)", null);
        assertThat(reply.data().get("text_output").toString()).hasSizeLessThan(21_000).contains("more characters cut");
        assertThat(reply.data().get("notices").toString()).contains("cut at 20000 characters");
    }

    @Test
    void twoClientsUseOneKernelAtOnce() {
        CompletableFuture<Reply> a = CompletableFuture.supplyAsync(() -> run("import time\ntime.sleep(0.5)\n'first'", null));
        CompletableFuture<Reply> b = CompletableFuture.supplyAsync(() -> run("'second'", null));
        assertThat(a.join().data().get("text_output").toString()).contains("first").doesNotContain("second");
        assertThat(b.join().data().get("text_output").toString()).contains("second").doesNotContain("first");
    }

    @Test
    void anErrorDoesNotAbortWhatIsQueuedBehindIt() {
        // One client's cell fails while another's waits in the kernel's queue: the second still runs. (The sleep
        // only makes sure the second is queued before the error; the outcome does not depend on it.)
        KernelSession k = servers.connection().kernels().get(kernel);
        KernelExecutor executor = servers.connection().executor();
        Execution failing = executor.submit(k, "import time\ntime.sleep(0.5)\nraise ValueError('first client')");
        Execution queued = executor.submit(k, "'second client'");
        assertThat(executor.await(k, failing, java.time.Duration.ofSeconds(60), () -> false).status())
                .isEqualTo("error");
        KernelExecutor.Outcome second = executor.await(k, queued, java.time.Duration.ofSeconds(60), () -> false);
        assertThat(second.status()).isEqualTo("ok");
        assertThat(second.outputs().toString()).contains("second client");
    }

    @Test
    void inputIsRefusedInsteadOfHanging() {
        Reply reply = run("input('name? ')", null);
        assertThat(reply.data()).containsEntry("status", "error");
        assertThat(reply.data().get("error").toString()).contains("StdinNotImplementedError");
    }

    @Test
    void streamExecuteThenPollUntilDone() throws Exception {
        Map<String, Object> started = tools.streamExecute(new KernelTools.StreamArgs(kernel,
                "for i in range(3):\n    print(i)", null));
        String id = (String) started.get("execution_id");
        assertThat(started).containsEntry("status", "running");
        servers.connection().streams().get(id).outcome().get();
        Reply done = tools.poll(new KernelTools.PollArgs(id, true));
        assertThat(done.data()).containsEntry("status", "ok").containsEntry("cleaned_up", true);
        assertThat(done.data().get("text_output")).isEqualTo("0\n1\n2\n");
        assertThatThrownBy(() -> tools.poll(new KernelTools.PollArgs(id, false)))
                .isInstanceOf(ToolException.class).hasMessageContaining("no streamed execution");
    }

    @Test
    void kernelStatusAndListingShareOneRegistry() {
        Map<String, Object> status = tools.getKernelStatus(new KernelTools.KernelArgs(kernel));
        assertThat(status).containsEntry("exists", true).containsEntry("started_by_bridge", true);
        assertThat(tools.listKernels().get("active_kernels").toString()).contains(kernel);
        assertThat(tools.getKernelStatus(new KernelTools.KernelArgs("no-such-kernel")))
                .containsEntry("status", "not_found").containsEntry("exists", false);
    }

    @Test
    void lifecycleStartInterruptRestartStop() {
        String id = (String) tools.manageKernel(new KernelTools.ManageArgs("start", "python3", null, "kernels"))
                .get("kernel_id");
        Reply cwd = tools.execute(new KernelTools.ExecuteArgs(id, "code", "import os; os.getcwd()", null,
                null, null), CTX);
        assertThat(cwd.data().get("text_output").toString()).contains("kernels");
        assertThat(tools.manageKernel(new KernelTools.ManageArgs("interrupt", null, id, null)))
                .containsEntry("status", "interrupted");
        assertThat(tools.manageKernel(new KernelTools.ManageArgs("restart", null, id, null)))
                .containsEntry("status", "restarted").containsEntry("kernel_id", id);
        assertThat(tools.execute(new KernelTools.ExecuteArgs(id, "code", "3*3", null, null, null), CTX)
                .data().get("text_output").toString()).contains("9");
        assertThat(tools.manageKernel(new KernelTools.ManageArgs("stop", null, id, null)))
                .containsEntry("status", "stopped");
        assertThatThrownBy(() -> tools.execute(new KernelTools.ExecuteArgs(id, "code", "1", null, null, null), CTX))
                .hasMessageContaining("there is no kernel with id");
    }

    @Test
    void documentedErrors() {
        assertThatThrownBy(() -> tools.manageKernel(new KernelTools.ManageArgs("start", "no-such-kernel", null, null)))
                .hasMessageContaining("there is no kernel named 'no-such-kernel'").hasMessageContaining("python3");
        assertThatThrownBy(() -> tools.manageKernel(new KernelTools.ManageArgs("stop", null, null, null)))
                .hasMessageContaining("kernel_id is required");
        assertThatThrownBy(() -> tools.manageKernel(new KernelTools.ManageArgs("explode", null, kernel, null)))
                .hasMessageContaining("not one of start, stop, interrupt, restart");
        assertThatThrownBy(() -> tools.manageKernel(new KernelTools.ManageArgs("start", null, null, "../..")))
                .hasMessageContaining("outside the notebook directory");
        assertThatThrownBy(() -> run(null, null)).hasMessageContaining("code is required");
        assertThatThrownBy(() -> run("1", 0)).hasMessageContaining("timeout must be a positive");
        assertThatThrownBy(() -> tools.execute(new KernelTools.ExecuteArgs(kernel, "bogus", "1", null, null,
                null), CTX)).hasMessageContaining("not one of code, notebook, notebook_cell");
        assertThatThrownBy(() -> tools.execute(new KernelTools.ExecuteArgs(kernel, "notebook_cell", null,
                "x.ipynb", null, null), CTX)).hasMessageContaining("cell_index is required");
    }
}
