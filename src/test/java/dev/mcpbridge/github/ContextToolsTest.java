package dev.mcpbridge.github;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
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
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The context toolset (get_me and get_teams go through hub4j, on the same OkHttp client). */
class ContextToolsTest {

    @RegisterExtension
    static final GitHubTestSupport gh = GitHubTestSupport.start();

    private static JsonNode call(String tool, Map<String, Object> args) {
        CallToolResult r = gh.call(tool, args);
        assertThat(r.isError()).as("%s: %s", tool, text(r)).isFalse();
        return GitHubTestSupport.json(r);
    }

    @Test
    void getMeIsOneRequestWithTheToken() {
        gh.api.stubFor(get(urlPathEqualTo(api("/user"))).willReturn(ok("user.json")));
        JsonNode j = call("get_me", Map.of());
        gh.api.verify(1, getRequestedFor(urlPathEqualTo(api("/user")))
                .withHeader("Authorization", com.github.tomakehurst.wiremock.client.WireMock.containing(
                        GitHubTestSupport.TOKEN)));
        assertThat(gh.requests()).hasSize(1);
        assertThat(j.path("login").asText()).isEqualTo("octocat");
        assertThat(j.path("profile_url").asText()).isEqualTo("https://github.com/octocat");
        assertThat(j.at("/details/name").asText()).isEqualTo("monalisa octocat");
        assertThat(j.at("/details/bio").asText()).isEqualTo("There once was...");
        assertThat(j.at("/details/public_repos").asInt()).isEqualTo(2);
        assertThat(j.at("/details/total_private_repos").asInt()).isEqualTo(100);
        assertThat(j.at("/details/created_at").asText()).isEqualTo("2008-01-14T04:33:35Z");
    }

    @Test
    void getTeamsOfTheAuthenticatedUser() {
        gh.api.stubFor(get(urlPathEqualTo(api("/user/teams"))).willReturn(ok("user-teams.json")));
        JsonNode j = call("get_teams", Map.of());
        assertThat(j.toString()).isEqualTo("[{\"org\":\"octo-org\",\"teams\":[{\"name\":\"Justice League\","
                + "\"slug\":\"justice-league\",\"description\":\"A great team.\"},{\"name\":\"Platform\","
                + "\"slug\":\"platform\",\"description\":\"\"}]}]");
    }

    @Test
    void getTeamsOfAnotherUserAsksGraphql() {
        gh.api.stubFor(post(urlPathEqualTo("/api/graphql")).willReturn(json(200, "{\"data\":{\"user\":{"
                + "\"organizations\":{\"nodes\":[{\"login\":\"octo-org\",\"teams\":{\"nodes\":[{\"name\":\"Justice League\","
                + "\"slug\":\"justice-league\",\"description\":\"A great team.\"}]}},{\"login\":\"empty-org\","
                + "\"teams\":{\"nodes\":[]}}]}}}}")));
        JsonNode j = call("get_teams", Map.of("user", "hubot"));
        gh.api.verify(postRequestedFor(urlPathEqualTo("/api/graphql"))
                .withRequestBody(matchingJsonPath("$.variables.login", equalTo("hubot"))));
        assertThat(j).hasSize(1);
        assertThat(j.at("/0/teams/0/slug").asText()).isEqualTo("justice-league");
    }

    @Test
    void getTeamMembersFollowsPages() {
        gh.api.stubFor(get(urlPathEqualTo(api("/orgs/octo-org/teams/justice-league/members")))
                .withQueryParam("page", equalTo("1"))
                .willReturn(paged("team-members.json", "/orgs/octo-org/teams/justice-league/members", 1, 100, 2)));
        gh.api.stubFor(get(urlPathEqualTo(api("/orgs/octo-org/teams/justice-league/members")))
                .withQueryParam("page", equalTo("2"))
                .willReturn(paged("team-members.json", "/orgs/octo-org/teams/justice-league/members", 2, 100, 2)));
        JsonNode j = call("get_team_members", ToolArgs.ALL.get("get_team_members"));
        assertThat(j.toString()).isEqualTo("[\"octocat\",\"hubot\",\"octocat\",\"hubot\"]");
        gh.api.verify(2, getRequestedFor(urlPathEqualTo(api("/orgs/octo-org/teams/justice-league/members")))
                .withQueryParam("per_page", equalTo("100")));
    }
}
