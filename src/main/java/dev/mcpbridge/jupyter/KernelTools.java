package dev.mcpbridge.jupyter;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.mcpbridge.core.spi.ToolCallContext;
import dev.mcpbridge.core.spi.ToolException;
import dev.mcpbridge.core.spi.ToolResult;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The kernel tools: start, stop, interrupt, restart and list kernels; run code and notebook cells on them. */
public final class KernelTools {

    public record ManageArgs(String action, String kernelName, String kernelId, String workingDir) {
    }

    public record ExecuteArgs(String kernelId, String mode, String code, String path, Integer cellIndex,
            Integer timeout) {
    }

    public record StreamArgs(String kernelId, String code, Integer timeout) {
    }

    public record PollArgs(String executionId, Boolean cleanup) {
    }

    public record KernelArgs(String kernelId) {
    }

    public record CellArgs(String path, Integer cellIndex, String kernelId) {
    }

    private final JupyterServers servers;
    private final OutputView view;

    public KernelTools(JupyterServers servers) {
        this.servers = servers;
        this.view = OutputView.of(servers.settings());
    }

    private JupyterServers.Connection connection() {
        return servers.connection();
    }

    public Map<String, Object> listKernels() {
        JupyterServers.Connection c = connection();
        JsonNode specs = c.api().kernelSpecs();
        List<Map<String, Object>> available = new ArrayList<>();
        specs.path("kernelspecs").fields().forEachRemaining(e -> {
            Map<String, Object> k = new LinkedHashMap<>();
            k.put("name", e.getKey());
            k.put("display_name", e.getValue().path("spec").path("display_name").asText(e.getKey()));
            k.put("language", e.getValue().path("spec").path("language").asText(""));
            available.add(k);
        });
        List<Map<String, Object>> active = new ArrayList<>();
        for (JsonNode model : c.kernels().running()) {
            active.add(kernelInfo(c, model));
        }
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("available_kernels", available);
        result.put("active_kernels", active);
        result.put("default_kernel", specs.path("default").asText(""));
        result.put("total_available", available.size());
        result.put("total_active", active.size());
        result.put("success", true);
        return result;
    }

    public Map<String, Object> manageKernel(ManageArgs a) {
        String action = a.action() == null ? "" : a.action();
        KernelRegistry kernels = connection().kernels();
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("action", action);
        String now = Instant.now().toString();
        switch (action) {
            case "start" -> {
                String dir = a.workingDir() == null || a.workingDir().isBlank() ? ""
                        : connection().store().paths().resolve(a.workingDir());
                if (!dir.isEmpty()) {
                    JsonNode model = connection().api().contents(dir, false);
                    if (model == null || !"directory".equals(model.path("type").asText())) {
                        throw new ToolException("working_dir '" + a.workingDir() + "' is not a directory");
                    }
                }
                KernelSession k = kernels.start(a.kernelName(), dir);
                result.put("kernel_id", k.id());
                result.put("kernel_name", k.name());
                result.put("status", "started");
                result.put("working_dir", dir.isEmpty() ? "." : dir);
                result.put("started_at", k.startedAt().toString());
            }
            case "stop" -> {
                String id = required(a.kernelId(), "kernel_id", action);
                kernels.stop(id);
                result.put("kernel_id", id);
                result.put("status", "stopped");
                result.put("stopped_at", now);
            }
            case "interrupt" -> {
                String id = required(a.kernelId(), "kernel_id", action);
                kernels.interrupt(id);
                result.put("kernel_id", id);
                result.put("status", "interrupted");
                result.put("interrupted_at", now);
            }
            case "restart" -> {
                String id = required(a.kernelId(), "kernel_id", action);
                kernels.restart(id);
                result.put("kernel_id", id);
                result.put("old_kernel_id", id);
                result.put("kernel_name", kernels.get(id).name());
                result.put("status", "restarted");
                result.put("message", "the kernel was restarted in place (same id); its variables are gone");
                result.put("restarted_at", now);
            }
            default -> throw new ToolException("action '" + action + "' is not one of start, stop, interrupt, restart");
        }
        result.put("success", true);
        return result;
    }

    public ToolResult executeOnKernel(ExecuteArgs a, ToolCallContext ctx) {
        return Replies.result(execute(a, ctx));
    }

    public ToolResult executeNotebookCell(CellArgs a, ToolCallContext ctx) {
        return Replies.result(executeCell(a, ctx));
    }

    public ToolResult streamOutputs(PollArgs a) {
        return Replies.result(poll(a));
    }

    Reply execute(ExecuteArgs a, ToolCallContext ctx) {
        String mode = a.mode() == null ? "" : a.mode();
        KernelSession kernel = connection().kernels().get(a.kernelId());
        Duration timeout = timeout(a.timeout(), servers.settings().executeTimeout());
        switch (mode) {
            case "code" -> {
                String code = required(a.code(), "code", "mode=code");
                Reply reply = shaped(connection().executor().run(kernel, code, timeout, ctx::cancelled), kernel);
                reply.data().put("mode", "code");
                return reply;
            }
            case "notebook_cell" -> {
                if (a.cellIndex() == null) {
                    throw new ToolException("cell_index is required for mode=notebook_cell");
                }
                Reply reply = cell(required(a.path(), "path", "mode=notebook_cell"), a.cellIndex(), kernel, timeout, ctx);
                reply.data().put("mode", "notebook_cell");
                return reply;
            }
            case "notebook" -> {
                return notebook(required(a.path(), "path", "mode=notebook"), kernel, timeout, ctx);
            }
            default -> throw new ToolException("mode '" + mode + "' is not one of code, notebook, notebook_cell");
        }
    }

    Reply executeCell(CellArgs a, ToolCallContext ctx) {
        KernelSession kernel = connection().kernels().get(a.kernelId());
        if (a.cellIndex() == null) {
            throw new ToolException("cell_index is required");
        }
        return cell(a.path(), a.cellIndex(), kernel, timeout(null, servers.settings().executeTimeout()), ctx);
    }

    public Map<String, Object> streamExecute(StreamArgs a) {
        KernelSession kernel = connection().kernels().get(a.kernelId());
        String code = required(a.code(), "code", "stream_execute");
        StreamingExecutions.Stream stream = connection().streams().start(kernel, code,
                timeout(a.timeout(), servers.settings().streamTimeout()));
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("execution_id", stream.id());
        result.put("kernel_id", kernel.id());
        result.put("status", "running");
        result.put("message", "execution started; poll with stream_outputs(execution_id)");
        return result;
    }

    Reply poll(PollArgs a) {
        StreamingExecutions streams = connection().streams();
        StreamingExecutions.Stream stream = streams.get(a.executionId());
        KernelExecutor.Outcome outcome = stream.outcome().getNow(null);
        Execution execution = stream.execution();
        ArrayNode outputs = outcome == null ? execution.outputs() : outcome.outputs();
        OutputView.Shaped shaped = view.shape(outputs);
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("execution_id", stream.id());
        data.put("kernel_id", stream.kernel().id());
        data.put("status", outcome == null ? "running" : outcome.status());
        data.put("outputs", shaped.outputs());
        data.put("text_output", shaped.text());
        data.put("started_at", execution.startedAt().toString());
        data.put("completed_at", outcome == null || execution.completedAt() == null ? null
                : execution.completedAt().toString());
        data.put("execution_time", outcome == null ? null : outcome.seconds());
        if (outcome != null) {
            data.put("execution_count", outcome.executionCount());
            addRecovery(data, outcome);
        }
        if (!shaped.notices().isEmpty()) {
            data.put("notices", shaped.notices());
        }
        if (Boolean.TRUE.equals(a.cleanup()) && outcome != null) {
            data.put("cleaned_up", streams.remove(stream.id()));
        }
        return new Reply(data, shaped.images(), false);
    }

    public Map<String, Object> getKernelStatus(KernelArgs a) {
        String id = required(a.kernelId(), "kernel_id", "get_kernel_status");
        JupyterServers.Connection c = connection();
        JsonNode model = c.kernels().model(id);
        if (model == null) {
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("kernel_id", id);
            result.put("status", "not_found");
            result.put("exists", false);
            return result;
        }
        Map<String, Object> result = kernelInfo(c, model);
        result.put("status", "active");
        result.put("exists", true);
        return result;
    }

    public Map<String, Object> cleanupAllKernels() {
        JupyterServers.Connection c = connection();
        List<String> ids = new ArrayList<>();
        c.kernels().known().forEach(k -> ids.add(k.id()));
        if (!servers.settings().external()) {
            // Every kernel on a server the bridge started is the bridge's.
            c.kernels().running().forEach(m -> {
                if (!ids.contains(m.path("id").asText())) {
                    ids.add(m.path("id").asText());
                }
            });
        }
        List<Map<String, Object>> results = new ArrayList<>();
        int stopped = 0;
        for (String id : ids) {
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("kernel_id", id);
            try {
                c.kernels().stop(id);
                r.put("status", "stopped");
                stopped++;
            } catch (ToolException e) {
                r.put("status", "failed");
                r.put("error", e.getMessage());
            }
            results.add(r);
        }
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("total_kernels", ids.size());
        result.put("successful_cleanups", stopped);
        result.put("failed_cleanups", ids.size() - stopped);
        result.put("results", results);
        result.put("success", stopped == ids.size());
        return result;
    }

    private Reply cell(String path, int cellIndex, KernelSession kernel, Duration timeout, ToolCallContext ctx) {
        NotebookStore.Loaded nb = connection().store().read(path);
        ArrayNode cells = Notebooks.cells(nb.notebook());
        int index = Notebooks.checkIndex("cell_index", cellIndex, cells.size());
        JsonNode cell = cells.get(index);
        if (!"code".equals(cell.path("cell_type").asText())) {
            throw new ToolException("cell " + index + " is a " + cell.path("cell_type").asText()
                    + " cell; only code cells run");
        }
        String source = Notebooks.source(cell);
        Reply reply = shaped(connection().executor().run(kernel, source, timeout, ctx::cancelled), kernel);
        reply.data().put("notebook_path", nb.path());
        reply.data().put("cell_index", index);
        return reply;
    }

    private Reply notebook(String path, KernelSession kernel, Duration timeout, ToolCallContext ctx) {
        NotebookStore.Loaded nb = connection().store().read(path);
        ArrayNode cells = Notebooks.cells(nb.notebook());
        List<Integer> code = new ArrayList<>();
        for (int i = 0; i < cells.size(); i++) {
            if ("code".equals(cells.get(i).path("cell_type").asText())) {
                code.add(i);
            }
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        List<Map<String, Object>> results = new ArrayList<>();
        List<OutputView.Image> images = new ArrayList<>();
        int ok = 0;
        int errors = 0;
        double total = 0;
        for (int n = 0; n < code.size(); n++) {
            int index = code.get(n);
            String source = Notebooks.source(cells.get(index));
            if (source.isBlank()) {
                continue;
            }
            Duration left = Duration.ofNanos(Math.max(1, deadline - System.nanoTime()));
            KernelExecutor.Outcome outcome = connection().executor().run(kernel, source, left, ctx::cancelled);
            ctx.progress(n + 1, (double) code.size(), "cell " + index + ": " + outcome.status());
            Reply one = shaped(outcome, kernel);
            one.data().remove("kernel_id");
            one.data().put("cell_index", index);
            results.add(one.data());
            images.addAll(one.images());
            total += outcome.seconds();
            if (outcome.ok()) {
                ok++;
            } else {
                errors++;
                break;
            }
        }
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("kernel_id", kernel.id());
        data.put("mode", "notebook");
        data.put("notebook_path", nb.path());
        data.put("total_cells", code.size());
        data.put("executed_cells", results.size());
        data.put("successful_cells", ok);
        data.put("error_cells", errors);
        data.put("total_execution_time", total);
        data.put("results", results);
        data.put("success", errors == 0);
        if (errors > 0) {
            data.put("message", "stopped at the first cell that failed; the cells after it did not run");
        }
        return new Reply(data, images.subList(0, Math.min(images.size(), (int) servers.settings().maxImages())),
                errors > 0);
    }

    private Reply shaped(KernelExecutor.Outcome outcome, KernelSession kernel) {
        OutputView.Shaped shaped = view.shape(outcome.outputs());
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("kernel_id", kernel.id());
        data.put("status", outcome.status());
        data.put("execution_count", outcome.executionCount());
        data.put("outputs", shaped.outputs());
        data.put("text_output", shaped.text());
        for (Map<String, Object> out : shaped.outputs()) {
            if ("error".equals(out.get("output_type"))) {
                Map<String, Object> error = new LinkedHashMap<>();
                error.put("ename", out.get("ename"));
                error.put("evalue", out.get("evalue"));
                error.put("traceback", out.get("traceback"));
                data.put("error", error);
            }
        }
        data.put("execution_time", outcome.seconds());
        addRecovery(data, outcome);
        if (!shaped.notices().isEmpty()) {
            data.put("notices", shaped.notices());
        }
        data.put("success", outcome.ok());
        return new Reply(data, shaped.images(), !outcome.ok());
    }

    private static void addRecovery(Map<String, Object> data, KernelExecutor.Outcome outcome) {
        if (!outcome.recovery().isEmpty()) {
            data.put("recovery", outcome.recovery());
        }
        if (outcome.note() != null) {
            data.put("message", outcome.note());
        }
    }

    private Map<String, Object> kernelInfo(JupyterServers.Connection c, JsonNode model) {
        Map<String, Object> k = new LinkedHashMap<>();
        String id = model.path("id").asText();
        k.put("kernel_id", id);
        k.put("kernel_name", model.path("name").asText());
        k.put("execution_state", model.path("execution_state").asText("unknown"));
        k.put("connections", model.path("connections").asInt(0));
        k.put("last_activity", model.path("last_activity").asText(null));
        KernelSession known = c.kernels().knownOrNull(id);
        k.put("started_by_bridge", known != null && known.startedByBridge());
        if (known != null && known.workingDir() != null) {
            k.put("working_dir", known.workingDir().isEmpty() ? "." : known.workingDir());
        }
        if (known != null && known.startedAt() != null) {
            k.put("started_at", known.startedAt().toString());
        }
        return k;
    }

    /** A timeout in seconds from the call, else the default, at most the maximum; 0 or less is refused. */
    Duration timeout(Integer requested, long fallback) {
        long max = servers.settings().maxTimeout();
        long seconds = requested == null ? fallback : requested;
        if (seconds <= 0) {
            throw new ToolException("timeout must be a positive number of seconds, not " + seconds);
        }
        return Duration.ofSeconds(Math.min(seconds, max));
    }

    static String required(String value, String name, String forWhat) {
        if (value == null || value.isBlank()) {
            throw new ToolException(name + " is required for " + forWhat);
        }
        return value;
    }
}
