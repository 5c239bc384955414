package dev.mcpbridge.github;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static dev.mcpbridge.github.GitHubTestSupport.api;
import static dev.mcpbridge.github.GitHubTestSupport.ok;
import static dev.mcpbridge.github.GitHubTestSupport.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mcpbridge.core.app.Bridge;
import dev.mcpbridge.core.config.BridgeConfig;
import dev.mcpbridge.core.registry.RegisteredTool;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Toolsets, read-only mode, the token (optional, two variables, never shown) and the host rules. */
class SettingsTest {

    private static List<String> served(Map<String, String> env) {
        BridgeConfig config = new BridgeConfig();
        config.adapters = List.of("github");
        try (Bridge bridge = Bridge.create(config, Map.of(), env)) {
            return bridge.registry().tools().stream().map(RegisteredTool::exposedName).toList();
        }
    }

    @Test
    void theDefaultToolsetsAreContextCopilotReposIssuesPullRequestsAndUsers() {
        List<String> tools = served(Map.of());
        assertThat(tools).hasSize(43).contains("get_me", "get_file_contents", "issue_read", "pull_request_read",
                "search_users", "assign_copilot_to_issue", "request_copilot_review").doesNotContain("actions_list", "get_job_logs", "list_notifications");
    }

    @Test
    void toolsetsChooseWhatIsServed() {
        assertThat(served(Map.of("GITHUB_TOOLSETS", "actions,notifications"))).containsExactlyInAnyOrder(
                "actions_list", "actions_get", "actions_run_trigger", "get_job_logs", "list_notifications",
                "dismiss_notification", "mark_all_notifications_read");
        assertThat(served(Map.of("GITHUB_TOOLSETS", "all"))).hasSize(52);
    }

    @Test
    void defaultInToolsetsIsTheDefaultSetAsThePeerDocumentsIt() {
        assertThat(served(Map.of("GITHUB_TOOLSETS", "default"))).hasSize(43);
        assertThat(served(Map.of("GITHUB_TOOLSETS", "default,actions"))).hasSize(43 + 4)
                .contains("actions_list", "get_me");
    }

    @Test
    void toolsAloneServesOnlyTheNamedTools() {
        assertThat(served(Map.of("GITHUB_TOOLS", "get_me,issue_read"))).containsExactlyInAnyOrder("get_me",
                "issue_read");
    }

    @Test
    void toolsWithToolsetsAddsTheNamedTools() {
        assertThat(served(Map.of("GITHUB_TOOLSETS", "actions", "GITHUB_TOOLS", "get_me"))).containsExactlyInAnyOrder(
                "actions_list", "actions_get", "actions_run_trigger", "get_job_logs", "get_me");
    }

    @Test
    void theDeprecatedNamesThePeerAcceptsInToolsSelectTheirTools() {
        assertThat(served(Map.of("GITHUB_TOOLS", "list_workflows,get_workflow_run,run_workflow,get_me")))
                .containsExactlyInAnyOrder("actions_list", "actions_get", "actions_run_trigger", "get_me");
        BridgeConfig config = new BridgeConfig();
        config.adapters = List.of("github");
        try (Bridge bridge = Bridge.create(config, Map.of(), Map.of("GITHUB_TOOLSETS", "actions"))) {
            assertThat(bridge.registry().find("cancel_workflow_run")).get()
                    .extracting(RegisteredTool::exposedName).isEqualTo("actions_run_trigger");
            assertThat(bridge.registry().tools()).extracting(RegisteredTool::exposedName)
                    .as("listed under their own names only").doesNotContain("cancel_workflow_run");
        }
    }

    @Test
    void anUnknownToolNameStopsStartUpNamingItAndTheKnownOnes() {
        assertThatThrownBy(() -> served(Map.of("GITHUB_TOOLS", "get_me,get_mee")))
                .hasMessageContaining("GITHUB_TOOLS").hasMessageContaining("'get_mee' is not a tool of github")
                .hasMessageContaining("known: ").hasMessageContaining("issue_read");
    }

    @Test
    void readOnlyIsReadAsABooleanSoOneMeansTrue() {
        assertThat(served(Map.of("GITHUB_READ_ONLY", "1", "GITHUB_TOOLSETS", "all"))).hasSize(30);
    }

    @Test
    void readOnlyServesOnlyReadingTools() {
        List<String> tools = served(Map.of("GITHUB_READ_ONLY", "true", "GITHUB_TOOLSETS", "all"));
        assertThat(tools).hasSize(30).contains("get_file_contents", "list_notifications", "get_job_logs")
                .doesNotContain("create_or_update_file", "push_files", "issue_write", "merge_pull_request",
                        "dismiss_notification", "add_issue_comment");
    }

    @Test
    void withoutATokenReadsArePublicAndWritesSayTheyNeedOne() {
        Map<String, String> env = new HashMap<>();
        env.put("GITHUB_PERSONAL_ACCESS_TOKEN", null);
        try (GitHubTestSupport gh = GitHubTestSupport.start(env)) {
            gh.api.stubFor(get(urlPathEqualTo(api("/repos/octocat/hello-world/issues/1347"))).willReturn(ok("issue.json")));
            CallToolResult read = gh.call("issue_read", ToolArgs.ALL.get("issue_read"));
            assertThat(read.isError()).isFalse();
            gh.api.verify(getRequestedFor(urlPathEqualTo(api("/repos/octocat/hello-world/issues/1347")))
                    .withHeader("Authorization", absent()));
            gh.api.resetRequests();
            for (String tool : List.of("create_or_update_file", "issue_write", "merge_pull_request", "push_files",
                    "get_me", "list_notifications")) {
                CallToolResult r = gh.call(tool, ToolArgs.ALL.get(tool));
                assertThat(r.isError()).isTrue();
                assertThat(text(r)).as(tool).startsWith("'" + tool + "' needs a GitHub token: set "
                        + "GITHUB_PERSONAL_ACCESS_TOKEN");
            }
            assertThat(gh.requests()).as("no request without a token").isEmpty();
            gh.api.stubFor(get(urlPathEqualTo(api("/repos/octocat/private/issues/1"))).willReturn(
                    GitHubTestSupport.error(404, "Not Found", "x")));
            CallToolResult priv = gh.call("issue_read", Map.of("method", "get", "owner", "octocat", "repo", "private",
                    "issue_number", 1));
            assertThat(text(priv)).contains("no token is configured, so private repositories are invisible");
        }
    }

    @Test
    void githubTokenIsTheFallback() {
        Map<String, String> env = new HashMap<>();
        env.put("GITHUB_PERSONAL_ACCESS_TOKEN", null);
        env.put("GITHUB_TOKEN", "ghs_actionsToken0123456789");
        try (GitHubTestSupport gh = GitHubTestSupport.start(env)) {
            gh.api.stubFor(get(urlPathEqualTo(api("/repos/octocat/hello-world/issues/1347"))).willReturn(ok("issue.json")));
            gh.call("issue_read", ToolArgs.ALL.get("issue_read"));
            gh.api.verify(getRequestedFor(urlPathEqualTo(api("/repos/octocat/hello-world/issues/1347")))
                    .withHeader("Authorization", equalTo("Bearer ghs_actionsToken0123456789")));
            assertThat(gh.bridge.secrets().redact("x ghs_actionsToken0123456789")).isEqualTo("x ****");
            assertThat(gh.bridge.secrets().envNames()).contains("GITHUB_TOKEN", "GITHUB_PERSONAL_ACCESS_TOKEN");
        }
    }

    @Test
    void plainHttpIsRefusedExceptOnLoopback() {
        BridgeConfig config = new BridgeConfig();
        config.adapters = List.of("github");
        try (Bridge bridge = Bridge.create(config, Map.of(), Map.of("GITHUB_HOST", "http://github.example.com"))) {
            assertThatThrownBy(() -> bridge.camel().startNow()).hasMessageContaining(
                    "adapters/github.yaml (built-in): settings.host: 'http://github.example.com' must use https (http "
                            + "is allowed only for loopback");
        }
    }
}
