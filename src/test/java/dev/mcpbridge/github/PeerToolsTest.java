package dev.mcpbridge.github;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.patch;
import static com.github.tomakehurst.wiremock.client.WireMock.patchRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static dev.mcpbridge.github.GitHubTestSupport.api;
import static dev.mcpbridge.github.GitHubTestSupport.json;
import static dev.mcpbridge.github.GitHubTestSupport.ok;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The tools of github-mcp-server v1.10 added for parity: collaborators, labels, review-comment replies, Copilot and
 * workflow triggers. Each tool's GitHub errors (404, 401, rate limit, 422) are covered by {@link ErrorPathsTest}.
 */
class PeerToolsTest {

    @RegisterExtension
    static final GitHubTestSupport gh = GitHubTestSupport.start();
    private static final String R = "/repos/octocat/hello-world";
    private static final String LABEL = "{\"id\":208045946,\"node_id\":\"MDU6TGFiZWwyMDgwNDU5NDY=\",\"url\":"
            + "\"https://api.github.com/repos/octocat/hello-world/labels/bug\",\"name\":\"bug\",\"description\":"
            + "\"Something isn't working\",\"color\":\"f29513\",\"default\":true}";

    private static Map<String, Object> args(Object... kv) {
        return GitHubTestSupport.repoArgs(kv);
    }

    private static JsonNode call(String tool, Map<String, Object> args) {
        return gh.succeeds(tool, args);
    }

    private static String refused(String tool, Map<String, Object> args) {
        return gh.fails(tool, args);
    }

    @Test
    void listRepositoryCollaboratorsWithRoleAndPermissions() {
        gh.api.stubFor(get(urlPathEqualTo(api(R + "/collaborators"))).willReturn(json(200, "[{\"login\":\"octocat\","
                + "\"id\":1,\"html_url\":\"https://github.com/octocat\",\"type\":\"User\",\"role_name\":\"admin\","
                + "\"permissions\":{\"admin\":true,\"maintain\":true,\"push\":true,\"triage\":true,\"pull\":true}}]")));
        JsonNode j = call("list_repository_collaborators", args("affiliation", "direct", "perPage", 10));
        gh.api.verify(getRequestedFor(urlPathEqualTo(api(R + "/collaborators")))
                .withQueryParam("affiliation", equalTo("direct")).withQueryParam("per_page", equalTo("10")));
        assertThat(j.at("/items/0/login").asText()).isEqualTo("octocat");
        assertThat(j.at("/items/0/role_name").asText()).isEqualTo("admin");
        assertThat(j.at("/items/0/permissions/push").asBoolean()).isTrue();
    }

    @Test
    void getLabelAndListLabels() {
        gh.api.stubFor(get(urlPathEqualTo(api(R + "/labels/good%20first%20issue"))).willReturn(json(200, LABEL)));
        assertThat(call("get_label", args("name", "good first issue")).path("color").asText()).isEqualTo("f29513");
        gh.api.stubFor(get(urlPathEqualTo(api(R + "/labels"))).willReturn(json(200, "[" + LABEL + "]")));
        JsonNode list = call("list_label", args());
        gh.api.verify(getRequestedFor(urlPathEqualTo(api(R + "/labels"))).withQueryParam("per_page", equalTo("100")));
        assertThat(list.at("/items/0/name").asText()).isEqualTo("bug");
        assertThat(list.at("/items/0").has("url")).isFalse();
    }

    @Test
    void labelWriteCreatesUpdatesAndDeletes() {
        gh.api.stubFor(post(urlPathEqualTo(api(R + "/labels"))).willReturn(json(201, LABEL)));
        call("label_write", args("method", "create", "name", "bug", "color", "f29513", "description", "Broken"));
        gh.api.verify(postRequestedFor(urlPathEqualTo(api(R + "/labels"))).withRequestBody(equalToJson(
                "{\"name\":\"bug\",\"color\":\"f29513\",\"description\":\"Broken\"}")));

        gh.api.stubFor(patch(urlPathEqualTo(api(R + "/labels/bug"))).willReturn(json(200, LABEL)));
        call("label_write", args("method", "update", "name", "bug", "new_name", "defect"));
        gh.api.verify(patchRequestedFor(urlPathEqualTo(api(R + "/labels/bug")))
                .withRequestBody(equalToJson("{\"new_name\":\"defect\"}")));

        gh.api.stubFor(delete(urlPathEqualTo(api(R + "/labels/bug"))).willReturn(aResponse().withStatus(204)));
        assertThat(call("label_write", args("method", "delete", "name", "bug")).path("message").asText())
                .isEqualTo("label deleted");
        gh.api.verify(deleteRequestedFor(urlPathEqualTo(api(R + "/labels/bug"))));
    }

    @Test
    void labelWriteRefusesWhatGitHubWouldRefuseBeforeAsking() {
        assertThat(refused("label_write", args("method", "create", "name", "bug"))).contains("needs a color");
        assertThat(refused("label_write", args("method", "create", "name", "bug", "color", "#f29513")))
                .contains("6 hex digits without '#'");
        assertThat(refused("label_write", args("method", "update", "name", "bug"))).contains("needs new_name");
        assertThat(refused("label_write", args("method", "rename", "name", "bug"))).contains("method");
        assertThat(gh.requests()).isEmpty();
    }

    @Test
    void replyAndReactToAReviewComment() {
        gh.api.stubFor(post(urlPathEqualTo(api(R + "/pulls/1347/comments/10/replies"))).willReturn(json(201,
                "{\"id\":11,\"body\":\"Done\",\"user\":{\"login\":\"octocat\"},\"in_reply_to_id\":10}")));
        gh.api.stubFor(post(urlPathEqualTo(api(R + "/pulls/comments/10/reactions"))).willReturn(ok("reaction.json")));
        JsonNode j = call("add_reply_to_pull_request_comment", args("pullNumber", 1347, "commentId", 10, "body", "Done",
                "reaction", "+1"));
        gh.api.verify(postRequestedFor(urlPathEqualTo(api(R + "/pulls/1347/comments/10/replies")))
                .withRequestBody(equalToJson("{\"body\":\"Done\"}")));
        gh.api.verify(postRequestedFor(urlPathEqualTo(api(R + "/pulls/comments/10/reactions")))
                .withRequestBody(equalToJson("{\"content\":\"+1\"}")));
        assertThat(j.path("id").asLong()).isEqualTo(11);
        assertThat(j.has("reaction")).isTrue();
    }

    @Test
    void aReplyNeedsItsPullRequestAndSomethingToSay() {
        assertThat(refused("add_reply_to_pull_request_comment", args("commentId", 10)))
                .contains("needs a body or a reaction");
        assertThat(refused("add_reply_to_pull_request_comment", args("commentId", 10, "body", "Done")))
                .contains("needs pullNumber");
        assertThat(gh.requests()).isEmpty();
    }

    @Test
    void assignCopilotToAnIssueNamesTheCodingAgent() {
        gh.api.stubFor(post(urlPathEqualTo(api(R + "/issues/1347/assignees"))).willReturn(json(201,
                "{\"number\":1347,\"title\":\"Found a bug\",\"state\":\"open\",\"assignees\":[{\"login\":"
                        + "\"copilot-swe-agent[bot]\",\"type\":\"Bot\"}],\"labels\":[]}")));
        JsonNode j = call("assign_copilot_to_issue", args("issue_number", 1347, "base_ref", "develop",
                "custom_instructions", "Add a test"));
        gh.api.verify(postRequestedFor(urlPathEqualTo(api(R + "/issues/1347/assignees"))).withRequestBody(equalToJson(
                "{\"assignees\":[\"copilot-swe-agent[bot]\"],\"agent_assignment\":{\"target_repo\":"
                        + "\"octocat/hello-world\",\"base_branch\":\"develop\",\"custom_instructions\":\"Add a test\"}}")));
        assertThat(j.at("/issue/assignees/0").asText()).isEqualTo("copilot-swe-agent[bot]");
    }

    @Test
    void assigningCopilotWhereItIsNotEnabledSaysSo() {
        // GitHub drops an assignee it cannot assign and answers 201 anyway.
        gh.api.stubFor(post(urlPathEqualTo(api(R + "/issues/1347/assignees"))).willReturn(json(201,
                "{\"number\":1347,\"title\":\"Found a bug\",\"assignees\":[],\"labels\":[]}")));
        assertThat(refused("assign_copilot_to_issue", args("issue_number", 1347)))
                .contains("did not assign Copilot").contains("not enabled");
    }

    @Test
    void requestCopilotReviewAsksItsReviewerBot() {
        gh.api.stubFor(post(urlPathEqualTo(api(R + "/pulls/1347/requested_reviewers"))).willReturn(json(201,
                "{\"number\":1347,\"requested_reviewers\":[{\"login\":\"copilot-pull-request-reviewer[bot]\"}]}")));
        JsonNode j = call("request_copilot_review", args("pullNumber", 1347));
        gh.api.verify(postRequestedFor(urlPathEqualTo(api(R + "/pulls/1347/requested_reviewers")))
                .withRequestBody(equalToJson("{\"reviewers\":[\"copilot-pull-request-reviewer[bot]\"]}")));
        assertThat(j.at("/requested_reviewers/0").asText()).isEqualTo("copilot-pull-request-reviewer[bot]");
    }

    @Test
    void actionsRunTriggerStartsAWorkflowWithItsInputs() {
        gh.api.stubFor(post(urlPathEqualTo(api(R + "/actions/workflows/ci.yaml/dispatches")))
                .willReturn(aResponse().withStatus(204)));
        JsonNode j = call("actions_run_trigger", args("method", "run_workflow", "workflow_id", "ci.yaml", "ref", "main",
                "inputs", Map.of("level", "debug")));
        gh.api.verify(postRequestedFor(urlPathEqualTo(api(R + "/actions/workflows/ci.yaml/dispatches")))
                .withRequestBody(equalToJson("{\"ref\":\"main\",\"inputs\":{\"level\":\"debug\"}}")));
        assertThat(j.path("message").asText()).isEqualTo("workflow run requested");
    }

    @Test
    void actionsRunTriggerActsOnARun() {
        Map<String, String> paths = Map.of("rerun_workflow_run", "/rerun", "rerun_failed_jobs", "/rerun-failed-jobs",
                "cancel_workflow_run", "/cancel");
        paths.forEach((method, tail) -> {
            gh.api.stubFor(post(urlPathEqualTo(api(R + "/actions/runs/30433642" + tail)))
                    .willReturn(aResponse().withStatus(201)));
            assertThat(call("actions_run_trigger", args("method", method, "run_id", 30433642)).path("run_id").asLong())
                    .isEqualTo(30433642);
            gh.api.verify(postRequestedFor(urlPathEqualTo(api(R + "/actions/runs/30433642" + tail))));
        });
        gh.api.stubFor(delete(urlPathEqualTo(api(R + "/actions/runs/30433642/logs")))
                .willReturn(aResponse().withStatus(204)));
        call("actions_run_trigger", args("method", "delete_workflow_run_logs", "run_id", 30433642));
        gh.api.verify(deleteRequestedFor(urlPathEqualTo(api(R + "/actions/runs/30433642/logs"))));
    }

    @Test
    void actionsRunTriggerSaysWhatEachMethodNeeds() {
        assertThat(refused("actions_run_trigger", args("method", "run_workflow", "workflow_id", "ci.yaml")))
                .contains("run_workflow needs workflow_id").contains("and ref");
        assertThat(refused("actions_run_trigger", args("method", "cancel_workflow_run")))
                .contains("cancel_workflow_run needs run_id");
        assertThat(refused("actions_run_trigger", args("method", "stop", "run_id", 1))).contains("method");
        assertThat(gh.requests()).isEmpty();
    }
}
