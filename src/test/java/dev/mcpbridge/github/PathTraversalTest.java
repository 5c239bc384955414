package dev.mcpbridge.github;

import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * github-mcp-server's hole #4492: a path argument with {@code ../} rewrote the API URL. Here every tool is called
 * with {@code ../} smuggled into each of its text arguments that reach a URL path (owner, repo, path, ref, sha,
 * branch, tag, ...): either the call is refused before any request, or every request it makes stays under the API
 * route that tool is meant for, with the value as one encoded segment.
 */
class PathTraversalTest {

    private static GitHubTestSupport gh;
    private static final List<String> ATTACKS = List.of("../../admin", "..", "a/../../../user", "%2e%2e", "..%2F..",
            "x?admin=1#", ".");
    private static final Set<String> PATH_ARGS = Set.of("owner", "repo", "path", "ref", "sha", "branch",
            "from_branch", "tag", "org", "team_slug", "organization", "resource_id", "threadID");

    @BeforeAll
    static void start() {
        gh = GitHubTestSupport.start();
    }

    @AfterAll
    static void stop() {
        gh.close();
    }

    @BeforeEach
    void reset() {
        gh.api.resetAll();
        // Whatever is asked, answer 404: we only look at where requests went.
        gh.api.stubFor(any(anyUrl()).willReturn(GitHubTestSupport.error(404, "Not Found", "x")));
    }

    static List<String> tools() {
        return List.copyOf(ToolArgs.ALL.keySet());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("tools")
    void dotDotNeverEscapesTheRoute(String tool) {
        Map<String, Object> valid = ToolArgs.ALL.get(tool);
        for (String arg : valid.keySet()) {
            if (!PATH_ARGS.contains(arg)) {
                continue;
            }
            for (String attack : ATTACKS) {
                gh.api.resetRequests();
                Map<String, Object> args = new LinkedHashMap<>(valid);
                args.put(arg, attack);
                CallToolResult r = gh.call(tool, args);
                for (LoggedRequest request : gh.requests()) {
                    String path = request.getUrl().replaceAll("\\?.*", "");
                    assertThat(path).as("%s %s=%s", tool, arg, attack)
                            .startsWith("/api/")
                            .doesNotContain("/../").doesNotEndWith("/..").doesNotContain("/./")
                            .doesNotContainIgnoringCase("/%2e%2e/").doesNotContainIgnoringCase("/%2e/")
                            .doesNotContain("#");
                    if (path.startsWith("/api/v3/repos/") && (arg.equals("owner") || arg.equals("repo"))) {
                        // owner and repo stay exactly the 3rd and 4th segments of /api/v3/repos/{owner}/{repo}/...
                        String[] segments = path.split("/");
                        String expected = arg.equals("owner") ? segments[4] : segments[5];
                        assertThat(expected).as("%s %s=%s in %s", tool, arg, attack, path)
                                .isEqualTo(dev.mcpbridge.core.spi.PathSegments.encode(attack));
                    }
                    assertThat(path).as("%s %s=%s", tool, arg, attack).doesNotStartWith("/api/v3/admin")
                            .isNotEqualTo("/api/v3/user");
                }
                if (gh.requests().isEmpty()) {
                    assertThat(r.isError()).isTrue();
                }
            }
        }
    }
}
