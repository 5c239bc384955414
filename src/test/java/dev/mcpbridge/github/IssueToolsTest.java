package dev.mcpbridge.github;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
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
import static dev.mcpbridge.github.GitHubTestSupport.paged;
import static dev.mcpbridge.github.GitHubTestSupport.text;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The issues toolset. */
class IssueToolsTest {

    @RegisterExtension
    static final GitHubTestSupport gh = GitHubTestSupport.start();
    private static final String ISSUE = "/repos/octocat/hello-world/issues/1347";

    private static JsonNode call(String tool, Map<String, Object> args) {
        CallToolResult r = gh.call(tool, args);
        assertThat(r.isError()).as("%s: %s", tool, text(r)).isFalse();
        return GitHubTestSupport.json(r);
    }

    private static Map<String, Object> read(String method, Object... more) {
        Map<String, Object> m = new java.util.LinkedHashMap<>(Map.of("method", method, "owner", "octocat", "repo",
                "hello-world", "issue_number", 1347));
        for (int i = 0; i < more.length; i += 2) {
            m.put((String) more[i], more[i + 1]);
        }
        return m;
    }

    @Test
    void issueReadGetIsMinimalAndCleanedOfHiddenText() {
        gh.api.stubFor(get(urlPathEqualTo(api(ISSUE))).willReturn(ok("issue.json")));
        JsonNode j = call("issue_read", read("get"));
        gh.api.verify(getRequestedFor(urlPathEqualTo(api(ISSUE))));
        assertThat(j.path("number").asInt()).isEqualTo(1347);
        assertThat(j.path("title").asText()).isEqualTo("Found a bug");
        // Zero-width space, bidi override, Unicode tag characters and an HTML comment are all gone.
        assertThat(j.path("body").asText()).isEqualTo("I'm having a problem with this.");
        assertThat(j.path("user").asText()).isEqualTo("octocat");
        assertThat(j.path("labels").toString()).isEqualTo("[\"bug\"]");
        assertThat(j.path("assignees").toString()).isEqualTo("[\"octocat\"]");
        assertThat(j.path("milestone").asText()).isEqualTo("v1.0");
        assertThat(j.at("/sub_issues_summary/total").asInt()).isEqualTo(2);
        assertThat(j.has("url")).as("no *_url noise").isFalse();
        assertThat(text(gh.call("issue_read", read("get"))).length()).as("minimal form")
                .isLessThan(GitHubTestSupport.fixture("issue.json").length() / 4);
    }

    @Test
    void issueReadComments() {
        gh.api.stubFor(get(urlPathEqualTo(api(ISSUE + "/comments")))
                .willReturn(paged("issue-comments.json", ISSUE + "/comments", 1, 2, 3)));
        JsonNode j = call("issue_read", read("get_comments", "perPage", 2));
        gh.api.verify(getRequestedFor(urlPathEqualTo(api(ISSUE + "/comments"))).withQueryParam("page", equalTo("1"))
                .withQueryParam("per_page", equalTo("2")));
        assertThat(j.at("/items/0/body").asText()).isEqualTo("Me too");
        assertThat(j.at("/items/1/user").asText()).isEqualTo("hubot");
        assertThat(j.path("nextPage").asInt()).isEqualTo(2);
    }

    @Test
    void issueReadSubIssuesAndLabels() {
        gh.api.stubFor(get(urlPathEqualTo(api(ISSUE + "/sub_issues"))).willReturn(ok("sub-issues.json")));
        gh.api.stubFor(get(urlPathEqualTo(api(ISSUE + "/labels"))).willReturn(ok("labels.json")));
        assertThat(call("issue_read", read("get_sub_issues")).at("/items/0/number").asInt()).isEqualTo(1350);
        JsonNode labels = call("issue_read", read("get_labels"));
        assertThat(labels.at("/items/1").toString()).isEqualTo(
                "{\"name\":\"enhancement\",\"color\":\"a2eeef\",\"description\":\"New feature or request\"}");
    }

    @Test
    void issueWriteCreate() {
        gh.api.stubFor(post(urlPathEqualTo(api("/repos/octocat/hello-world/issues")))
                .willReturn(json(201, GitHubTestSupport.fixture("issue.json"))));
        JsonNode j = call("issue_write", Map.of("method", "create", "owner", "octocat", "repo", "hello-world",
                "title", "Found a bug", "body", "It fails", "labels", List.of("bug"), "assignees", List.of("octocat"),
                "milestone", 1, "type", "Bug"));
        gh.api.verify(postRequestedFor(urlPathEqualTo(api("/repos/octocat/hello-world/issues"))).withRequestBody(
                equalToJson("{\"title\":\"Found a bug\",\"body\":\"It fails\",\"labels\":[\"bug\"],"
                        + "\"assignees\":[\"octocat\"],\"milestone\":1,\"type\":\"Bug\"}")));
        assertThat(j.path("number").asInt()).isEqualTo(1347);
    }

    @Test
    void issueWriteUpdateClosesAsDuplicate() {
        gh.api.stubFor(patch(urlPathEqualTo(api(ISSUE))).willReturn(ok("issue-closed.json")));
        gh.api.stubFor(post(urlPathEqualTo(api(ISSUE + "/comments")))
                .willReturn(json(201, GitHubTestSupport.fixture("issue-comment.json"))));
        JsonNode j = call("issue_write", Map.of("method", "update", "owner", "octocat", "repo", "hello-world",
                "issue_number", 1347, "state", "closed", "state_reason", "duplicate", "duplicate_of", 1200));
        gh.api.verify(patchRequestedFor(urlPathEqualTo(api(ISSUE)))
                .withRequestBody(equalToJson("{\"state\":\"closed\",\"state_reason\":\"duplicate\"}")));
        gh.api.verify(postRequestedFor(urlPathEqualTo(api(ISSUE + "/comments")))
                .withRequestBody(equalToJson("{\"body\":\"Duplicate of #1200\"}")));
        assertThat(j.path("state").asText()).isEqualTo("closed");
    }

    @Test
    void issueWriteRefusesNonsense() {
        CallToolResult noTitle = gh.call("issue_write", Map.of("method", "create", "owner", "o", "repo", "r"));
        assertThat(text(noTitle)).isEqualTo("issue_write create needs a title");
        CallToolResult nothing = gh.call("issue_write", Map.of("method", "update", "owner", "o", "repo", "r",
                "issue_number", 1));
        assertThat(text(nothing)).isEqualTo("issue_write update needs at least one field to change");
        assertThat(gh.requests()).isEmpty();
    }

    @Test
    void addIssueCommentWithAReaction() {
        gh.api.stubFor(post(urlPathEqualTo(api(ISSUE + "/comments")))
                .willReturn(json(201, GitHubTestSupport.fixture("issue-comment.json"))));
        gh.api.stubFor(post(urlPathEqualTo(api(ISSUE + "/reactions")))
                .willReturn(json(201, GitHubTestSupport.fixture("reaction.json"))));
        JsonNode j = call("add_issue_comment", Map.of("owner", "octocat", "repo", "hello-world", "issue_number", 1347,
                "body", "Thanks for the report!", "reaction", "heart"));
        gh.api.verify(postRequestedFor(urlPathEqualTo(api(ISSUE + "/comments")))
                .withRequestBody(equalToJson("{\"body\":\"Thanks for the report!\"}")));
        gh.api.verify(postRequestedFor(urlPathEqualTo(api(ISSUE + "/reactions")))
                .withRequestBody(equalToJson("{\"content\":\"heart\"}")));
        assertThat(j.path("id").asInt()).isEqualTo(3);
        assertThat(j.at("/reaction/content").asText()).isEqualTo("heart");
    }

    @Test
    void listIssuesMapsFiltersAndSkipsPullRequests() {
        gh.api.stubFor(get(urlPathEqualTo(api("/repos/octocat/hello-world/issues")))
                .willReturn(paged("issues.json", "/repos/octocat/hello-world/issues", 1, 3, 4)));
        JsonNode j = call("list_issues", Map.of("owner", "octocat", "repo", "hello-world", "state", "OPEN",
                "labels", List.of("bug", "help wanted"), "orderBy", "UPDATED_AT", "direction", "DESC", "since",
                "2026-11-01T00:00:00Z", "perPage", 3));
        gh.api.verify(getRequestedFor(urlPathEqualTo(api("/repos/octocat/hello-world/issues")))
                .withQueryParam("state", equalTo("open")).withQueryParam("labels", equalTo("bug,help wanted"))
                .withQueryParam("sort", equalTo("updated")).withQueryParam("direction", equalTo("desc"))
                .withQueryParam("since", equalTo("2026-11-01T00:00:00Z")).withQueryParam("per_page", equalTo("3")));
        assertThat(j.path("items")).hasSize(2);
        assertThat(j.path("pullRequestsSkipped").asInt()).isEqualTo(1);
        assertThat(j.at("/pageInfo/hasNextPage").asBoolean()).isTrue();
        assertThat(j.at("/pageInfo/endCursor").asText()).isEqualTo("2");
    }

    @Test
    void listIssuesAfterACursorAsksForThatPage() {
        gh.api.stubFor(get(urlPathEqualTo(api("/repos/octocat/hello-world/issues")))
                .willReturn(paged("issues.json", "/repos/octocat/hello-world/issues", 2, 30, 2)));
        JsonNode j = call("list_issues", Map.of("owner", "octocat", "repo", "hello-world", "after", "2"));
        gh.api.verify(getRequestedFor(urlPathEqualTo(api("/repos/octocat/hello-world/issues")))
                .withQueryParam("state", equalTo("all")).withQueryParam("page", equalTo("2"))
                .withQueryParam("labels", absent()));
        assertThat(j.at("/pageInfo/hasNextPage").asBoolean()).isFalse();
        assertThat(j.at("/pageInfo/endCursor").isMissingNode()).isTrue();
    }

    @Test
    void subIssueWriteMethods() {
        gh.api.stubFor(post(urlPathEqualTo(api(ISSUE + "/sub_issues"))).willReturn(json(201,
                GitHubTestSupport.fixture("issue.json"))));
        gh.api.stubFor(delete(urlPathEqualTo(api(ISSUE + "/sub_issue"))).willReturn(ok("issue.json")));
        gh.api.stubFor(patch(urlPathEqualTo(api(ISSUE + "/sub_issues/priority"))).willReturn(ok("issue.json")));
        Map<String, Object> base = Map.of("owner", "octocat", "repo", "hello-world", "issue_number", 1347,
                "sub_issue_id", 1001350);
        JsonNode added = call("sub_issue_write", with(base, "method", "add", "replace_parent", true));
        gh.api.verify(postRequestedFor(urlPathEqualTo(api(ISSUE + "/sub_issues")))
                .withRequestBody(equalToJson("{\"sub_issue_id\":1001350,\"replace_parent\":true}")));
        assertThat(added.path("method").asText()).isEqualTo("add");
        assertThat(added.at("/issue/number").asInt()).isEqualTo(1347);
        call("sub_issue_write", with(base, "method", "remove"));
        gh.api.verify(deleteRequestedFor(urlPathEqualTo(api(ISSUE + "/sub_issue")))
                .withRequestBody(equalToJson("{\"sub_issue_id\":1001350}")));
        call("sub_issue_write", with(base, "method", "reprioritize", "after_id", 1001349));
        gh.api.verify(patchRequestedFor(urlPathEqualTo(api(ISSUE + "/sub_issues/priority")))
                .withRequestBody(equalToJson("{\"sub_issue_id\":1001350,\"after_id\":1001349}")));
        CallToolResult both = gh.call("sub_issue_write", with(base, "method", "reprioritize", "after_id", 1,
                "before_id", 2));
        assertThat(text(both)).isEqualTo("reprioritize needs exactly one of after_id or before_id");
    }

    private static Map<String, Object> with(Map<String, Object> base, Object... more) {
        Map<String, Object> m = new java.util.LinkedHashMap<>(base);
        for (int i = 0; i < more.length; i += 2) {
            m.put((String) more[i], more[i + 1]);
        }
        return m;
    }

    @Test
    void listIssueTypes() {
        gh.api.stubFor(get(urlPathEqualTo(api("/orgs/octo-org/issue-types"))).willReturn(ok("issue-types.json")));
        CallToolResult r = gh.call("list_issue_types", Map.of("owner", "octo-org"));
        JsonNode j = GitHubTestSupport.json(r);
        assertThat(j).hasSize(2);
        assertThat(j.at("/1/name").asText()).isEqualTo("Bug");
    }
}
