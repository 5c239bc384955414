package dev.mcpbridge.github;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static dev.mcpbridge.github.GitHubTestSupport.api;
import static dev.mcpbridge.github.GitHubTestSupport.paged;
import static dev.mcpbridge.github.GitHubTestSupport.ok;
import static dev.mcpbridge.github.GitHubTestSupport.text;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The search tools: code, repositories, commits, issues, pull requests, users. */
class SearchToolsTest {

    @RegisterExtension
    static final GitHubTestSupport gh = GitHubTestSupport.start();

    private static JsonNode call(String tool, Map<String, Object> args) {
        CallToolResult r = gh.call(tool, args);
        assertThat(r.isError()).as("%s: %s", tool, text(r)).isFalse();
        return GitHubTestSupport.json(r);
    }

    @Test
    void searchCode() {
        gh.api.stubFor(get(urlPathEqualTo(api("/search/code")))
                .willReturn(paged("search-code.json", "/search/code", 1, 10, 2)));
        JsonNode j = call("search_code", Map.of("query", "Main repo:octocat/hello-world", "sort", "indexed", "order",
                "desc", "perPage", 10));
        gh.api.verify(getRequestedFor(urlPathEqualTo(api("/search/code")))
                .withQueryParam("q", equalTo("Main repo:octocat/hello-world")).withQueryParam("sort", equalTo("indexed"))
                .withQueryParam("order", equalTo("desc")).withQueryParam("per_page", equalTo("10")));
        assertThat(j.path("total_count").asInt()).isEqualTo(20);
        assertThat(j.path("incomplete_results").asBoolean()).isFalse();
        assertThat(j.at("/items/0/repository").asText()).isEqualTo("octocat/hello-world");
        assertThat(j.at("/items/0/path").asText()).isEqualTo("src/Main.java");
        assertThat(j.path("nextPage").asInt()).isEqualTo(2);
    }

    @Test
    void searchRepositoriesMinimalByDefaultFullOnRequest() {
        gh.api.stubFor(get(urlPathEqualTo(api("/search/repositories"))).willReturn(ok("search-repos.json")));
        JsonNode minimal = call("search_repositories", Map.of("query", "hello", "sort", "stars"));
        assertThat(minimal.at("/items/0/full_name").asText()).isEqualTo("octocat/hello-world");
        assertThat(minimal.at("/items/0/stargazers_count").asInt()).isEqualTo(80);
        assertThat(minimal.at("/items/0").has("owner")).isFalse();
        JsonNode full = call("search_repositories", Map.of("query", "hello", "minimal_output", false));
        assertThat(full.at("/items/0/owner/login").asText()).isEqualTo("octocat");
        gh.api.verify(getRequestedFor(urlPathEqualTo(api("/search/repositories"))).withQueryParam("sort",
                equalTo("stars")));
    }

    @Test
    void searchCommits() {
        gh.api.stubFor(get(urlPathEqualTo(api("/search/commits"))).willReturn(ok("search-commits.json")));
        JsonNode j = call("search_commits", Map.of("query", "repo:octocat/hello-world fix", "sort", "author-date"));
        assertThat(j.at("/items/0/sha").asText()).isEqualTo("6dcb09b5b57875f334f61aebed695e2e4193db5e");
        assertThat(j.at("/items/0/repository").asText()).isEqualTo("octocat/hello-world");
    }

    @Test
    void searchIssuesAndPullRequestsAreScoped() {
        gh.api.stubFor(get(urlPathEqualTo(api("/search/issues"))).willReturn(ok("search-issues.json")));
        JsonNode j = call("search_issues", Map.of("query", "crash", "owner", "octocat", "repo", "hello-world", "sort",
                "comments"));
        gh.api.verify(getRequestedFor(urlPathEqualTo(api("/search/issues")))
                .withQueryParam("q", equalTo("repo:octocat/hello-world is:issue crash"))
                .withQueryParam("sort", equalTo("comments")));
        assertThat(j.at("/items/0/number").asInt()).isEqualTo(1347);
        call("search_pull_requests", Map.of("query", "is:pr author:octocat"));
        gh.api.verify(getRequestedFor(urlPathEqualTo(api("/search/issues")))
                .withQueryParam("q", equalTo("is:pr author:octocat")).withQueryParam("sort", absent()));
    }

    @Test
    void searchUsersIsScopedToUsers() {
        gh.api.stubFor(get(urlPathEqualTo(api("/search/users"))).willReturn(ok("search-users.json")));
        JsonNode j = call("search_users", Map.of("query", "octo", "sort", "followers", "order", "asc", "page", 2));
        gh.api.verify(getRequestedFor(urlPathEqualTo(api("/search/users"))).withQueryParam("q", equalTo("octo type:user"))
                .withQueryParam("page", equalTo("2")));
        assertThat(j.at("/items/0/login").asText()).isEqualTo("octocat");
        assertThat(j.at("/items/0/profile_url").asText()).isEqualTo("https://github.com/octocat");
    }
}
