package dev.mcpbridge.github;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static dev.mcpbridge.github.GitHubTestSupport.api;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** page/perPage on every list: sent as page/per_page, and the answer carries nextPage and lastPage from Link. */
class PagingTest {

    @RegisterExtension
    static final GitHubTestSupport gh = GitHubTestSupport.start();
    private static final String R = "/repos/octocat/hello-world";
    private static final String SEARCH = "{\"total_count\":0,\"incomplete_results\":false,\"items\":[]}";

    static Stream<Arguments> lists() {
        return Stream.of(
                Arguments.of("list_branches", Map.of(), R + "/branches", "[]"),
                Arguments.of("list_commits", Map.of(), R + "/commits", "[]"),
                Arguments.of("list_tags", Map.of(), R + "/tags", "[]"),
                Arguments.of("list_releases", Map.of(), R + "/releases", "[]"),
                Arguments.of("list_issues", Map.of(), R + "/issues", "[]"),
                Arguments.of("list_pull_requests", Map.of(), R + "/pulls", "[]"),
                Arguments.of("issue_read", Map.of("method", "get_comments", "issue_number", 1347),
                        R + "/issues/1347/comments", "[]"),
                Arguments.of("issue_read", Map.of("method", "get_sub_issues", "issue_number", 1347),
                        R + "/issues/1347/sub_issues", "[]"),
                Arguments.of("issue_read", Map.of("method", "get_labels", "issue_number", 1347),
                        R + "/issues/1347/labels", "[]"),
                Arguments.of("pull_request_read", Map.of("method", "get_files", "pullNumber", 1347),
                        R + "/pulls/1347/files", "[]"),
                Arguments.of("pull_request_read", Map.of("method", "get_commits", "pullNumber", 1347),
                        R + "/pulls/1347/commits", "[]"),
                Arguments.of("pull_request_read", Map.of("method", "get_reviews", "pullNumber", 1347),
                        R + "/pulls/1347/reviews", "[]"),
                Arguments.of("pull_request_read", Map.of("method", "get_comments", "pullNumber", 1347),
                        R + "/issues/1347/comments", "[]"),
                Arguments.of("get_commit", Map.of("sha", "6dcb09b"), R + "/commits/6dcb09b",
                        GitHubTestSupport.fixture("commit.json")),
                Arguments.of("search_code", Map.of("query", "x"), "/search/code", SEARCH),
                Arguments.of("search_repositories", Map.of("query", "x"), "/search/repositories", SEARCH),
                Arguments.of("search_commits", Map.of("query", "x"), "/search/commits", SEARCH),
                Arguments.of("search_issues", Map.of("query", "x"), "/search/issues", SEARCH),
                Arguments.of("search_pull_requests", Map.of("query", "x"), "/search/issues", SEARCH),
                Arguments.of("search_users", Map.of("query", "x"), "/search/users", SEARCH),
                Arguments.of("actions_list", Map.of("method", "list_workflows"), R + "/actions/workflows",
                        "{\"total_count\":0,\"workflows\":[]}"),
                Arguments.of("list_notifications", Map.of("owner", "octocat", "repo", "hello-world"),
                        R + "/notifications", "[]"));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("lists")
    void pageAndPerPageGoOutAndNextPageComesBack(String tool, Map<String, Object> extra, String path, String body) {
        String link = "<http://127.0.0.1/api/v3" + path + "?per_page=7&page=4>; rel=\"next\", "
                + "<http://127.0.0.1/api/v3" + path + "?per_page=7&page=9>; rel=\"last\", "
                + "<http://127.0.0.1/api/v3" + path + "?per_page=7&page=2>; rel=\"prev\"";
        gh.api.stubFor(get(urlPathEqualTo(api(path))).willReturn(GitHubTestSupport.json(200, body)
                .withHeader("Link", link)));
        Map<String, Object> args = new LinkedHashMap<>(Map.of("owner", "octocat", "repo", "hello-world", "page", 3,
                "perPage", 7));
        args.putAll(extra);
        CallToolResult r = gh.call(tool, args);
        assertThat(r.isError()).as(GitHubTestSupport.text(r)).isFalse();
        gh.api.verify(getRequestedFor(urlPathEqualTo(api(path))).withQueryParam("page", equalTo("3"))
                .withQueryParam("per_page", equalTo("7")));
        JsonNode j = GitHubTestSupport.json(r);
        assertThat(j.path("nextPage").asInt()).as("nextPage of %s", tool).isEqualTo(4);
        if (!tool.equals("get_commit")) {
            assertThat(j.path("lastPage").asInt()).isEqualTo(9);
            assertThat(j.path("page").asInt()).isEqualTo(3);
            assertThat(j.path("perPage").asInt()).isEqualTo(7);
        }
    }
}
