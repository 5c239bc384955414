package dev.mcpbridge.jupyter;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mcpbridge.core.spi.ToolCallContext;
import dev.mcpbridge.core.spi.ToolException;
import dev.mcpbridge.core.spi.ToolResult;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Whole-notebook runs (papermill's contract), their background jobs, and the server's status and lifecycle. */
public final class RunTools {

    public record ExecuteNotebookArgs(String inputPath, String outputPath, Map<String, Object> parameters, String mode,
            String kernelName, Integer timeout, Boolean logOutput, Boolean progressBar, String reportMode) {
    }

    public record JobArgs(String action, String jobId, Boolean includeLogs, Integer logTail, String filterStatus,
            Integer cleanupOlderThan) {
    }

    public record StartServerArgs(String envPath) {
    }

    private final JupyterServers servers;
    private final OutputView view;

    public RunTools(JupyterServers servers) {
        this.servers = servers;
        this.view = OutputView.of(servers.settings());
    }

    public ToolResult executeNotebook(ExecuteNotebookArgs a, ToolCallContext ctx) {
        return Replies.result(run(a, ctx));
    }

    Reply run(ExecuteNotebookArgs a, ToolCallContext ctx) {
        String mode = a.mode() == null || a.mode().isBlank() ? "sync" : a.mode();
        String report = a.reportMode() == null || a.reportMode().isBlank() ? "summary" : a.reportMode();
        if (!List.of("sync", "async").contains(mode)) {
            throw new ToolException("mode '" + mode + "' is not one of sync, async");
        }
        if (!List.of("full", "summary", "minimal").contains(report)) {
            throw new ToolException("report_mode '" + report + "' is not one of full, summary, minimal");
        }
        if (a.inputPath() == null || a.inputPath().isBlank()) {
            throw new ToolException("input_path is required");
        }
        if (a.timeout() != null && a.timeout() <= 0) {
            throw new ToolException("timeout must be a positive number of seconds, not " + a.timeout());
        }
        Duration timeout = Duration.ofSeconds(a.timeout() == null ? servers.settings().maxTimeout()
                : Math.min(a.timeout(), servers.settings().maxTimeout()));
        boolean logOutput = a.logOutput() == null || a.logOutput();
        JupyterServers.Connection c = servers.connection();
        NotebookRunner.Prepared prepared = c.runner().prepare(new NotebookRunner.Request(a.inputPath(), a.outputPath(),
                a.parameters(), a.kernelName(), timeout));
        if (mode.equals("async")) {
            NotebookJobs.Job job = c.jobs().submit(prepared, timeout, logOutput);
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("status", "submitted");
            data.put("mode", "async");
            data.put("job_id", job.id());
            data.put("input_path", prepared.inputPath());
            data.put("output_path", prepared.outputPath());
            data.put("parameters_injected", prepared.parameters());
            data.put("kernel_name", prepared.kernelName().isEmpty() ? "default" : prepared.kernelName());
            data.put("submitted_at", Instant.now().toString());
            data.put("timeout_seconds", timeout.toSeconds());
            data.put("message", "job submitted; follow it with manage_async_job(action='status', job_id='" + job.id()
                    + "')");
            return new Reply(data, List.of(), false);
        }
        NotebookRunner.Result result = c.runner().run(prepared, timeout, ctx::cancelled,
                (position, total, index, status, text) -> {
                    ctx.progress(position, (double) total, "cell " + index + ": " + status);
                    if (logOutput && !text.isBlank()) {
                        ctx.log("info", "cell " + index + ": " + text);
                    }
                });
        return report(result, report);
    }

    private Reply report(NotebookRunner.Result r, String reportMode) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("status", r.status());
        data.put("mode", "sync");
        data.put("input_path", r.inputPath());
        data.put("output_path", r.outputPath());
        data.put("execution_time", r.seconds());
        data.put("cells_executed", r.executed());
        data.put("cells_succeeded", r.succeeded());
        data.put("cells_failed", r.failed());
        data.put("parameters_injected", r.parameters());
        data.put("kernel_name", r.kernelName());
        List<OutputView.Image> images = new ArrayList<>();
        if (!reportMode.equals("minimal")) {
            Map<String, Object> report = new LinkedHashMap<>();
            report.put("code_cells", r.cells().size());
            report.put("parameters_cell_injected", r.injected());
            List<Map<String, Object>> cells = new ArrayList<>();
            for (NotebookRunner.CellRun cell : r.cells()) {
                if (reportMode.equals("summary") && !cell.status().equals("failed")) {
                    continue;
                }
                Map<String, Object> c = new LinkedHashMap<>();
                c.put("index", cell.index());
                c.put("status", cell.status());
                c.put("execution_count", cell.executionCount());
                c.put("execution_time", cell.seconds());
                if (reportMode.equals("full")) {
                    OutputView.Shaped shaped = view.shape(cell.outputs());
                    c.put("outputs", shaped.outputs());
                    images.addAll(shaped.images());
                }
                cells.add(c);
            }
            report.put(reportMode.equals("full") ? "cells" : "failed_cells", cells);
            data.put("report", report);
        }
        if (r.error() != null) {
            data.put("error", r.error());
        }
        return new Reply(data, images.subList(0, Math.min(images.size(), (int) servers.settings().maxImages())),
                !r.status().equals("success"));
    }

    public Map<String, Object> manageAsyncJob(JobArgs a) {
        NotebookJobs jobs = servers.connection().jobs();
        String action = a.action() == null ? "" : a.action();
        return switch (action) {
            case "status" -> {
                Map<String, Object> s = new LinkedHashMap<>();
                s.put("action", "status");
                s.putAll(jobs.status(a.jobId(), Boolean.TRUE.equals(a.includeLogs()), a.logTail()));
                yield s;
            }
            case "logs" -> jobs.logs(a.jobId(), a.logTail());
            case "cancel" -> jobs.cancel(a.jobId());
            case "list" -> jobs.list(a.filterStatus());
            case "cleanup" -> {
                if (a.cleanupOlderThan() != null && a.cleanupOlderThan() < 0) {
                    throw new ToolException("cleanup_older_than must be 0 or more hours");
                }
                yield jobs.cleanup(a.cleanupOlderThan());
            }
            default -> throw new ToolException("action '" + action + "' is not one of status, logs, cancel, list, cleanup");
        };
    }

    public Map<String, Object> getExecutionStatus() {
        JupyterServers.Connection c = servers.connection();
        List<Map<String, Object>> kernels = new ArrayList<>();
        for (JsonNode k : c.kernels().running()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("kernel_id", k.path("id").asText());
            m.put("kernel_name", k.path("name").asText());
            m.put("execution_state", k.path("execution_state").asText("unknown"));
            kernels.add(m);
        }
        Map<String, Object> jobs = c.jobs().list(null);
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("status", "active");
        result.put("timestamp", Instant.now().toString());
        result.put("kernel_count", kernels.size());
        result.put("kernels", kernels);
        result.put("jobs", Map.of("total", jobs.get("total"), "running", ((List<?>) jobs.get("jobs")).stream()
                .filter(j -> "running".equals(((Map<?, ?>) j).get("status"))).count()));
        result.put("server", servers.status());
        result.put("success", true);
        return result;
    }

    public Map<String, Object> systemInfo() {
        Map<String, Object> result = new LinkedHashMap<>();
        Map<String, Object> jvm = new LinkedHashMap<>();
        jvm.put("java_version", System.getProperty("java.version"));
        jvm.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version"));
        jvm.put("arch", System.getProperty("os.arch"));
        jvm.put("processors", Runtime.getRuntime().availableProcessors());
        result.put("bridge", jvm);
        JupyterServers.Connection c = servers.connection();
        Map<String, Object> jupyter = new LinkedHashMap<>(servers.status());
        jupyter.put("version", c.api().version());
        JsonNode specs = c.api().kernelSpecs();
        List<String> names = new ArrayList<>();
        specs.path("kernelspecs").fieldNames().forEachRemaining(names::add);
        jupyter.put("kernelspecs", names);
        jupyter.put("default_kernel", specs.path("default").asText(""));
        jupyter.put("active_kernels", c.kernels().running().size());
        result.put("jupyter", jupyter);
        result.put("success", true);
        return result;
    }

    public Map<String, Object> startJupyterServer(StartServerArgs a) {
        Map<String, Object> result = servers.settings().external() ? existing() : servers.startManaged();
        if (a != null && a.envPath() != null && !a.envPath().isBlank()) {
            result.put("note", "env_path is ignored: the interpreter that runs the server is the operator's setting "
                    + "(JUPYTER_PYTHON), not a tool argument");
        }
        result.put("success", true);
        return result;
    }

    private Map<String, Object> existing() {
        Map<String, Object> result = new LinkedHashMap<>(servers.status());
        result.put("version", servers.connection().api().version());
        result.put("status", "existing_server");
        result.put("message", "the bridge uses the existing Jupyter server at " + servers.settings().serverUrl()
                + "; there is nothing to start");
        return result;
    }

    public Map<String, Object> stopJupyterServer() {
        Map<String, Object> result = servers.stopManaged();
        result.put("success", true);
        return result;
    }

    public Map<String, Object> debugListRuntimeDir() {
        Map<String, Object> result = new LinkedHashMap<>(servers.status());
        if (servers.settings().external() || servers.managedRunning()) {
            JupyterServers.Connection c = servers.connection();
            List<Map<String, Object>> kernels = new ArrayList<>();
            for (KernelSession k : c.kernels().known()) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("kernel_id", k.id());
                m.put("kernel_name", k.name());
                m.put("started_by_bridge", k.startedByBridge());
                m.put("channel_state", k.channel().lastState());
                kernels.add(m);
            }
            result.put("bridge_kernels", kernels);
        }
        result.put("success", true);
        return result;
    }
}
