package dev.mcpbridge.github;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.patch;
import static com.github.tomakehurst.wiremock.client.WireMock.patchRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static dev.mcpbridge.github.GitHubTestSupport.api;
import static dev.mcpbridge.github.GitHubTestSupport.ok;
import static dev.mcpbridge.github.GitHubTestSupport.text;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The actions toolset (reading) and the notifications toolset. */
class ActionsAndNotificationsTest {

    @RegisterExtension
    static final GitHubTestSupport gh = GitHubTestSupport.start(Map.of("GITHUB_CONTENT_WINDOW", "200"));
    private static final String ACTIONS = "/repos/octocat/hello-world/actions";

    private static CallToolResult okCall(String tool, Map<String, Object> args) {
        CallToolResult r = gh.call(tool, args);
        assertThat(r.isError()).as("%s: %s", tool, text(r)).isFalse();
        return r;
    }

    private static JsonNode call(String tool, Map<String, Object> args) {
        return GitHubTestSupport.json(okCall(tool, args));
    }

    private static Map<String, Object> args(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>(Map.of("owner", "octocat", "repo", "hello-world"));
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }

    @Test
    void actionsListMethods() {
        gh.api.stubFor(get(urlPathEqualTo(api(ACTIONS + "/workflows"))).willReturn(ok("workflows.json")));
        gh.api.stubFor(get(urlPathEqualTo(api(ACTIONS + "/workflows/ci.yaml/runs"))).willReturn(ok("runs.json")));
        gh.api.stubFor(get(urlPathEqualTo(api(ACTIONS + "/runs/30433642/jobs"))).willReturn(ok("jobs.json")));
        gh.api.stubFor(get(urlPathEqualTo(api(ACTIONS + "/runs/30433642/artifacts"))).willReturn(ok("artifacts.json")));
        JsonNode wf = call("actions_list", args("method", "list_workflows"));
        assertThat(wf.at("/workflows/0/name").asText()).isEqualTo("CI");
        assertThat(wf.path("total_count").asInt()).isEqualTo(1);
        JsonNode runs = call("actions_list", args("method", "list_workflow_runs", "resource_id", "ci.yaml",
                "workflow_runs_filter", Map.of("branch", "main", "status", "completed")));
        gh.api.verify(getRequestedFor(urlPathEqualTo(api(ACTIONS + "/workflows/ci.yaml/runs")))
                .withQueryParam("branch", equalTo("main")).withQueryParam("status", equalTo("completed"))
                .withQueryParam("actor", absent()));
        assertThat(runs.at("/workflow_runs/0/conclusion").asText()).isEqualTo("failure");
        assertThat(runs.at("/workflow_runs/0/actor").asText()).isEqualTo("octocat");
        JsonNode jobs = call("actions_list", args("method", "list_workflow_jobs", "resource_id", "30433642",
                "workflow_jobs_filter", Map.of("filter", "latest")));
        gh.api.verify(getRequestedFor(urlPathEqualTo(api(ACTIONS + "/runs/30433642/jobs")))
                .withQueryParam("filter", equalTo("latest")));
        assertThat(jobs.at("/jobs/1/steps/1/conclusion").asText()).isEqualTo("failure");
        JsonNode artifacts = call("actions_list", args("method", "list_workflow_run_artifacts", "resource_id",
                "30433642"));
        assertThat(artifacts.at("/artifacts/0/size_in_bytes").asInt()).isEqualTo(556);
        CallToolResult missing = gh.call("actions_list", args("method", "list_workflow_jobs"));
        assertThat(text(missing)).isEqualTo("method list_workflow_jobs needs resource_id (a workflow run ID)");
    }

    @Test
    void actionsGetMethods() {
        gh.api.stubFor(get(urlPathEqualTo(api(ACTIONS + "/workflows/161335"))).willReturn(ok("workflow.json")));
        gh.api.stubFor(get(urlPathEqualTo(api(ACTIONS + "/runs/30433642"))).willReturn(ok("run.json")));
        gh.api.stubFor(get(urlPathEqualTo(api(ACTIONS + "/jobs/399444497"))).willReturn(ok("job.json")));
        gh.api.stubFor(get(urlPathEqualTo(api(ACTIONS + "/runs/30433642/timing"))).willReturn(ok("run-timing.json")));
        gh.api.stubFor(get(urlPathEqualTo(api(ACTIONS + "/artifacts/11/zip"))).willReturn(aResponse().withStatus(302)
                .withHeader("Location", "https://pipelines.actions.githubusercontent.com/artifact/11.zip?sig=abc")));
        gh.api.stubFor(get(urlPathEqualTo(api(ACTIONS + "/runs/30433642/logs"))).willReturn(aResponse().withStatus(302)
                .withHeader("Location", "https://pipelines.actions.githubusercontent.com/logs/30433642.zip?sig=abc")));
        assertThat(call("actions_get", args("method", "get_workflow", "resource_id", "161335")).at("/workflow/path")
                .asText()).isEqualTo(".github/workflows/blank.yaml");
        assertThat(call("actions_get", args("method", "get_workflow_run", "resource_id", "30433642"))
                .at("/workflow_run/display_title").asText()).isEqualTo("Update README.md");
        assertThat(call("actions_get", args("method", "get_workflow_job", "resource_id", "399444497"))
                .at("/workflow_job/name").asText()).isEqualTo("test");
        assertThat(call("actions_get", args("method", "get_workflow_run_usage", "resource_id", "30433642"))
                .at("/usage/run_duration_ms").asInt()).isEqualTo(500000);
        JsonNode artifact = call("actions_get", args("method", "download_workflow_run_artifact", "resource_id", "11"));
        assertThat(artifact.at("/artifact/download_url").asText()).endsWith("/artifact/11.zip?sig=abc");
        JsonNode logs = call("actions_get", args("method", "get_workflow_run_logs_url", "resource_id", "30433642"));
        assertThat(logs.at("/logs/logs_url").asText()).endsWith("/logs/30433642.zip?sig=abc");
    }

    private void stubJobLog(long job, String log) {
        gh.api.stubFor(get(urlPathEqualTo(api(ACTIONS + "/jobs/" + job + "/logs"))).willReturn(aResponse().withStatus(302)
                .withHeader("Location", "http://127.0.0.1:" + gh.api.port() + "/blob/logs/" + job + "?sig=xyz")));
        gh.api.stubFor(get(urlPathEqualTo("/blob/logs/" + job)).willReturn(aResponse()
                .withHeader("Content-Type", "text/plain").withBody(log)));
    }

    @Test
    void getJobLogsTailsTheLinesAndNeverSendsTheTokenToTheLogHost() {
        StringBuilder log = new StringBuilder();
        for (int i = 1; i <= 100; i++) {
            log.append("line ").append(i).append('\n');
        }
        stubJobLog(399444497, log.toString());
        String t = text(okCall("get_job_logs", args("job_id", 399444497, "return_content", true, "tail_lines", 3)));
        assertThat(t).isEqualTo("=== job 399444497: last 3 of 101 lines ===\nline 99\nline 100\n\n");
        gh.api.verify(getRequestedFor(urlPathEqualTo("/blob/logs/399444497")).withHeader("Authorization", absent()));
        JsonNode urls = call("get_job_logs", args("job_id", 399444497));
        assertThat(urls.at("/logs/0/logs_url").asText()).contains("/blob/logs/399444497?sig=xyz");
    }

    @Test
    void getJobLogsOfFailedJobsIsCutAtTheWindowFromTheEnd() {
        gh.api.stubFor(get(urlPathEqualTo(api(ACTIONS + "/runs/30433642/jobs"))).willReturn(ok("jobs.json")));
        stubJobLog(399444497, "x".repeat(500) + "\nERROR: test failed\n");
        String t = text(okCall("get_job_logs", args("run_id", 30433642, "failed_only", true, "return_content", true)));
        assertThat(t).startsWith("[logs cut at the content window: characters ").contains("ERROR: test failed")
                .contains("call again with offset=200 for the part before");
        gh.api.verify(0, getRequestedFor(urlPathEqualTo(api(ACTIONS + "/jobs/399444496/logs"))));
    }

    @Test
    void notifications() {
        gh.api.stubFor(get(urlPathEqualTo(api("/notifications"))).willReturn(ok("notifications.json")));
        gh.api.stubFor(get(urlPathEqualTo(api("/repos/octocat/hello-world/notifications")))
                .willReturn(ok("notifications.json")));
        JsonNode list = call("list_notifications", Map.of("filter", "include_read_notifications", "since",
                "2026-11-01T00:00:00Z"));
        gh.api.verify(getRequestedFor(urlPathEqualTo(api("/notifications"))).withQueryParam("all", equalTo("true"))
                .withQueryParam("participating", absent()).withQueryParam("since", equalTo("2026-11-01T00:00:00Z")));
        assertThat(list.at("/items/0/subject/title").asText()).isEqualTo("Greetings");
        assertThat(list.at("/items/0/repository/full_name").asText()).isEqualTo("octocat/hello-world");
        call("list_notifications", args("filter", "only_participating"));
        gh.api.verify(getRequestedFor(urlPathEqualTo(api("/repos/octocat/hello-world/notifications")))
                .withQueryParam("participating", equalTo("true")));

        gh.api.stubFor(patch(urlPathEqualTo(api("/notifications/threads/1"))).willReturn(aResponse().withStatus(205)));
        gh.api.stubFor(delete(urlPathEqualTo(api("/notifications/threads/1"))).willReturn(aResponse().withStatus(204)));
        call("dismiss_notification", Map.of("threadID", "1", "state", "read"));
        gh.api.verify(patchRequestedFor(urlPathEqualTo(api("/notifications/threads/1"))));
        call("dismiss_notification", Map.of("threadID", "1", "state", "done"));
        gh.api.verify(deleteRequestedFor(urlPathEqualTo(api("/notifications/threads/1"))));

        gh.api.stubFor(put(urlPathEqualTo(api("/notifications"))).willReturn(aResponse().withStatus(202)
                .withBody("{\"message\":\"Unread notifications couldn't be marked in a single request.\"}")));
        JsonNode marked = call("mark_all_notifications_read", Map.of("lastReadAt", "2026-11-20T00:00:00Z"));
        gh.api.verify(putRequestedFor(urlPathEqualTo(api("/notifications")))
                .withRequestBody(equalToJson("{\"last_read_at\":\"2026-11-20T00:00:00Z\"}")));
        assertThat(marked.path("message").asText()).contains("in the background");
    }
}
