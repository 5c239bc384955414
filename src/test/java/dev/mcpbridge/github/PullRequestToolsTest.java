package dev.mcpbridge.github;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.patch;
import static com.github.tomakehurst.wiremock.client.WireMock.patchRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static dev.mcpbridge.github.GitHubTestSupport.api;
import static dev.mcpbridge.github.GitHubTestSupport.json;
import static dev.mcpbridge.github.GitHubTestSupport.ok;
import static dev.mcpbridge.github.GitHubTestSupport.text;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The pull_requests toolset. */
class PullRequestToolsTest {

    @RegisterExtension
    static final GitHubTestSupport gh = GitHubTestSupport.start(Map.of("GITHUB_CONTENT_WINDOW", "120"));
    private static final String PR = "/repos/octocat/hello-world/pulls/1347";

    private static CallToolResult ok_(String tool, Map<String, Object> args) {
        CallToolResult r = gh.call(tool, args);
        assertThat(r.isError()).as("%s: %s", tool, text(r)).isFalse();
        return r;
    }

    private static JsonNode call(String tool, Map<String, Object> args) {
        return GitHubTestSupport.json(ok_(tool, args));
    }

    private static Map<String, Object> args(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>(Map.of("owner", "octocat", "repo", "hello-world", "pullNumber", 1347));
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }

    @Test
    void readGet() {
        gh.api.stubFor(get(urlPathEqualTo(api(PR))).willReturn(ok("pull.json")));
        JsonNode j = call("pull_request_read", args("method", "get"));
        assertThat(j.path("number").asInt()).isEqualTo(1347);
        assertThat(j.at("/head/ref").asText()).isEqualTo("new-topic");
        assertThat(j.at("/base/repo").asText()).isEqualTo("octocat/hello-world");
        assertThat(j.path("requested_reviewers").toString()).isEqualTo("[\"hubot\"]");
        assertThat(j.path("mergeable_state").asText()).isEqualTo("clean");
    }

    @Test
    void readDiffAsksForTheDiffMediaTypeAndWindowsIt() {
        String diff = "diff --git a/a.txt b/a.txt\n" + "+line\n".repeat(40);
        gh.api.stubFor(get(urlPathEqualTo(api(PR))).withHeader("Accept", equalTo("application/vnd.github.diff"))
                .willReturn(aResponse().withHeader("Content-Type", "text/plain; charset=utf-8").withBody(diff)));
        String first = text(ok_("pull_request_read", args("method", "get_diff")));
        assertThat(first).startsWith(diff.substring(0, 120)).endsWith("[diff cut at the content window: characters "
                + "0-120 of " + diff.length() + " shown; call again with offset=120 for the rest]");
        String next = text(ok_("pull_request_read", args("method", "get_diff", "offset", 120)));
        assertThat(next).startsWith(diff.substring(120, 240));
    }

    @Test
    void readStatusUsesTheHeadSha() {
        gh.api.stubFor(get(urlPathEqualTo(api(PR))).willReturn(ok("pull.json")));
        gh.api.stubFor(get(urlPathEqualTo(api("/repos/octocat/hello-world/commits/6dcb09b5b57875f334f61aebed695e2e4193db5e/status")))
                .willReturn(ok("combined-status.json")));
        JsonNode j = call("pull_request_read", args("method", "get_status"));
        assertThat(j.path("state").asText()).isEqualTo("success");
        assertThat(j.at("/statuses/0/context").asText()).isEqualTo("continuous-integration/jenkins");
    }

    @Test
    void readFilesCommitsReviewsAndComments() {
        gh.api.stubFor(get(urlPathEqualTo(api(PR + "/files"))).willReturn(ok("pull-files.json")));
        gh.api.stubFor(get(urlPathEqualTo(api(PR + "/commits"))).willReturn(ok("pull-commits.json")));
        gh.api.stubFor(get(urlPathEqualTo(api(PR + "/reviews"))).willReturn(ok("pull-reviews.json")));
        gh.api.stubFor(get(urlPathEqualTo(api("/repos/octocat/hello-world/issues/1347/comments")))
                .willReturn(ok("issue-comments.json")));
        JsonNode files = call("pull_request_read", args("method", "get_files", "page", 1, "perPage", 2));
        assertThat(files.at("/items/0/filename").asText()).isEqualTo("src/Main.java");
        assertThat(files.at("/items/0/patch").asText()).startsWith("@@");
        gh.api.verify(getRequestedFor(urlPathEqualTo(api(PR + "/files"))).withQueryParam("per_page", equalTo("2")));
        assertThat(call("pull_request_read", args("method", "get_commits")).at("/items/0/commit/message").asText())
                .isEqualTo("Fix all the bugs");
        JsonNode reviews = call("pull_request_read", args("method", "get_reviews"));
        assertThat(reviews.at("/items/0/state").asText()).isEqualTo("APPROVED");
        assertThat(reviews.at("/items/0/user").asText()).isEqualTo("hubot");
        assertThat(call("pull_request_read", args("method", "get_comments")).at("/items/1/body").asText())
                .isEqualTo("Fixed in #1348");
    }

    @Test
    void readReviewCommentsAsThreadsWithTheirNodeIdsPagedByCursor() {
        gh.api.stubFor(post(urlPathEqualTo("/api/graphql")).willReturn(json(200, "{\"data\":{\"repository\":{"
                + "\"pullRequest\":{\"reviewThreads\":{\"totalCount\":3,\"pageInfo\":{\"hasNextPage\":true,"
                + "\"endCursor\":\"Y3Vyc29yOjI=\"},\"nodes\":[{\"id\":\"PRRT_kwDOA1\",\"isResolved\":false,"
                + "\"isOutdated\":false,\"isCollapsed\":false,\"path\":\"file1.txt\",\"line\":2,\"startLine\":null,"
                + "\"diffSide\":\"RIGHT\",\"comments\":{\"totalCount\":1,\"nodes\":[{\"databaseId\":10,\"body\":"
                + "\"Great stuff!\\u200b\",\"author\":{\"login\":\"octocat\"},\"createdAt\":\"2011-04-14T16:00:49Z\","
                + "\"updatedAt\":\"2011-04-14T16:00:49Z\",\"url\":\"https://github.com/octocat/hello-world/pull/1347"
                + "#discussion-diff-10\"}]}}]}}}}}")));
        JsonNode j = call("pull_request_read", args("method", "get_review_comments", "perPage", 1, "after", "Y3Vyc29yOjE="));
        gh.api.verify(postRequestedFor(urlPathEqualTo("/api/graphql"))
                .withRequestBody(matchingJsonPath("$.variables.after", equalTo("Y3Vyc29yOjE=")))
                .withRequestBody(matchingJsonPath("$.variables.first", equalTo("1"))));
        assertThat(j.at("/threads/0/id").asText()).isEqualTo("PRRT_kwDOA1");
        assertThat(j.at("/threads/0/path").asText()).isEqualTo("file1.txt");
        assertThat(j.at("/threads/0/isResolved").asBoolean()).isFalse();
        assertThat(j.at("/threads/0/comments/0/user").asText()).isEqualTo("octocat");
        assertThat(j.at("/threads/0/comments/0/body").asText()).as("cleaned").isEqualTo("Great stuff!");
        assertThat(j.at("/pageInfo/endCursor").asText()).isEqualTo("Y3Vyc29yOjI=");
    }

    @Test
    void readCheckRunsOfTheHeadCommit() {
        gh.api.stubFor(get(urlPathEqualTo(api(PR))).willReturn(ok("pull.json")));
        String runs = "/repos/octocat/hello-world/commits/6dcb09b5b57875f334f61aebed695e2e4193db5e/check-runs";
        gh.api.stubFor(get(urlPathEqualTo(api(runs))).willReturn(json(200, "{\"total_count\":1,\"check_runs\":[{"
                + "\"id\":4,\"name\":\"build\",\"status\":\"completed\",\"conclusion\":\"failure\",\"started_at\":"
                + "\"2018-05-04T01:14:52Z\",\"completed_at\":\"2018-05-04T01:15:52Z\",\"html_url\":"
                + "\"https://github.com/octocat/hello-world/runs/4\",\"app\":{\"slug\":\"github-actions\"}}]}")));
        JsonNode j = call("pull_request_read", args("method", "get_check_runs", "perPage", 5));
        gh.api.verify(getRequestedFor(urlPathEqualTo(api(runs))).withQueryParam("per_page", equalTo("5")));
        assertThat(j.path("total_count").asInt()).isEqualTo(1);
        assertThat(j.at("/items/0/conclusion").asText()).isEqualTo("failure");
        assertThat(j.at("/items/0/app").asText()).isEqualTo("github-actions");
    }

    @Test
    void resolveAndUnresolveAReviewThreadByItsNodeId() {
        gh.api.stubFor(post(urlPathEqualTo("/api/graphql")).willReturn(json(200,
                "{\"data\":{\"resolveReviewThread\":{\"thread\":{\"id\":\"PRRT_kwDOA1\",\"isResolved\":true}}}}")));
        JsonNode j = call("pull_request_review_write", args("method", "resolve_thread", "threadId", "PRRT_kwDOA1"));
        gh.api.verify(postRequestedFor(urlPathEqualTo("/api/graphql"))
                .withRequestBody(matchingJsonPath("$.query", containing("resolveReviewThread")))
                .withRequestBody(matchingJsonPath("$.variables.input.threadId", equalTo("PRRT_kwDOA1"))));
        assertThat(j.path("isResolved").asBoolean()).isTrue();

        gh.api.stubFor(post(urlPathEqualTo("/api/graphql")).willReturn(json(200,
                "{\"data\":{\"unresolveReviewThread\":{\"thread\":{\"id\":\"PRRT_kwDOA1\",\"isResolved\":false}}}}")));
        JsonNode u = call("pull_request_review_write", args("method", "unresolve_thread", "threadId", "PRRT_kwDOA1"));
        assertThat(u.path("isResolved").asBoolean()).isFalse();
        assertThat(u.path("message").asText()).isEqualTo("review thread unresolved");
    }

    @Test
    void resolveWithoutAThreadIdOrWithAWrongOneIsAClearError() {
        CallToolResult r = gh.call("pull_request_review_write", args("method", "resolve_thread"));
        assertThat(r.isError()).isTrue();
        assertThat(text(r)).contains("resolve_thread needs threadId");
        assertThat(gh.requests()).isEmpty();
        gh.api.stubFor(post(urlPathEqualTo("/api/graphql")).willReturn(json(200, "{\"data\":{\"resolveReviewThread\":"
                + "null},\"errors\":[{\"type\":\"NOT_FOUND\",\"message\":\"Could not resolve to a node with the global "
                + "id of 'nope'\"}]}")));
        CallToolResult wrong = gh.call("pull_request_review_write", args("method", "resolve_thread", "threadId", "nope"));
        assertThat(wrong.isError()).isTrue();
        assertThat(text(wrong)).contains("Could not resolve to a node");
    }

    @Test
    void listPullRequestsSendsFilters() {
        gh.api.stubFor(get(urlPathEqualTo(api("/repos/octocat/hello-world/pulls"))).willReturn(ok("pulls.json")));
        JsonNode j = call("list_pull_requests", Map.of("owner", "octocat", "repo", "hello-world", "state", "all",
                "head", "octocat:new-topic", "base", "main", "sort", "updated", "direction", "asc"));
        gh.api.verify(getRequestedFor(urlPathEqualTo(api("/repos/octocat/hello-world/pulls")))
                .withQueryParam("state", equalTo("all")).withQueryParam("head", equalTo("octocat:new-topic"))
                .withQueryParam("base", equalTo("main")).withQueryParam("sort", equalTo("updated"))
                .withQueryParam("direction", equalTo("asc")));
        assertThat(j.path("items")).hasSize(2);
    }

    @Test
    void createPullRequestWithReviewers() {
        gh.api.stubFor(post(urlPathEqualTo(api("/repos/octocat/hello-world/pulls")))
                .willReturn(json(201, GitHubTestSupport.fixture("pull.json"))));
        gh.api.stubFor(post(urlPathEqualTo(api(PR + "/requested_reviewers")))
                .willReturn(json(201, GitHubTestSupport.fixture("pull.json"))));
        JsonNode j = call("create_pull_request", Map.of("owner", "octocat", "repo", "hello-world", "title",
                "Amazing new feature", "head", "new-topic", "base", "main", "body", "Please pull", "draft", true,
                "maintainer_can_modify", true, "reviewers", List.of("hubot", "octo-org/justice-league")));
        gh.api.verify(postRequestedFor(urlPathEqualTo(api("/repos/octocat/hello-world/pulls"))).withRequestBody(
                equalToJson("{\"title\":\"Amazing new feature\",\"head\":\"new-topic\",\"base\":\"main\","
                        + "\"body\":\"Please pull\",\"draft\":true,\"maintainer_can_modify\":true}")));
        gh.api.verify(postRequestedFor(urlPathEqualTo(api(PR + "/requested_reviewers"))).withRequestBody(
                equalToJson("{\"reviewers\":[\"hubot\"],\"team_reviewers\":[\"justice-league\"]}")));
        assertThat(j.path("number").asInt()).isEqualTo(1347);
    }

    @Test
    void updatePullRequestTogglesDraftThroughGraphql() {
        gh.api.stubFor(patch(urlPathEqualTo(api(PR))).willReturn(ok("pull.json")));
        gh.api.stubFor(post(urlPathEqualTo("/api/graphql")).willReturn(json(200,
                "{\"data\":{\"convertPullRequestToDraft\":{\"pullRequest\":{\"isDraft\":true}}}}")));
        JsonNode j = call("update_pull_request", args("title", "Better title", "body", "", "draft", true));
        gh.api.verify(patchRequestedFor(urlPathEqualTo(api(PR)))
                .withRequestBody(equalToJson("{\"title\":\"Better title\",\"body\":\"\"}")));
        gh.api.verify(postRequestedFor(urlPathEqualTo("/api/graphql"))
                .withRequestBody(matchingJsonPath("$.query", com.github.tomakehurst.wiremock.client.WireMock
                        .containing("convertPullRequestToDraft")))
                .withRequestBody(matchingJsonPath("$.variables.id", equalTo("PR_kwDOAAABc851347"))));
        assertThat(j.path("draft").asBoolean()).isTrue();
    }

    @Test
    void graphqlErrorsAreToolErrors() {
        gh.api.stubFor(get(urlPathEqualTo(api(PR))).willReturn(ok("pull-draft.json")));
        gh.api.stubFor(post(urlPathEqualTo("/api/graphql")).willReturn(json(200,
                "{\"data\":null,\"errors\":[{\"type\":\"FORBIDDEN\",\"message\":\"Resource not accessible by integration\"}]}")));
        CallToolResult r = gh.call("update_pull_request", args("draft", false));
        assertThat(r.isError()).isTrue();
        assertThat(text(r)).isEqualTo("GitHub refused the draft state of pull request #1347 in octocat/hello-world: "
                + "Resource not accessible by integration");
    }

    @Test
    void mergeAndUpdateBranch() {
        gh.api.stubFor(put(urlPathEqualTo(api(PR + "/merge"))).willReturn(ok("merge.json")));
        gh.api.stubFor(put(urlPathEqualTo(api(PR + "/update-branch"))).willReturn(json(202,
                GitHubTestSupport.fixture("update-branch.json"))));
        JsonNode merged = call("merge_pull_request", args("merge_method", "squash", "commit_title", "Feature (#1347)",
                "commit_message", "details"));
        gh.api.verify(putRequestedFor(urlPathEqualTo(api(PR + "/merge"))).withRequestBody(equalToJson(
                "{\"commit_title\":\"Feature (#1347)\",\"commit_message\":\"details\",\"merge_method\":\"squash\"}")));
        assertThat(merged.path("merged").asBoolean()).isTrue();
        JsonNode updated = call("update_pull_request_branch", args("expectedHeadSha", "6dcb09b"));
        gh.api.verify(putRequestedFor(urlPathEqualTo(api(PR + "/update-branch")))
                .withRequestBody(equalToJson("{\"expected_head_sha\":\"6dcb09b\"}")));
        assertThat(updated.path("message").asText()).isEqualTo("Updating pull request branch.");
    }

    @Test
    void aPullRequestThatCannotBeMergedSaysWhy() {
        gh.api.stubFor(put(urlPathEqualTo(api(PR + "/merge"))).willReturn(GitHubTestSupport.error(405,
                "Pull Request is not mergeable", "pulls/pulls#merge-a-pull-request")));
        CallToolResult r = gh.call("merge_pull_request", args());
        assertThat(text(r)).isEqualTo("GitHub refused the merge of pull request #1347 in octocat/hello-world (405: "
                + "Pull Request is not mergeable).");
    }

    @Test
    void reviewCreateSubmitAndDeletePending() {
        gh.api.stubFor(post(urlPathEqualTo(api(PR + "/reviews"))).willReturn(ok("pull-review.json")));
        gh.api.stubFor(get(urlPathEqualTo(api(PR + "/reviews"))).willReturn(ok("pull-reviews-pending.json")));
        gh.api.stubFor(post(urlPathEqualTo(api(PR + "/reviews/81/events"))).willReturn(ok("pull-review.json")));
        gh.api.stubFor(delete(urlPathEqualTo(api(PR + "/reviews/81"))).willReturn(ok("pull-review.json")));
        JsonNode pending = call("pull_request_review_write", args("method", "create", "body", "Looks good",
                "commitID", "ecdd80b"));
        gh.api.verify(postRequestedFor(urlPathEqualTo(api(PR + "/reviews")))
                .withRequestBody(equalToJson("{\"commit_id\":\"ecdd80b\",\"body\":\"Looks good\"}")));
        assertThat(pending.path("message").asText()).startsWith("pending review created");
        call("pull_request_review_write", args("method", "submit_pending", "event", "APPROVE", "body", "Ship it"));
        gh.api.verify(postRequestedFor(urlPathEqualTo(api(PR + "/reviews/81/events")))
                .withRequestBody(equalToJson("{\"body\":\"Ship it\",\"event\":\"APPROVE\"}")));
        JsonNode deleted = call("pull_request_review_write", args("method", "delete_pending"));
        gh.api.verify(deleteRequestedFor(urlPathEqualTo(api(PR + "/reviews/81"))));
        assertThat(deleted.path("message").asText()).isEqualTo("pending review deleted");
    }

    @Test
    void noPendingReviewIsAClearError() {
        gh.api.stubFor(get(urlPathEqualTo(api(PR + "/reviews"))).willReturn(ok("pull-reviews.json")));
        CallToolResult r = gh.call("pull_request_review_write", args("method", "delete_pending"));
        assertThat(text(r)).startsWith("There is no pending review of yours on pull request #1347");
    }

    @Test
    void addCommentToPendingReviewUsesTheReviewNodeId() {
        gh.api.stubFor(get(urlPathEqualTo(api(PR + "/reviews"))).willReturn(ok("pull-reviews-pending.json")));
        gh.api.stubFor(post(urlPathEqualTo("/api/graphql")).willReturn(json(200,
                "{\"data\":{\"addPullRequestReviewThread\":{\"thread\":{\"id\":\"PRRT_1\"}}}}")));
        JsonNode j = call("add_comment_to_pending_review", ToolArgs.ALL.get("add_comment_to_pending_review"));
        gh.api.verify(postRequestedFor(urlPathEqualTo("/api/graphql"))
                .withRequestBody(matchingJsonPath("$.variables.input.pullRequestReviewId", equalTo("PRR_kwDOAAABc84AAAC")))
                .withRequestBody(matchingJsonPath("$.variables.input.path", equalTo("file1.txt")))
                .withRequestBody(matchingJsonPath("$.variables.input.line", equalTo("2")))
                .withRequestBody(matchingJsonPath("$.variables.input.subjectType", equalTo("LINE"))));
        assertThat(j.path("message").asText()).contains("successfully added to pending review");
    }
}
