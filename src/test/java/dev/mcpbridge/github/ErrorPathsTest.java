package dev.mcpbridge.github;

import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every tool, against every error GitHub answers with: 404, 401, 403 with the rate limit used up, 422. Each must be
 * a tool error (isError) with a clear message, never a stack trace, an internal error or the token.
 */
class ErrorPathsTest {

    @RegisterExtension
    static final GitHubTestSupport gh = GitHubTestSupport.start();

    enum Failure {
        NOT_FOUND("Not found", "(404)"),
        UNAUTHORIZED("401", "token"),
        RATE_LIMITED("rate limit is used up", "resets at"),
        UNPROCESSABLE("422 Validation Failed", "Invalid request");

        final String[] expected;

        Failure(String... expected) {
            this.expected = expected;
        }

        ResponseDefinitionBuilder response() {
            return switch (this) {
                case NOT_FOUND -> GitHubTestSupport.error(404, "Not Found", "repos/repos#get-a-repository");
                case UNAUTHORIZED -> GitHubTestSupport.error(401, "Bad credentials", "rest");
                case RATE_LIMITED -> GitHubTestSupport.error(403, "API rate limit exceeded for user ID 583231.",
                        "overview/rate-limits-for-the-rest-api")
                        .withHeader("X-RateLimit-Remaining", "0")
                        .withHeader("X-RateLimit-Reset", String.valueOf(Instant.now().plusSeconds(1800).getEpochSecond()));
                case UNPROCESSABLE -> GitHubTestSupport.json(422, "{\"message\":\"Validation Failed\",\"errors\":"
                        + "[{\"resource\":\"Issue\",\"code\":\"custom\",\"field\":\"title\",\"message\":"
                        + "\"Invalid request: title is too long\"}],\"documentation_url\":"
                        + "\"https://docs.github.com/rest/issues/issues#create-an-issue\",\"status\":\"422\"}");
            };
        }
    }

    static Stream<Arguments> cases() {
        List<Arguments> all = new ArrayList<>();
        for (String tool : ToolArgs.ALL.keySet()) {
            for (Failure f : Failure.values()) {
                all.add(Arguments.of(tool, f));
            }
        }
        return all.stream();
    }

    @ParameterizedTest(name = "{0} answers {1} clearly")
    @MethodSource("cases")
    void everyToolReportsEveryGitHubErrorClearly(String tool, Failure failure) {
        gh.api.stubFor(any(anyUrl()).willReturn(failure.response()));
        CallToolResult r = gh.call(tool, ToolArgs.ALL.get(tool));
        String text = GitHubTestSupport.text(r);
        assertThat(r.isError()).as("%s isError: %s", tool, text).isTrue();
        assertThat(text).as(tool).contains(failure.expected).doesNotContain("internal error")
                .doesNotContain("Exception").doesNotContain(GitHubTestSupport.TOKEN).doesNotContain("\tat ");
        if (failure == Failure.RATE_LIMITED) {
            // The reset is 30 minutes away, past maxRetryWait: no retry, one request, the reset time in the message.
            assertThat(gh.requests()).as("requests for %s", tool).hasSize(1);
            assertThat(text).contains("5000 requests an hour").containsPattern("resets at \\d{4}-\\d\\d-\\d\\dT");
        }
    }

    @Test
    void aMessageNamesTheResource() {
        gh.api.stubFor(any(anyUrl()).willReturn(Failure.NOT_FOUND.response()));
        assertThat(GitHubTestSupport.text(gh.call("issue_read", ToolArgs.ALL.get("issue_read"))))
                .startsWith("Not found: issue #1347 in octocat/hello-world (404).");
        assertThat(GitHubTestSupport.text(gh.call("get_file_contents", ToolArgs.ALL.get("get_file_contents"))))
                .startsWith("Not found: 'src/Main.java' in octocat/hello-world at main (404).");
    }

    @Test
    void aMissingScopeIsNamed() {
        gh.api.stubFor(any(anyUrl()).willReturn(GitHubTestSupport.error(404, "Not Found", "repos")
                .withHeader("X-OAuth-Scopes", "read:org, gist").withHeader("X-Accepted-OAuth-Scopes", "repo")));
        String text = GitHubTestSupport.text(gh.call("get_file_contents", ToolArgs.ALL.get("get_file_contents")));
        assertThat(text).contains("The token lacks the scope this needs: 'repo' (it has 'read:org, gist')");

        gh.api.stubFor(any(anyUrl()).willReturn(GitHubTestSupport.error(403, "Resource not accessible", "teams")
                .withHeader("X-OAuth-Scopes", "repo").withHeader("X-Accepted-OAuth-Scopes", "read:org, admin:org")));
        assertThat(GitHubTestSupport.text(gh.call("get_team_members", ToolArgs.ALL.get("get_team_members"))))
                .contains("Not allowed: the members of team 'justice-league' in organization 'octo-org' (403)")
                .contains("lacks the scope this needs: one of [read:org, admin:org]");
    }

    @Test
    void conflictsSayWhatToDo() {
        gh.api.stubFor(any(anyUrl()).willReturn(GitHubTestSupport.error(409,
                "docs/notes.md does not match 3d21ec53a331a6f037a91c368710b99387d012c1", "repos/contents")));
        assertThat(GitHubTestSupport.text(gh.call("create_or_update_file", ToolArgs.ALL.get("create_or_update_file"))))
                .startsWith("Conflict: file 'docs/notes.md' in octocat/hello-world on branch 'main' (409: "
                        + "docs/notes.md does not match")
                .contains("give its current blob sha");
    }

    @Test
    void theTokenNeverLeavesEvenWhenGitHubEchoesIt() {
        gh.api.stubFor(any(anyUrl()).willReturn(GitHubTestSupport.error(422, "token " + GitHubTestSupport.TOKEN
                + " is not valid here", "x")));
        String text = GitHubTestSupport.text(gh.call("issue_write", ToolArgs.ALL.get("issue_write")));
        assertThat(text).doesNotContain(GitHubTestSupport.TOKEN).contains("****");
    }

    @Test
    void toolArgsCoverEveryServedTool() {
        List<String> served = gh.bridge.registry().tools().stream().map(t -> t.exposedName()).toList();
        assertThat(ToolArgs.ALL.keySet()).containsExactlyInAnyOrderElementsOf(served);
        assertThat(Map.copyOf(ToolArgs.ALL)).hasSize(52);
    }
}
