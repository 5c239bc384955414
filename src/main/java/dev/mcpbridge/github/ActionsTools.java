package dev.mcpbridge.github;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mcpbridge.core.spi.Arguments;
import dev.mcpbridge.core.spi.TextResult;
import dev.mcpbridge.core.spi.ToolCallContext;
import dev.mcpbridge.core.spi.ToolException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The actions toolset (reading): workflows, runs, jobs, artifacts and job logs. */
public class ActionsTools extends Toolset {

    public ActionsTools(GitHubClient client) {
        super(client);
    }

    private static Map<String, Object> run(JsonNode r) {
        Map<String, Object> m = Shapes.pick(r, "id", "name", "display_title", "status", "conclusion", "event",
                "head_branch", "head_sha", "run_number", "run_attempt", "workflow_id", "created_at", "updated_at",
                "html_url");
        Shapes.putIf(m, "actor", Shapes.login(r.get("actor")));
        return m;
    }

    private static Map<String, Object> job(JsonNode j) {
        Map<String, Object> m = Shapes.pick(j, "id", "run_id", "name", "status", "conclusion", "started_at",
                "completed_at", "html_url", "runner_name");
        List<Object> steps = new ArrayList<>();
        j.path("steps").forEach(s -> steps.add(Shapes.pick(s, "number", "name", "status", "conclusion")));
        m.put("steps", steps);
        return m;
    }

    public TextResult actionsList(Arguments a,
            ToolCallContext ctx) {
        String owner = owner(a);
        String repo = repo(a);
        String method = a.required("method");
        String id = a.str("resource_id");
        int page = pageOf(a);
        int perPage = perPageOf(a, 30);
        ApiPath actions = repoPath(owner, repo).fixed("actions");
        String where = repoName(owner, repo);
        ApiResponse r;
        String key;
        List<Object> items = new ArrayList<>();
        switch (method) {
            case "list_workflows" -> {
                r = client.get(actions.fixed("workflows")).query("page", page).query("per_page", perPage)
                        .send("the workflows of " + where);
                key = "workflows";
                r.json().path("workflows").forEach(w -> items.add(Shapes.pick(w, "id", "name", "path", "state",
                        "html_url", "created_at", "updated_at")));
            }
            case "list_workflow_runs" -> {
                Map<String, Object> f = a.object("workflow_runs_filter");
                ApiPath path = id == null ? actions.fixed("runs")
                        : actions.fixed("workflows").seg("resource_id", id).fixed("runs");
                r = client.get(path).query("actor", f.get("actor")).query("branch", f.get("branch"))
                        .query("event", f.get("event")).query("status", f.get("status")).query("page", page)
                        .query("per_page", perPage).send("the workflow runs of " + where
                                + (id == null ? "" : " for workflow '" + id + "'"));
                key = "workflow_runs";
                r.json().path("workflow_runs").forEach(x -> items.add(run(x)));
            }
            case "list_workflow_jobs" -> {
                String runId = needId(id, method);
                Map<String, Object> f = a.object("workflow_jobs_filter");
                r = client.get(actions.fixed("runs").seg("resource_id", runId).fixed("jobs"))
                        .query("filter", f.get("filter")).query("page", page).query("per_page", perPage)
                        .send("the jobs of workflow run " + runId + " in " + where);
                key = "jobs";
                r.json().path("jobs").forEach(x -> items.add(job(x)));
            }
            case "list_workflow_run_artifacts" -> {
                String runId = needId(id, method);
                r = client.get(actions.fixed("runs").seg("resource_id", runId).fixed("artifacts"))
                        .query("page", page).query("per_page", perPage)
                        .send("the artifacts of workflow run " + runId + " in " + where);
                key = "artifacts";
                r.json().path("artifacts").forEach(x -> {
                    Map<String, Object> m = Shapes.pick(x, "id", "name", "size_in_bytes", "expired", "created_at",
                            "expires_at");
                    m.put("workflow_run", Shapes.pick(x.path("workflow_run"), "id", "head_branch", "head_sha"));
                    items.add(m);
                });
            }
            default -> throw new ToolException("unknown method '" + method + "' (expected list_workflows, "
                    + "list_workflow_runs, list_workflow_jobs or list_workflow_run_artifacts)");
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("method", method);
        out.put("total_count", r.json().path("total_count").asLong());
        out.putAll(Results.page(r, items, page, perPage));
        out.put(key, out.remove("items"));
        return Results.json(out);
    }

    private static String needId(String id, String method) {
        if (id == null) {
            throw new ToolException("method " + method + " needs resource_id (a workflow run ID)");
        }
        return id;
    }

    public TextResult actionsGet(Arguments a,
            ToolCallContext ctx) {
        String owner = owner(a);
        String repo = repo(a);
        String method = a.required("method");
        String id = a.required("resource_id");
        ApiPath actions = repoPath(owner, repo).fixed("actions");
        String where = repoName(owner, repo);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("method", method);
        switch (method) {
            case "get_workflow" -> out.put("workflow", Shapes.pick(client.get(actions.fixed("workflows")
                    .seg("resource_id", id)).json("workflow '" + id + "' of " + where), "id", "name", "path", "state",
                    "html_url", "created_at", "updated_at"));
            case "get_workflow_run" -> out.put("workflow_run", run(client.get(actions.fixed("runs")
                    .seg("resource_id", id)).json("workflow run " + id + " of " + where)));
            case "get_workflow_job" -> out.put("workflow_job", job(client.get(actions.fixed("jobs")
                    .seg("resource_id", id)).json("job " + id + " of " + where)));
            case "get_workflow_run_usage" -> out.put("usage", client.get(actions.fixed("runs").seg("resource_id", id)
                    .fixed("timing")).json("the usage of workflow run " + id + " of " + where));
            case "download_workflow_run_artifact" -> {
                ApiResponse r = client.get(actions.fixed("artifacts").seg("resource_id", id).fixed("zip"))
                        .noRedirects().send("artifact " + id + " of " + where);
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("artifact_id", Long.parseLong(id.matches("\\d+") ? id : "0"));
                m.put("download_url", location(r, "artifact " + id));
                m.put("message", "download URL for the artifact (a zip archive)");
                m.put("note", "the URL is signed and expires after about a minute");
                out.put("artifact", m);
            }
            case "get_workflow_run_logs_url" -> {
                ApiResponse r = client.get(actions.fixed("runs").seg("resource_id", id).fixed("logs")).noRedirects()
                        .send("the logs of workflow run " + id + " of " + where);
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("logs_url", location(r, "the logs of run " + id));
                m.put("message", "download URL for the run's logs (a zip archive)");
                m.put("note", "the URL is signed and expires after about a minute");
                m.put("optimization_tip", "get_job_logs with failed_only and return_content reads the failed jobs' "
                        + "logs as text, cut to tail_lines");
                m.put("warning", "the archive holds every job's logs and can be large");
                out.put("logs", m);
            }
            default -> throw new ToolException("unknown method '" + method + "' (expected get_workflow, "
                    + "get_workflow_run, get_workflow_job, download_workflow_run_artifact, get_workflow_run_usage or "
                    + "get_workflow_run_logs_url)");
        }
        return Results.json(out);
    }

    private static String location(ApiResponse r, String what) {
        String location = r.headers().get("Location");
        if (r.code() / 100 != 3 || location == null) {
            throw new ToolException("GitHub gave no download URL for " + what + " (HTTP " + r.code() + ")");
        }
        return location;
    }

    public TextResult getJobLogs(Arguments a,
            ToolCallContext ctx) {
        String owner = owner(a);
        String repo = repo(a);
        Long jobId = a.integer("job_id");
        Long runId = a.integer("run_id");
        boolean failedOnly = a.bool("failed_only", false);
        boolean content = a.bool("return_content", false);
        long tail = a.integer("tail_lines") == null ? 500 : Math.max(1, a.integer("tail_lines"));
        String where = repoName(owner, repo);
        List<JsonNode> jobs = new ArrayList<>();
        if (failedOnly) {
            if (runId == null) {
                throw new ToolException("failed_only needs run_id");
            }
            JsonNode list = client.get(repoPath(owner, repo).fixed("actions").fixed("runs").seg("run_id", runId)
                    .fixed("jobs")).query("filter", "latest").query("per_page", 100)
                    .json("the jobs of workflow run " + runId + " in " + where);
            list.path("jobs").forEach(j -> {
                String c = j.path("conclusion").asText();
                if (c.equals("failure") || c.equals("timed_out") || c.equals("cancelled")) {
                    jobs.add(j);
                }
            });
            if (jobs.isEmpty()) {
                return Results.json(Map.of("message", "no failed job in workflow run " + runId, "run_id", runId));
            }
        } else if (jobId == null) {
            throw new ToolException("give job_id, or run_id with failed_only=true");
        }
        List<Object> results = new ArrayList<>();
        StringBuilder text = new StringBuilder();
        for (JsonNode job : failedOnly ? jobs : List.<JsonNode>of(GitHubClient.JSON.createObjectNode()
                .put("id", jobId))) {
            long id = job.path("id").asLong();
            ApiResponse r = client.get(repoPath(owner, repo).fixed("actions").fixed("jobs").seg("job_id", id)
                    .fixed("logs")).noRedirects().send("the logs of job " + id + " in " + where);
            String url = location(r, "the logs of job " + id);
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("job_id", id);
            Shapes.putIf(m, "job_name", job.path("name").asText(null));
            if (!content) {
                m.put("logs_url", url);
                results.add(m);
                continue;
            }
            String log = new String(client.download(url, "the logs of job " + id).body(), StandardCharsets.UTF_8);
            String[] lines = log.split("\n", -1);
            int from = (int) Math.max(0, lines.length - tail);
            String kept = SafeText.cleanInvisible(String.join("\n", java.util.Arrays.copyOfRange(lines, from,
                    lines.length)));
            text.append("=== job ").append(id).append(job.hasNonNull("name") ? " (" + job.get("name").asText() + ")" : "")
                    .append(": last ").append(lines.length - from).append(" of ").append(lines.length)
                    .append(" lines ===\n").append(kept).append('\n');
        }
        if (!content) {
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("logs", results);
            out.put("message", "signed log URLs (they expire after a few minutes); set return_content=true to read "
                    + "the logs here");
            return Results.json(out);
        }
        // Logs are read from their end: the window keeps the last characters, and offset reads further back.
        String all = text.toString();
        int window = client.contentWindow();
        long back = offsetOf(a);
        int end = (int) Math.max(0, all.length() - back);
        int start = Math.max(0, end - window);
        String slice = all.substring(start, end);
        if (start > 0 || end < all.length()) {
            slice = "[logs cut at the content window: characters " + start + "-" + end + " of " + all.length()
                    + " shown" + (start > 0 ? "; call again with offset=" + (all.length() - start)
                            + " for the part before, or fewer tail_lines" : "") + "]\n" + slice;
        }
        return Results.text(slice);
    }
}
