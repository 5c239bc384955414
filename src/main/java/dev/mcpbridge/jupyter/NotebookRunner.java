package dev.mcpbridge.jupyter;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mcpbridge.core.spi.ToolException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * papermill's contract, natively over the kernel channel: the parameters go in a new cell tagged
 * {@code injected-parameters} after the cell tagged {@code parameters} (at the top when there is none, replacing an
 * earlier injected cell), a fresh kernel runs the code cells in order, outputs and execution counts are recorded,
 * the run stops at the first error with that cell marked, and the output notebook is written with papermill's
 * metadata. The kernel is shut down afterwards.
 */
public final class NotebookRunner {

    /** Told about each cell as the run goes, for progress notifications and job logs. */
    public interface Listener {
        void cell(int position, int total, int index, String status, String text);

        /** The cell's code has gone to the kernel (papermill logs "Executing Cell" at this point). */
        default void started(int position, int total, int index) {
        }
    }

    /** A run's request. */
    public record Request(String inputPath, String outputPath, Map<String, Object> parameters, String kernelName,
            Duration timeout) {
    }

    /** One executed (or skipped) code cell. */
    public record CellRun(int index, String status, Integer executionCount, double seconds, ArrayNode outputs) {
    }

    /** What a run came to. */
    public record Result(String status, String inputPath, String outputPath, String kernelName,
            Map<String, Object> parameters, double seconds, List<CellRun> cells, Integer failedCell,
            Map<String, Object> error, boolean injected) {

        public int executed() {
            return (int) cells.stream().filter(c -> !c.status().equals("pending")).count();
        }

        public int failed() {
            return (int) cells.stream().filter(c -> c.status().equals("failed")).count();
        }

        public int succeeded() {
            return (int) cells.stream().filter(c -> c.status().equals("completed")).count();
        }
    }

    private final NotebookStore store;
    private final KernelRegistry kernels;
    private final KernelExecutor executor;

    public NotebookRunner(NotebookStore store, KernelRegistry kernels, KernelExecutor executor) {
        this.store = store;
        this.kernels = kernels;
        this.executor = executor;
    }

    /** Checks what can be checked before a kernel starts, so an async job fails early rather than in the log. */
    public Prepared prepare(Request request) {
        NotebookStore.Loaded input = store.read(request.inputPath());
        String output = request.outputPath() == null || request.outputPath().isBlank()
                ? defaultOutput(input.path()) : store.paths().notebook(request.outputPath());
        ObjectNode notebook = input.notebook().deepCopy();
        String kernelName = request.kernelName() != null && !request.kernelName().isBlank() ? request.kernelName()
                : notebook.path("metadata").path("kernelspec").path("name").asText("");
        Map<String, Object> parameters = request.parameters() == null ? Map.of() : request.parameters();
        boolean injected = false;
        if (!parameters.isEmpty()) {
            String language = notebook.path("metadata").path("kernelspec").path("language")
                    .asText(notebook.path("metadata").path("language_info").path("name").asText("python"));
            if (!language.isBlank() && !language.equalsIgnoreCase("python")) {
                throw new ToolException("parameters can be injected into Python notebooks only; this notebook's "
                        + "language is " + language);
            }
            inject(notebook, PythonParameters.cell(parameters));
            injected = true;
        }
        return new Prepared(input.path(), output, notebook, kernelName, parameters, injected);
    }

    /** A notebook ready to run: parameters injected, output path decided. */
    public record Prepared(String inputPath, String outputPath, ObjectNode notebook, String kernelName,
            Map<String, Object> parameters, boolean injected) {
    }

    public Result run(Prepared prepared, Duration timeout, BooleanSupplier cancelled, Listener listener) {
        ObjectNode notebook = prepared.notebook();
        Instant start = Instant.now();
        String workingDir = parentOf(prepared.inputPath());
        KernelSession kernel = kernels.start(prepared.kernelName(), workingDir);
        List<CellRun> runs = new ArrayList<>();
        Integer failed = null;
        Map<String, Object> error = null;
        String status = "success";
        try {
            ArrayNode cells = Notebooks.cells(notebook);
            List<Integer> code = new ArrayList<>();
            for (int i = 0; i < cells.size(); i++) {
                ObjectNode cell = (ObjectNode) cells.get(i);
                if ("code".equals(cell.path("cell_type").asText())) {
                    code.add(i);
                    cell.set("outputs", JupyterApi.JSON.createArrayNode());
                    cell.putNull("execution_count");
                    papermill(cell).put("status", "pending").putNull("start_time").putNull("end_time")
                            .putNull("duration").put("exception", false);
                }
            }
            long deadline = timeout == null ? Long.MAX_VALUE : System.nanoTime() + timeout.toNanos();
            for (int n = 0; n < code.size(); n++) {
                int index = code.get(n);
                ObjectNode cell = (ObjectNode) cells.get(index);
                if (failed == null && cancelled.getAsBoolean()) {
                    status = "cancelled";
                }
                if (failed != null || status.equals("cancelled")) {
                    runs.add(new CellRun(index, "pending", null, 0, JupyterApi.JSON.createArrayNode()));
                    continue;
                }
                String source = Notebooks.source(cell);
                Instant cellStart = Instant.now();
                KernelExecutor.Outcome outcome;
                if (source.isBlank()) {
                    outcome = new KernelExecutor.Outcome("ok", null, JupyterApi.JSON.createArrayNode(), 0, List.of(), null);
                } else {
                    long left = deadline == Long.MAX_VALUE ? Duration.ofDays(1).toNanos() : deadline - System.nanoTime();
                    Execution execution = executor.submit(kernel, source);
                    listener.started(n + 1, code.size(), index);
                    outcome = executor.await(kernel, execution, Duration.ofNanos(Math.max(left, 1)), cancelled);
                }
                cell.set("outputs", outcome.outputs());
                if (outcome.executionCount() == null) {
                    cell.putNull("execution_count");
                } else {
                    cell.put("execution_count", outcome.executionCount());
                }
                boolean ok = outcome.ok();
                ObjectNode meta = papermill(cell).put("status", ok ? "completed" : "failed")
                        .put("start_time", cellStart.toString()).put("end_time", Instant.now().toString())
                        .put("duration", outcome.seconds()).put("exception", !ok);
                runs.add(new CellRun(index, ok ? "completed" : "failed", outcome.executionCount(), outcome.seconds(),
                        outcome.outputs()));
                if (!ok) {
                    failed = index;
                    status = outcome.status().equals("cancelled") ? "cancelled" : "error";
                    error = describe(outcome, index, timeout);
                    meta.put("status", "failed");
                }
                listener.cell(n + 1, code.size(), index, ok ? "completed" : outcome.status(), textOf(outcome.outputs()));
            }
        } finally {
            stopLater(kernel);
        }
        double seconds = java.time.Duration.between(start, Instant.now()).toMillis() / 1000.0;
        ObjectNode meta = papermill(notebook);
        meta.put("input_path", prepared.inputPath()).put("output_path", prepared.outputPath())
                .put("start_time", start.toString()).put("end_time", Instant.now().toString())
                .put("duration", seconds).put("exception", failed != null);
        meta.set("parameters", JupyterApi.JSON.valueToTree(prepared.parameters()));
        if (failed != null && status.equals("error")) {
            markError(notebook, failed);
            failed = failed + 1; // the banner cell now sits at the top
            if (error != null) {
                error.put("cell_index", failed);
            }
        }
        store.write(prepared.outputPath(), notebook);
        return new Result(status, prepared.inputPath(), prepared.outputPath(), kernel.name(), prepared.parameters(),
                seconds, runs, failed, error, prepared.injected());
    }

    /**
     * The run's kernel is shut down in the background: the server takes a second or more to see it exit, and the
     * caller is waiting for the result, not for that.
     */
    private void stopLater(KernelSession kernel) {
        Thread stopper = new Thread(() -> {
            try {
                kernels.stop(kernel.id());
            } catch (ToolException e) {
                // already gone
            }
        }, "jupyter-kernel-stop");
        stopper.setDaemon(true);
        stopper.start();
    }

    private static void inject(ObjectNode notebook, String source) {
        ArrayNode cells = Notebooks.cells(notebook);
        for (int i = cells.size() - 1; i >= 0; i--) {
            if (Notebooks.hasTag(cells.get(i), "injected-parameters")) {
                cells.remove(i);
            }
        }
        int at = 0;
        for (int i = 0; i < cells.size(); i++) {
            if (Notebooks.hasTag(cells.get(i), "parameters")) {
                at = i + 1;
                break;
            }
        }
        ObjectNode metadata = JupyterApi.JSON.createObjectNode();
        metadata.putArray("tags").add("injected-parameters");
        cells.insert(at, Notebooks.newCell("code", source, metadata, Notebooks.wantsIds(notebook)));
    }

    /** papermill's way of flagging the failure: a banner cell at the top and the failing cell tagged. */
    private static void markError(ObjectNode notebook, int index) {
        ArrayNode cells = Notebooks.cells(notebook);
        ObjectNode failing = (ObjectNode) cells.get(index);
        ArrayNode tags = failing.path("metadata").path("tags").isArray()
                ? (ArrayNode) failing.path("metadata").path("tags") : ((ObjectNode) failing.path("metadata")).putArray("tags");
        tags.add("papermill-error-cell-tag");
        String count = failing.path("execution_count").isInt() ? failing.path("execution_count").asText() : " ";
        ObjectNode metadata = JupyterApi.JSON.createObjectNode();
        metadata.putArray("tags").add("papermill-error-cell-tag");
        cells.insert(0, Notebooks.newCell("markdown", "<span style=\"color:red; font-size:2em;\">An exception was "
                + "raised in cell In [" + count + "] (cell " + (index + 1) + " below); the cells after it did not run."
                + "</span>", metadata, Notebooks.wantsIds(notebook)));
    }

    private static ObjectNode papermill(ObjectNode node) {
        ObjectNode metadata = node.path("metadata").isObject() ? (ObjectNode) node.path("metadata")
                : node.putObject("metadata");
        return metadata.path("papermill").isObject() ? (ObjectNode) metadata.path("papermill")
                : metadata.putObject("papermill");
    }

    private static Map<String, Object> describe(KernelExecutor.Outcome outcome, int index, Duration timeout) {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("cell_index", index);
        if (outcome.status().equals("timeout") || outcome.status().equals("cancelled")) {
            boolean timedOut = outcome.status().equals("timeout");
            error.put("type", timedOut ? "Timeout" : "Cancelled");
            error.put("message", timedOut ? "the run's timeout of " + timeout.toSeconds() + " s was reached in this "
                    + "cell; it was interrupted and the cells after it did not run"
                    : "the run was cancelled while this cell ran; the cells after it did not run");
            error.put("recovery", outcome.recovery());
            return error;
        }
        for (JsonNode out : outcome.outputs()) {
            if ("error".equals(out.path("output_type").asText())) {
                error.put("type", out.path("ename").asText());
                error.put("message", out.path("evalue").asText());
                List<String> tb = new ArrayList<>();
                out.path("traceback").forEach(l -> tb.add(OutputView.stripAnsi(l.asText())));
                error.put("traceback", String.join("\n", tb));
            }
        }
        if (!error.containsKey("type")) {
            error.put("type", outcome.status().equals("timeout") ? "Timeout" : outcome.status());
            error.put("message", outcome.note() == null ? "the cell did not complete" : outcome.note());
        } else if (outcome.note() != null) {
            error.put("note", outcome.note());
        }
        if (!outcome.recovery().isEmpty()) {
            error.put("recovery", outcome.recovery());
        }
        return error;
    }

    private static String textOf(ArrayNode outputs) {
        StringBuilder text = new StringBuilder();
        for (JsonNode out : outputs) {
            if ("stream".equals(out.path("output_type").asText())) {
                text.append(OutputView.stripAnsi(out.path("text").asText()));
            } else if ("error".equals(out.path("output_type").asText())) {
                text.append(out.path("ename").asText()).append(": ").append(out.path("evalue").asText()).append('\n');
            }
        }
        return text.toString();
    }

    static String defaultOutput(String inputPath) {
        return inputPath.substring(0, inputPath.length() - ".ipynb".length()) + "_output.ipynb";
    }

    static String parentOf(String path) {
        int slash = path.lastIndexOf('/');
        return slash < 0 ? "" : path.substring(0, slash);
    }
}
