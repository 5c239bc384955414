package dev.mcpbridge.github;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static dev.mcpbridge.github.GitHubTestSupport.api;
import static dev.mcpbridge.github.GitHubTestSupport.ok;
import static dev.mcpbridge.github.GitHubTestSupport.text;
import static org.assertj.core.api.Assertions.assertThat;

import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Rate limits and 5xx (bounded retries with backoff) and the HTTP cache (ETag, 304). */
class RetryAndCacheTest {

    @RegisterExtension
    static final GitHubTestSupport gh = GitHubTestSupport.start();
    private static final String ISSUE = "/repos/octocat/hello-world/issues/1347";

    private static CallToolResult issue() {
        return gh.call("issue_read", ToolArgs.ALL.get("issue_read"));
    }

    private void sequence(String path, com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder... answers) {
        String state = STARTED;
        for (int i = 0; i < answers.length; i++) {
            String next = i == answers.length - 1 ? "done" : "s" + (i + 1);
            gh.api.stubFor(get(urlPathEqualTo(api(path))).inScenario("seq").whenScenarioStateIs(state)
                    .willReturn(answers[i]).willSetStateTo(next));
            state = next;
        }
    }

    @Test
    void aServerErrorOnAReadIsRetriedWithBackoff() {
        sequence(ISSUE, aResponse().withStatus(502), aResponse().withStatus(503), ok("issue.json"));
        CallToolResult r = issue();
        assertThat(r.isError()).as(text(r)).isFalse();
        gh.api.verify(3, getRequestedFor(urlPathEqualTo(api(ISSUE))));
    }

    @Test
    void retriesAreBounded() {
        gh.api.stubFor(get(urlPathEqualTo(api(ISSUE))).willReturn(GitHubTestSupport.error(503, "Service Unavailable",
                "x")));
        CallToolResult r = issue();
        assertThat(r.isError()).isTrue();
        assertThat(text(r)).startsWith("GitHub failed while reading issue #1347 in octocat/hello-world (HTTP 503");
        gh.api.verify(4, getRequestedFor(urlPathEqualTo(api(ISSUE)))); // the request and 3 retries
    }

    @Test
    void aServerErrorOnAWriteIsNotRetried() {
        gh.api.stubFor(post(urlPathEqualTo(api("/repos/octocat/hello-world/issues"))).willReturn(aResponse()
                .withStatus(502)));
        CallToolResult r = gh.call("issue_write", ToolArgs.ALL.get("issue_write"));
        assertThat(r.isError()).isTrue();
        gh.api.verify(1, postRequestedFor(urlPathEqualTo(api("/repos/octocat/hello-world/issues"))));
    }

    @Test
    void aShortRateLimitWaitIsRetriedEvenForWrites() {
        gh.api.stubFor(post(urlPathEqualTo(api("/repos/octocat/hello-world/issues"))).inScenario("rl")
                .whenScenarioStateIs(STARTED).willReturn(GitHubTestSupport.error(429, "You have exceeded a secondary "
                        + "rate limit. Please wait a few minutes before you try again.", "x").withHeader("Retry-After", "1"))
                .willSetStateTo("ok"));
        gh.api.stubFor(post(urlPathEqualTo(api("/repos/octocat/hello-world/issues"))).inScenario("rl")
                .whenScenarioStateIs("ok").willReturn(GitHubTestSupport.json(201, GitHubTestSupport.fixture("issue.json"))));
        long t0 = System.nanoTime();
        CallToolResult r = gh.call("issue_write", ToolArgs.ALL.get("issue_write"));
        long waited = (System.nanoTime() - t0) / 1_000_000;
        assertThat(r.isError()).as(text(r)).isFalse();
        assertThat(waited).as("honours Retry-After: 1").isGreaterThanOrEqualTo(950);
        gh.api.verify(2, postRequestedFor(urlPathEqualTo(api("/repos/octocat/hello-world/issues"))));
    }

    @Test
    void aPrimaryRateLimitThatResetsSoonIsWaitedFor() {
        sequence(ISSUE, GitHubTestSupport.error(403, "API rate limit exceeded", "x")
                .withHeader("X-RateLimit-Remaining", "0")
                .withHeader("X-RateLimit-Reset", String.valueOf(Instant.now().getEpochSecond())), ok("issue.json"));
        CallToolResult r = issue();
        assertThat(r.isError()).as(text(r)).isFalse();
        gh.api.verify(2, getRequestedFor(urlPathEqualTo(api(ISSUE))));
    }

    @Test
    void aLongRateLimitWaitIsAnErrorWithTheRetryTime() {
        gh.api.stubFor(get(urlPathEqualTo(api(ISSUE))).willReturn(GitHubTestSupport.error(429, "You have exceeded a "
                + "secondary rate limit", "x").withHeader("Retry-After", "120")));
        CallToolResult r = issue();
        assertThat(text(r)).startsWith("GitHub's rate limit is used up (5000 requests an hour for 'core'; retry after ")
                .contains(", in 2 min)").endsWith(" while reading issue #1347 in octocat/hello-world.");
        gh.api.verify(1, getRequestedFor(urlPathEqualTo(api(ISSUE))));
    }

    @Test
    void aSecondaryRateLimitWithoutRetryAfterSaysToWaitAMinute() {
        gh.api.stubFor(get(urlPathEqualTo(api(ISSUE))).willReturn(GitHubTestSupport.error(403, "You have exceeded a "
                + "secondary rate limit. Please wait a few minutes before you try again.", "x")));
        CallToolResult r = issue();
        assertThat(text(r)).startsWith("GitHub's rate limit is used up").contains("a secondary rate limit: GitHub asks "
                + "to wait at least a minute");
        gh.api.verify(1, getRequestedFor(urlPathEqualTo(api(ISSUE))));
    }

    @Test
    void repeatedReadsAreConditionalAndAnswered304() {
        gh.api.stubFor(get(urlPathEqualTo(api(ISSUE))).withHeader("If-None-Match", absent())
                .willReturn(ok("issue.json").withHeader("ETag", "\"644b5b0155e6404a9cc4bd9d8b1ae730\"")));
        gh.api.stubFor(get(urlPathEqualTo(api(ISSUE))).withHeader("If-None-Match",
                equalTo("\"644b5b0155e6404a9cc4bd9d8b1ae730\"")).willReturn(aResponse().withStatus(304)
                .withHeader("ETag", "\"644b5b0155e6404a9cc4bd9d8b1ae730\"")
                .withHeader("X-RateLimit-Remaining", "4987")));
        GitHubClient.Stats stats = gh.client().stats();
        long network = stats.network.get();
        long notModified = stats.notModified.get();
        String first = text(issue());
        String second = text(issue());
        String third = text(issue());
        assertThat(second).isEqualTo(first).isEqualTo(third);
        assertThat(first).contains("\"number\":1347");
        gh.api.verify(2, getRequestedFor(urlPathEqualTo(api(ISSUE))).withHeader("If-None-Match",
                equalTo("\"644b5b0155e6404a9cc4bd9d8b1ae730\"")));
        assertThat(stats.network.get() - network).isEqualTo(3);
        assertThat(stats.notModified.get() - notModified).isEqualTo(2);
    }

    @Test
    void hub4jCallsShareTheCache() {
        gh.api.stubFor(get(urlPathEqualTo(api("/user/teams"))).withHeader("If-None-Match", absent())
                .willReturn(ok("user-teams.json").withHeader("ETag", "\"t1\"")));
        gh.api.stubFor(get(urlPathEqualTo(api("/user/teams"))).withHeader("If-None-Match", equalTo("\"t1\""))
                .willReturn(aResponse().withStatus(304).withHeader("ETag", "\"t1\"")));
        String first = text(gh.call("get_teams", Map.of()));
        String second = text(gh.call("get_teams", Map.of()));
        assertThat(second).isEqualTo(first).contains("justice-league");
        gh.api.verify(1, getRequestedFor(urlPathEqualTo(api("/user/teams"))).withHeader("If-None-Match",
                equalTo("\"t1\"")));
    }

    @Test
    void getMeIsRememberedByHub4jForTheProcess() {
        gh.api.stubFor(get(urlPathEqualTo(api("/user"))).willReturn(ok("user.json")));
        gh.call("get_me", Map.of());
        gh.call("get_me", Map.of());
        // hub4j keeps the authenticated user (GitHub.getMyself) once fetched: at most one request per process.
        assertThat(gh.requests().size()).isLessThanOrEqualTo(1);
    }
}
