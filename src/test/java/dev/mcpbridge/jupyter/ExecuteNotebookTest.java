package dev.mcpbridge.jupyter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mcpbridge.core.spi.ToolCallContext;
import dev.mcpbridge.core.spi.ToolException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** execute_notebook with papermill's contract, sync and async, and manage_async_job, on a real Jupyter Server. */
@SuppressWarnings("unchecked")
class ExecuteNotebookTest {

    private static JupyterServers servers;
    private static RunTools tools;
    private static Path dir;

    @BeforeAll
    static void start() throws Exception {
        dir = SharedJupyter.folder("runs");
        // The grace is spent only when an interrupt does not work: generous, so a slow interrupt is still one.
        servers = SharedJupyter.servers(dir, 60);
        tools = new RunTools(servers);
        Files.writeString(dir.resolve("params.ipynb"), """
                {"nbformat": 4, "nbformat_minor": 5,
                 "metadata": {"kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"}},
                 "cells": [
                  {"id": "c0", "cell_type": "markdown", "metadata": {}, "source": "# Report"},
                  {"id": "c1", "cell_type": "code", "metadata": {"tags": ["parameters"]}, "source": "alpha = 1\\nname = 'default'\\nitems = []", "outputs": [], "execution_count": null},
                  {"id": "c2", "cell_type": "code", "metadata": {}, "source": "print(alpha * 2, name, len(items), flag)", "outputs": [], "execution_count": null},
                  {"id": "c3", "cell_type": "code", "metadata": {}, "source": "import os\\nos.path.basename(os.getcwd())", "outputs": [], "execution_count": null}
                 ]}
                """);
        Files.writeString(dir.resolve("raises.ipynb"), """
                {"nbformat": 4, "nbformat_minor": 4, "metadata": {"kernelspec": {"name": "python3", "display_name": "Python 3"}},
                 "cells": [
                  {"cell_type": "code", "metadata": {}, "source": "x = 1", "outputs": [], "execution_count": null},
                  {"cell_type": "code", "metadata": {}, "source": "raise RuntimeError('boom')", "outputs": [], "execution_count": null},
                  {"cell_type": "code", "metadata": {}, "source": "print('never')", "outputs": [], "execution_count": null}
                 ]}
                """);
        Files.writeString(dir.resolve("slow.ipynb"), """
                {"nbformat": 4, "nbformat_minor": 4, "metadata": {"kernelspec": {"name": "python3", "display_name": "Python 3"}},
                 "cells": [
                  {"cell_type": "code", "metadata": {}, "source": "print('started', flush=True)", "outputs": [], "execution_count": null},
                  {"cell_type": "code", "metadata": {}, "source": "import time\\nwhile True:\\n    time.sleep(0.05)", "outputs": [], "execution_count": null},
                  {"cell_type": "code", "metadata": {}, "source": "print('after')", "outputs": [], "execution_count": null}
                 ]}
                """);
    }

    @AfterAll
    static void stop() {
        if (servers != null) {
            servers.close();
        }
    }

    /** A context that records the progress notifications it is given. */
    private static final class Recording implements ToolCallContext {
        final List<String> progress = new ArrayList<>();
        final ToolCallContext base = ToolCallContext.detached("execute_notebook");

        @Override
        public synchronized void progress(double value, Double total, String message) {
            progress.add((int) value + "/" + total.intValue() + " " + message);
        }

        @Override
        public void log(String level, String message) {
        }

        @Override
        public boolean cancelled() {
            return false;
        }

        @Override
        public List<String> roots() {
            return List.of();
        }

        @Override
        public String toolName() {
            return "execute_notebook";
        }

        @Override
        public Map<String, Object> requestFromClient(String method, Map<String, Object> params) {
            return base.requestFromClient(method, params);
        }
    }

    private static RunTools.ExecuteNotebookArgs args(String input, String output, Map<String, Object> parameters,
            String mode, String report) {
        return new RunTools.ExecuteNotebookArgs(input, output, parameters, mode, null, null, null, null, report);
    }

    @Test
    void parametersAreInjectedAfterTheParametersCellAndTheOutputIsWritten() throws Exception {
        Map<String, Object> parameters = new LinkedHashMap<>();
        parameters.put("alpha", 21);
        parameters.put("name", "it's \"quoted\"");
        parameters.put("items", List.of(1, "two", Map.of("k", true)));
        parameters.put("flag", null);
        Recording ctx = new Recording();
        Reply reply = tools.run(args("runs/params.ipynb", null, parameters, "sync", "full"), ctx);
        assertThat(reply.error()).as(reply.data().toString()).isFalse();
        assertThat(reply.data()).containsEntry("status", "success").containsEntry("output_path", "runs/params_output.ipynb")
                .containsEntry("cells_executed", 4).containsEntry("cells_failed", 0);
        assertThat(ctx.progress).containsExactly("1/4 cell 1: completed", "2/4 cell 2: completed",
                "3/4 cell 3: completed", "4/4 cell 4: completed");

        JsonNode out = JupyterApi.JSON.readTree(dir.resolve("params_output.ipynb").toFile());
        JsonNode injected = out.path("cells").get(2);
        assertThat(injected.path("metadata").path("tags").toString()).isEqualTo("[\"injected-parameters\"]");
        assertThat(Notebooks.source(injected)).startsWith("# Parameters\nalpha = 21\n")
                .contains("items = [1, \"two\", {\"k\": True}]", "flag = None");
        String printed = Notebooks.source(out.path("cells").get(3).path("outputs").get(0).path("text").isArray()
                ? JupyterApi.JSON.createObjectNode().set("source", out.path("cells").get(3).path("outputs").get(0).path("text"))
                : JupyterApi.JSON.createObjectNode().put("source", out.path("cells").get(3).path("outputs").get(0).path("text").asText()));
        assertThat(printed).isEqualTo("42 it's \"quoted\" 3 None\n");
        assertThat(out.path("cells").get(4).path("outputs").get(0).path("data").path("text/plain").toString())
                .contains("'runs'");
        assertThat(out.path("cells").get(4).path("execution_count").asInt()).isEqualTo(4);
        assertThat(out.path("metadata").path("papermill").path("parameters").path("alpha").asInt()).isEqualTo(21);
        assertThat(out.path("cells").get(3).path("metadata").path("papermill").path("status").asText()).isEqualTo("completed");
        assertThat(servers.schema().problems(out)).isEmpty();
        // A second run of the output replaces the injected cell instead of stacking another one.
        tools.run(args("runs/params_output.ipynb", "runs/again.ipynb", Map.of("alpha", 2), "sync", "minimal"), ctx);
        JsonNode again = JupyterApi.JSON.readTree(dir.resolve("again.ipynb").toFile());
        long injectedCells = 0;
        for (JsonNode cell : again.path("cells")) {
            injectedCells += Notebooks.hasTag(cell, "injected-parameters") ? 1 : 0;
        }
        assertThat(injectedCells).isEqualTo(1);
    }

    @Test
    void withoutAParametersCellTheyGoAtTheTop() throws Exception {
        Reply reply = tools.run(args("runs/raises.ipynb", "runs/top.ipynb", Map.of("x", 5), "sync", "minimal"),
                ToolCallContext.detached("t"));
        assertThat(reply.data()).doesNotContainKey("report");
        JsonNode out = JupyterApi.JSON.readTree(dir.resolve("top.ipynb").toFile());
        assertThat(out.path("cells").get(1).path("metadata").path("tags").toString()).contains("injected-parameters");
    }

    @Test
    void aCellThatRaisesStopsTheRunAndIsMarked() throws Exception {
        Reply reply = tools.run(args("runs/raises.ipynb", null, null, "sync", "summary"),
                ToolCallContext.detached("t"));
        assertThat(reply.error()).isTrue();
        assertThat(reply.data()).containsEntry("status", "error").containsEntry("cells_executed", 2)
                .containsEntry("cells_failed", 1).containsEntry("cells_succeeded", 1);
        Map<String, Object> error = (Map<String, Object>) reply.data().get("error");
        assertThat(error).containsEntry("type", "RuntimeError").containsEntry("message", "boom");
        assertThat(error.get("traceback").toString()).doesNotContain("\u001b[");
        JsonNode out = JupyterApi.JSON.readTree(dir.resolve("raises_output.ipynb").toFile());
        assertThat(Notebooks.hasTag(out.path("cells").get(0), "papermill-error-cell-tag")).isTrue();
        assertThat(Notebooks.hasTag(out.path("cells").get(2), "papermill-error-cell-tag")).isTrue();
        assertThat(out.path("cells").get(2).path("metadata").path("papermill").path("exception").asBoolean()).isTrue();
        assertThat(out.path("cells").get(3).path("outputs")).isEmpty();
        assertThat(out.path("cells").get(3).path("metadata").path("papermill").path("status").asText()).isEqualTo("pending");
        assertThat(out.path("metadata").path("papermill").path("exception").asBoolean()).isTrue();
    }

    @Test
    void aRunOverItsTimeoutStopsAndSaysSo() throws Exception {
        Reply reply = tools.run(new RunTools.ExecuteNotebookArgs("runs/slow.ipynb", "runs/slow_t.ipynb",
                null, "sync", null, 3, null, null, null), ToolCallContext.detached("t"));
        assertThat(reply.data()).containsEntry("status", "error");
        assertThat(reply.data().get("error").toString()).contains("Timeout", "timeout of 3 s was reached");
        JsonNode out = JupyterApi.JSON.readTree(dir.resolve("slow_t.ipynb").toFile());
        assertThat(out.path("cells").get(1).path("outputs").get(0).path("text").toString()).contains("started");
        assertThat(Notebooks.hasTag(out.path("cells").get(0), "papermill-error-cell-tag")).isTrue();
    }

    @Test
    void asyncJobsReportProgressLogsAndCanBeCancelled() throws Exception {
        Reply submitted = tools.run(args("runs/params.ipynb", "runs/async.ipynb", Map.of("flag", 1), "async",
                null), ToolCallContext.detached("t"));
        String id = (String) submitted.data().get("job_id");
        assertThat(submitted.data()).containsEntry("status", "submitted").containsEntry("mode", "async");
        awaitJob(id);
        Map<String, Object> status = tools.manageAsyncJob(new RunTools.JobArgs("status", id, true, null, null, null));
        assertThat(status).containsEntry("status", "completed");
        assertThat((Map<String, Object>) status.get("progress")).containsEntry("cells_executed", 4)
                .containsEntry("percent", 100.0);
        assertThat(status.get("logs").toString()).contains("2 default 0 1");
        assertThat(dir.resolve("async.ipynb")).exists();
        Map<String, Object> logs = tools.manageAsyncJob(new RunTools.JobArgs("logs", id, null, 1, null, null));
        assertThat((List<String>) logs.get("logs")).singleElement().asString().startsWith("finished: completed");

        Reply slow = tools.run(args("runs/slow.ipynb", "runs/slow_async.ipynb", null, "async", null),
                ToolCallContext.detached("t"));
        String slowId = (String) slow.data().get("job_id");
        awaitLog(slowId, "cell 1 (2/3): running");
        assertThat(tools.manageAsyncJob(new RunTools.JobArgs("cancel", slowId, null, null, null, null)))
                .containsEntry("status", "cancelling");
        awaitJob(slowId);
        assertThat(tools.manageAsyncJob(new RunTools.JobArgs("status", slowId, null, null, null, null)))
                .containsEntry("status", "cancelled");
        JsonNode out = JupyterApi.JSON.readTree(dir.resolve("slow_async.ipynb").toFile());
        // Cancelling interrupts the running cell (once the kernel has taken it up): the cell records the interrupt.
        assertThat(out.path("cells").get(1).path("outputs").toString()).contains("KeyboardInterrupt")
                .doesNotContain("the kernel was restarted");
        assertThat(out.path("cells").get(2).path("outputs")).isEmpty();

        Map<String, Object> list = tools.manageAsyncJob(new RunTools.JobArgs("list", null, null, null, "cancelled", null));
        assertThat(list.get("jobs").toString()).contains(slowId).doesNotContain(id);
        Map<String, Object> cleaned = tools.manageAsyncJob(new RunTools.JobArgs("cleanup", null, null, null, null, null));
        assertThat((List<String>) cleaned.get("removed_job_ids")).contains(id, slowId);
        assertThatThrownBy(() -> tools.manageAsyncJob(new RunTools.JobArgs("status", id, null, null, null, null)))
                .hasMessageContaining("there is no job with id");
    }

    @Test
    void documentedErrors() {
        ToolCallContext ctx = ToolCallContext.detached("t");
        assertThatThrownBy(() -> tools.run(args("runs/none.ipynb", null, null, "sync", null), ctx))
                .hasMessageContaining("does not exist");
        assertThatThrownBy(() -> tools.run(args("runs/params.ipynb", null, null, "later", null), ctx))
                .hasMessageContaining("not one of sync, async");
        assertThatThrownBy(() -> tools.run(args("runs/params.ipynb", null, null, null, "verbose"), ctx))
                .hasMessageContaining("not one of full, summary, minimal");
        assertThatThrownBy(() -> tools.run(args("runs/params.ipynb", null, Map.of("not valid", 1), null,
                null), ctx)).hasMessageContaining("not a Python identifier");
        assertThatThrownBy(() -> tools.run(args("runs/params.ipynb", "../out.ipynb", null, null, null), ctx))
                .hasMessageContaining("outside");
        assertThatThrownBy(() -> tools.manageAsyncJob(new RunTools.JobArgs("status", null, null, null, null, null)))
                .hasMessageContaining("job_id is required");
        assertThatThrownBy(() -> tools.manageAsyncJob(new RunTools.JobArgs("pause", "x", null, null, null, null)))
                .hasMessageContaining("not one of status, logs, cancel, list, cleanup");
    }

    private static void awaitJob(String id) throws Exception {
        NotebookJobs.Job job = servers.connection().jobs().get(id);
        job.future.get();
    }

    /** Waits on the job's own log, not on a clock: returns as soon as the line is there. */
    private static void awaitLog(String id, String line) throws InterruptedException {
        NotebookJobs.Job job = servers.connection().jobs().get(id);
        while (true) {
            synchronized (job) {
                if (job.logs.stream().anyMatch(l -> l.contains(line))) {
                    return;
                }
                if (job.finished()) {
                    throw new ToolException("job ended before logging " + line);
                }
                job.wait();
            }
        }
    }
}
