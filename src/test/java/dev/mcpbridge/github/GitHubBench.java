package dev.mcpbridge.github;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static dev.mcpbridge.github.GitHubTestSupport.api;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import dev.mcpbridge.core.app.Bridge;
import dev.mcpbridge.core.config.BridgeConfig;
import dev.mcpbridge.core.invoke.CallContext;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * bench/github: the scripted session (read a repo, list issues, read 5 issues with their comments, read a
 * PR diff, read 3 files twice) against WireMock standing in for GitHub, with and without the HTTP cache. Counts the
 * HTTP requests that reached "GitHub" (WireMock's journal: the server side's truth), how many were 304 (not counted
 * against GitHub's rate limit), and the wall time. Not a test: run bench/github/run.sh.
 */
public final class GitHubBench {

    record Call(String tool, Map<String, Object> args) {
    }

    /** The scripted session: 19 tool calls. */
    static List<Call> session() {
        List<Call> s = new ArrayList<>();
        Map<String, Object> repo = Map.of("owner", "octocat", "repo", "hello-world");
        s.add(new Call("get_file_contents", with(repo, "path", "/")));
        s.add(new Call("list_issues", repo));
        for (int n = 1; n <= 5; n++) {
            s.add(new Call("issue_read", with(repo, "method", "get", "issue_number", n)));
            s.add(new Call("issue_read", with(repo, "method", "get_comments", "issue_number", n)));
        }
        s.add(new Call("pull_request_read", with(repo, "method", "get_diff", "pullNumber", 1347)));
        for (int round = 0; round < 2; round++) {
            for (String file : List.of("src/Main.java", "README.md", "pom.xml")) {
                s.add(new Call("get_file_contents", with(repo, "path", file)));
            }
        }
        return s;
    }

    static Map<String, Object> with(Map<String, Object> base, Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>(base);
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }

    /** A GET that answers 200 with an ETag, and 304 to a request that sends that ETag back. */
    static void conditional(WireMockServer wm, String path, ResponseDefinitionBuilder ok, int delayMs) {
        String etag = "\"" + Integer.toHexString(path.hashCode()) + "\"";
        wm.stubFor(get(urlPathEqualTo(api(path))).withHeader("If-None-Match", absent())
                .willReturn(ok.withHeader("ETag", etag).withFixedDelay(delayMs)));
        wm.stubFor(get(urlPathEqualTo(api(path))).withHeader("If-None-Match", equalTo(etag))
                .willReturn(aResponse().withStatus(304).withHeader("ETag", etag)
                        .withHeader("X-RateLimit-Remaining", "4987").withFixedDelay(delayMs)));
    }

    static void stubs(WireMockServer wm, int delayMs) {
        String r = "/repos/octocat/hello-world";
        conditional(wm, r + "/contents", GitHubTestSupport.ok("content-dir.json"), delayMs);
        conditional(wm, r + "/issues", GitHubTestSupport.ok("issues.json"), delayMs);
        for (int n = 1; n <= 5; n++) {
            conditional(wm, r + "/issues/" + n, GitHubTestSupport.ok("issue.json"), delayMs);
            conditional(wm, r + "/issues/" + n + "/comments", GitHubTestSupport.ok("issue-comments.json"), delayMs);
        }
        conditional(wm, r + "/pulls/1347", aResponse().withHeader("Content-Type", "text/plain")
                .withHeader("Cache-Control", "private, max-age=60, s-maxage=60")
                .withHeader("Vary", "Accept, Authorization, Cookie, X-GitHub-OTP")
                .withBody("diff --git a/a b/a\n" + "+x\n".repeat(2000)), delayMs);
        for (String file : List.of("src/Main.java", "README.md", "pom.xml")) {
            conditional(wm, r + "/contents/" + file, GitHubTestSupport.ok("content-file.json"), delayMs);
        }
    }

    record Result(int requests, int notModified, long millis) {
    }

    static Result runSession(Bridge bridge, WireMockServer wm) {
        wm.resetRequests();
        long t0 = System.nanoTime();
        for (Call c : session()) {
            CallToolResult r = bridge.invoker().call(bridge.registry().find(c.tool()).orElseThrow(), c.args(),
                    CallContext.detached(c.tool())).block(Duration.ofSeconds(30));
            if (Boolean.TRUE.equals(r.isError())) {
                throw new IllegalStateException(c + " failed: " + GitHubTestSupport.text(r));
            }
        }
        long millis = (System.nanoTime() - t0) / 1_000_000;
        List<ServeEvent> events = wm.getAllServeEvents();
        int notModified = (int) events.stream().filter(e -> e.getResponse().getStatus() == 304).count();
        return new Result(events.size(), notModified, millis);
    }

    public static void main(String[] args) {
        int delay = args.length > 0 ? Integer.parseInt(args[0]) : 0;
        int repeats = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        WireMockServer wm = new WireMockServer(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"));
        wm.start();
        stubs(wm, delay);
        System.out.println("Scripted session: " + session().size() + " tool calls; GitHub latency simulated: " + delay
                + " ms; median of " + repeats + " runs per row (each run on a fresh bridge).");
        System.out.println();
        System.out.println("| mode | session | HTTP requests | of which 304 | counted against the rate limit | wall time |");
        System.out.println("|---|---|---:|---:|---:|---:|");
        String[][] modes = {
            {"no cache (GITHUB_HTTP_CACHE=false)", "false", "0"},
            {"cache, revalidate (default)", "true", "0"},
            {"cache + GITHUB_CACHE_MAX_AGE=60", "true", "60"},
        };
        for (String[] mode : modes) {
            List<Result> first = new ArrayList<>();
            List<Result> second = new ArrayList<>();
            for (int i = 0; i < repeats; i++) {
                BridgeConfig config = new BridgeConfig();
                config.adapters = List.of("github");
                Map<String, String> env = Map.of("GITHUB_HOST", "http://127.0.0.1:" + wm.port(),
                        "GITHUB_PERSONAL_ACCESS_TOKEN", "ghp_bench0123456789", "GITHUB_HTTP_CACHE", mode[1],
                        "GITHUB_CACHE_MAX_AGE", mode[2]);
                try (Bridge bridge = Bridge.create(config, Map.of(), env)) {
                    bridge.camel().startNow();
                    runSession(bridge, wm); // warm-up of the JVM paths, on a separate cache below
                }
                try (Bridge bridge = Bridge.create(config, Map.of(), env)) {
                    bridge.camel().startNow();
                    first.add(runSession(bridge, wm));
                    second.add(runSession(bridge, wm));
                }
            }
            print(mode[0], "first", median(first));
            print(mode[0], "same session again", median(second));
        }
        System.out.println("| github-mcp-server (documented: one request per call, no cache) | each | "
                + session().size() + " | 0 | " + session().size() + " | n/a |");
        wm.stop();
    }

    static Result median(List<Result> results) {
        long[] ms = results.stream().mapToLong(Result::millis).sorted().toArray();
        Result any = results.get(0);
        return new Result(any.requests(), any.notModified(), ms[ms.length / 2]);
    }

    static void print(String mode, String which, Result r) {
        System.out.println("| " + mode + " | " + which + " | " + r.requests() + " | " + r.notModified() + " | "
                + (r.requests() - r.notModified()) + " | " + r.millis() + " ms |");
    }

}
