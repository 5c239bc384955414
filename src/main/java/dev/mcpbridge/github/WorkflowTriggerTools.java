package dev.mcpbridge.github;

import dev.mcpbridge.core.spi.Arguments;
import dev.mcpbridge.core.spi.TextResult;
import dev.mcpbridge.core.spi.ToolCallContext;
import dev.mcpbridge.core.spi.ToolException;
import java.util.LinkedHashMap;
import java.util.Map;

/** The actions toolset (writing): starting, re-running and cancelling workflow runs. */
public class WorkflowTriggerTools extends Toolset {

    public WorkflowTriggerTools(GitHubClient client) {
        super(client);
    }

    public TextResult actionsRunTrigger(Arguments a, ToolCallContext ctx) {
        requireToken(ctx, "actions_run_trigger");
        String owner = owner(a);
        String repo = repo(a);
        String method = a.required("method");
        ApiPath actions = repoPath(owner, repo).fixed("actions");
        String where = repoName(owner, repo);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("method", method);
        if (method.equals("run_workflow")) {
            String workflow = a.str("workflow_id");
            String ref = a.str("ref");
            if (workflow == null || ref == null) {
                throw new ToolException("run_workflow needs workflow_id (an ID or a file name such as ci.yaml) and ref "
                        + "(the branch or tag to run it on)");
            }
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("ref", ref);
            body.put("inputs", a.object("inputs") == null ? Map.of() : a.object("inputs"));
            client.post(actions.fixed("workflows").seg("workflow_id", workflow).fixed("dispatches")).body(body)
                    .send("a run of workflow '" + workflow + "' of " + where);
            out.put("workflow_id", workflow);
            out.put("ref", ref);
            out.put("message", "workflow run requested");
            return Results.json(out);
        }
        Long runId = a.integer("run_id");
        if (runId == null) {
            throw new ToolException(method + " needs run_id (a workflow run ID; actions_list list_workflow_runs "
                    + "lists them)");
        }
        ApiPath run = actions.fixed("runs").seg("run_id", runId);
        String what = "workflow run " + runId + " of " + where;
        switch (method) {
            case "rerun_workflow_run" -> client.post(run.fixed("rerun")).send(what);
            case "rerun_failed_jobs" -> client.post(run.fixed("rerun-failed-jobs")).send(what);
            case "cancel_workflow_run" -> client.post(run.fixed("cancel")).send(what);
            case "delete_workflow_run_logs" -> client.delete(run.fixed("logs")).send("the logs of " + what);
            default -> throw new ToolException("unknown method '" + method + "' (expected run_workflow, "
                    + "rerun_workflow_run, rerun_failed_jobs, cancel_workflow_run or delete_workflow_run_logs)");
        }
        out.put("run_id", runId);
        out.put("message", switch (method) {
            case "rerun_workflow_run" -> "workflow run restarted";
            case "rerun_failed_jobs" -> "failed jobs restarted";
            case "cancel_workflow_run" -> "workflow run cancellation requested";
            default -> "workflow run logs deleted";
        });
        return Results.json(out);
    }
}
