package dev.mcpbridge.github;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The parameters github-mcp-server v1.10 takes that the first version of each tool lacked. */
class PeerParametersTest {

    @RegisterExtension
    static final GitHubTestSupport gh = GitHubTestSupport.start();
    private static final String R = "/repos/octocat/hello-world";

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
    void actionsListTakesThePeersPerPage() {
        gh.api.stubFor(get(urlPathEqualTo(api(R + "/actions/workflows"))).willReturn(ok("workflows.json")));
        call("actions_list", args("method", "list_workflows", "per_page", 5));
        gh.api.verify(getRequestedFor(urlPathEqualTo(api(R + "/actions/workflows")))
                .withQueryParam("per_page", equalTo("5")));
    }

    @Test
    void addIssueCommentReactsToTheCommentNamedByCommentId() {
        gh.api.stubFor(post(urlPathEqualTo(api(R + "/issues/comments/1036/reactions"))).willReturn(ok("reaction.json")));
        JsonNode j = call("add_issue_comment", args("issue_number", 1347, "comment_id", 1036, "reaction", "heart"));
        gh.api.verify(postRequestedFor(urlPathEqualTo(api(R + "/issues/comments/1036/reactions")))
                .withRequestBody(equalToJson("{\"content\":\"heart\"}")));
        assertThat(j.at("/reaction/comment_id").asLong()).isEqualTo(1036);
        assertThat(gh.requests()).hasSize(1);
    }

    @Test
    void commentIdWithABodyOrWithoutAReactionIsRefused() {
        assertThat(refused("add_issue_comment", args("issue_number", 1347, "comment_id", 1036, "body", "hi",
                "reaction", "heart"))).contains("comment_id names the comment to react to");
        assertThat(refused("add_issue_comment", args("issue_number", 1347, "comment_id", 1036, "body", "hi")))
                .contains("without a body");
        assertThat(gh.requests()).isEmpty();
    }

    @Test
    void getCommitDetailChoosesStatsPatchesOrNothing() {
        gh.api.stubFor(get(urlPathEqualTo(api(R + "/commits/6dcb09b"))).willReturn(ok("commit.json")));
        JsonNode stats = call("get_commit", args("sha", "6dcb09b"));
        assertThat(stats.at("/files/0/filename").asText()).isEqualTo("src/Main.java");
        assertThat(stats.at("/files/0/additions").isNumber()).isTrue();
        assertThat(stats.at("/files/0").has("patch")).as("stats is the default: no patch").isFalse();
        assertThat(stats.at("/stats/total").asInt()).isEqualTo(108);

        JsonNode full = call("get_commit", args("sha", "6dcb09b", "detail", "full_patch"));
        assertThat(full.at("/files/0/patch").asText()).startsWith("@@");

        JsonNode none = call("get_commit", args("sha", "6dcb09b", "detail", "none"));
        assertThat(none.has("files")).isFalse();
        assertThat(none.has("stats")).isFalse();

        assertThat(call("get_commit", args("sha", "6dcb09b", "include_diff", true)).at("/files/0/patch").asText())
                .as("the older switch still works").startsWith("@@");
        assertThat(refused("get_commit", args("sha", "6dcb09b", "detail", "everything"))).contains("detail");
    }

    @Test
    void issueReadGetParentAsksGraphQL() {
        gh.api.stubFor(post(urlPathEqualTo("/api/graphql")).willReturn(json(200, "{\"data\":{\"repository\":{"
                + "\"issue\":{\"parent\":{\"number\":1200,\"title\":\"Epic\u200b\",\"state\":\"OPEN\",\"url\":"
                + "\"https://github.com/octocat/hello-world/issues/1200\",\"repository\":{\"nameWithOwner\":"
                + "\"octocat/hello-world\"}}}}}}")));
        JsonNode j = call("issue_read", args("method", "get_parent", "issue_number", 1347));
        gh.api.verify(postRequestedFor(urlPathEqualTo("/api/graphql"))
                .withRequestBody(matchingJsonPath("$.variables.number", equalTo("1347"))));
        assertThat(j.at("/parent/number").asInt()).isEqualTo(1200);
        assertThat(j.at("/parent/title").asText()).as("user text cleaned").isEqualTo("Epic");
        assertThat(j.at("/parent/repository").asText()).isEqualTo("octocat/hello-world");
    }

    @Test
    void issueReadGetParentOfATopLevelIssueIsNull() {
        gh.api.stubFor(post(urlPathEqualTo("/api/graphql")).willReturn(json(200,
                "{\"data\":{\"repository\":{\"issue\":{\"parent\":null}}}}")));
        JsonNode j = call("issue_read", args("method", "get_parent", "issue_number", 1347));
        assertThat(j.has("parent")).isTrue();
        assertThat(j.get("parent").isNull()).isTrue();
    }

    @Test
    void issueReadGetParentOfAMissingIssueIsAnError() {
        gh.api.stubFor(post(urlPathEqualTo("/api/graphql")).willReturn(json(200, "{\"data\":{\"repository\":"
                + "{\"issue\":null}},\"errors\":[{\"type\":\"NOT_FOUND\",\"message\":\"Could not resolve to an Issue "
                + "with the number of 99999.\"}]}")));
        assertThat(refused("issue_read", args("method", "get_parent", "issue_number", 99999)))
                .contains("Could not resolve to an Issue");
    }

    @Test
    void issueWriteTypeNullRemovesTheType() {
        gh.api.stubFor(patch(urlPathEqualTo(api(R + "/issues/1347"))).willReturn(ok("issue.json")));
        Map<String, Object> a = args("method", "update", "issue_number", 1347);
        a.put("type", null);
        call("issue_write", a);
        gh.api.verify(patchRequestedFor(urlPathEqualTo(api(R + "/issues/1347")))
                .withRequestBody(equalToJson("{\"type\":null}")));
    }

    @Test
    void anOmittedTypeIsNotSent() {
        gh.api.stubFor(patch(urlPathEqualTo(api(R + "/issues/1347"))).willReturn(ok("issue.json")));
        call("issue_write", args("method", "update", "issue_number", 1347, "title", "New"));
        gh.api.verify(patchRequestedFor(urlPathEqualTo(api(R + "/issues/1347")))
                .withRequestBody(equalToJson("{\"title\":\"New\"}")));
        Map<String, Object> blank = new HashMap<>(args("method", "update", "issue_number", 1347));
        blank.put("type", "");
        assertThat(refused("issue_write", blank)).as("an empty type is neither a type nor null").contains("type");
    }

    @Test
    void listIssueTypesOfOneRepository() {
        gh.api.stubFor(get(urlPathEqualTo(api(R + "/issue-types"))).willReturn(ok("issue-types.json")));
        JsonNode j = call("list_issue_types", args());
        gh.api.verify(getRequestedFor(urlPathEqualTo(api(R + "/issue-types"))));
        assertThat(j.at("/1/name").asText()).isEqualTo("Bug");
    }

    @Test
    void subIssueWriteMethodIsAFreeStringCheckedByTheTool() {
        assertThat(refused("sub_issue_write", args("method", "move", "issue_number", 1347, "sub_issue_id", 5)))
                .contains("unknown method 'move' (expected add, remove or reprioritize)");
    }

    @Test
    void fieldsKeepOnlyTheNamedFieldsOfEachItem() {
        gh.api.stubFor(get(urlPathEqualTo(api(R + "/issues"))).willReturn(ok("issues.json")));
        JsonNode issues = call("list_issues", args("fields", List.of("number", "title")));
        assertThat(issues.at("/items/0").size()).isEqualTo(2);
        assertThat(issues.at("/items/0/number").isNumber()).isTrue();

        gh.api.stubFor(get(urlPathEqualTo(api(R + "/commits"))).willReturn(ok("commits.json")));
        JsonNode commits = call("list_commits", args("fields", List.of("sha")));
        assertThat(commits.at("/items/0").size()).isEqualTo(1);

        gh.api.stubFor(get(urlPathEqualTo(api(R + "/releases"))).willReturn(ok("releases.json")));
        JsonNode releases = call("list_releases", args("fields", List.of("tag_name", "author")));
        assertThat(releases.at("/items/0").size()).isEqualTo(2);

        gh.api.stubFor(get(urlPathEqualTo(api(R + "/pulls"))).willReturn(ok("pulls.json")));
        JsonNode pulls = call("list_pull_requests", args("fields", List.of("number", "head")));
        assertThat(pulls.at("/items/0/head/ref").isTextual()).isTrue();
        assertThat(pulls.at("/items/0").size()).isEqualTo(2);

        gh.api.stubFor(get(urlPathEqualTo(api("/search/issues"))).willReturn(ok("search-issues.json")));
        JsonNode search = call("search_issues", Map.of("query", "bug", "fields", List.of("number", "type")));
        assertThat(search.at("/items/0").has("body")).isFalse();
        assertThat(search.at("/items/0/number").isNumber()).isTrue();

        gh.api.stubFor(get(urlPathEqualTo(api("/search/code"))).willReturn(ok("search-code.json")));
        JsonNode code = call("search_code", Map.of("query", "x", "fields", List.of("path")));
        assertThat(code.at("/items/0").size()).isEqualTo(1);

        gh.api.stubFor(get(urlPathEqualTo(api(R + "/contents/src"))).willReturn(ok("content-dir.json")));
        JsonNode dir = call("get_file_contents", args("path", "src", "fields", List.of("name")));
        assertThat(dir.at("/entries/0").size()).isEqualTo(1);
    }

    @Test
    void aFieldOutsideThePeersListIsRefused() {
        assertThat(refused("list_commits", args("fields", List.of("patch")))).contains("fields");
    }
}
