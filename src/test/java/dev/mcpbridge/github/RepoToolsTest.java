package dev.mcpbridge.github;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.patch;
import static com.github.tomakehurst.wiremock.client.WireMock.patchRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static dev.mcpbridge.github.GitHubTestSupport.api;
import static dev.mcpbridge.github.GitHubTestSupport.json;
import static dev.mcpbridge.github.GitHubTestSupport.ok;
import static dev.mcpbridge.github.GitHubTestSupport.paged;
import static dev.mcpbridge.github.GitHubTestSupport.text;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The repos toolset: the exact request each tool sends and what it answers. */
class RepoToolsTest {

    @RegisterExtension
    static final GitHubTestSupport gh = GitHubTestSupport.start(Map.of("GITHUB_CONTENT_WINDOW", "60"));

    private static CallToolResult call(String tool, Map<String, Object> args) {
        CallToolResult r = gh.call(tool, args);
        assertThat(r.isError()).as("%s: %s", tool, text(r)).isFalse();
        return r;
    }

    @Test
    void getFileContentsReturnsTheTextWithShaAndCleansInvisibleCharacters() {
        gh.api.stubFor(get(urlPathEqualTo(api("/repos/octocat/hello-world/contents/src/Main.java")))
                .willReturn(ok("content-file.json")));
        String t = text(call("get_file_contents", ToolArgs.ALL.get("get_file_contents")));
        assertThat(t).isEqualTo("File src/Main.java in octocat/hello-world at main (sha "
                + "3d21ec53a331a6f037a91c368710b99387d012c1, 32 bytes)\n\nclass Main {\n  // hi there\n}\n");
        gh.api.verify(getRequestedFor(urlPathEqualTo(api("/repos/octocat/hello-world/contents/src/Main.java")))
                .withQueryParam("ref", equalTo("main"))
                .withHeader("Authorization", equalTo("Bearer " + GitHubTestSupport.TOKEN))
                .withHeader("Accept", equalTo("application/vnd.github+json"))
                .withHeader("X-GitHub-Api-Version", equalTo("2022-11-28")));
    }

    @Test
    void shaWinsOverRef() {
        gh.api.stubFor(get(urlPathEqualTo(api("/repos/octocat/hello-world/contents/src/Main.java")))
                .willReturn(ok("content-file.json")));
        call("get_file_contents", Map.of("owner", "octocat", "repo", "hello-world", "path", "src/Main.java", "ref",
                "main", "sha", "6dcb09b"));
        gh.api.verify(getRequestedFor(urlPathEqualTo(api("/repos/octocat/hello-world/contents/src/Main.java")))
                .withQueryParam("ref", equalTo("6dcb09b")));
    }

    @Test
    void aDirectoryIsListed() {
        gh.api.stubFor(get(urlPathEqualTo(api("/repos/octocat/hello-world/contents/src")))
                .willReturn(ok("content-dir.json")));
        JsonNode j = GitHubTestSupport.json(call("get_file_contents", Map.of("owner", "octocat", "repo", "hello-world",
                "path", "src/")));
        assertThat(j.path("entries")).hasSize(2);
        assertThat(j.at("/entries/0/path").asText()).isEqualTo("src/Main.java");
        assertThat(j.at("/entries/1/type").asText()).isEqualTo("dir");
        gh.api.verify(getRequestedFor(urlPathEqualTo(api("/repos/octocat/hello-world/contents/src")))
                .withQueryParam("ref", absent()));
    }

    @Test
    void theRootIsTheDefaultPath() {
        gh.api.stubFor(get(urlPathEqualTo(api("/repos/octocat/hello-world/contents"))).willReturn(ok("content-dir.json")));
        call("get_file_contents", Map.of("owner", "octocat", "repo", "hello-world"));
        gh.api.verify(getRequestedFor(urlPathEqualTo(api("/repos/octocat/hello-world/contents"))));
    }

    @Test
    void aBinaryFileIsReportedNotDumped() {
        gh.api.stubFor(get(urlPathEqualTo(api("/repos/octocat/hello-world/contents/img/logo.png")))
                .willReturn(ok("content-binary.json")));
        JsonNode j = GitHubTestSupport.json(call("get_file_contents", Map.of("owner", "octocat", "repo", "hello-world",
                "path", "img/logo.png")));
        assertThat(j.path("binary").asBoolean()).isTrue();
        assertThat(j.path("size").asInt()).isEqualTo(18);
        assertThat(j.path("message").asText()).isEqualTo("binary file, not shown as text (18 bytes)");
        assertThat(j.path("download_url").asText()).endsWith("/img/logo.png");
    }

    @Test
    void aLargeFileIsFetchedRawAndCutAtTheContentWindowWithANotice() {
        String big = "0123456789".repeat(10); // 100 characters; the window in this test is 60
        gh.api.stubFor(get(urlPathEqualTo(api("/repos/octocat/hello-world/contents/data/big.txt")))
                .withHeader("Accept", equalTo("application/vnd.github+json")).willReturn(ok("content-large.json")));
        gh.api.stubFor(get(urlPathEqualTo(api("/repos/octocat/hello-world/contents/data/big.txt")))
                .withHeader("Accept", equalTo("application/vnd.github.raw+json"))
                .willReturn(aResponse().withHeader("Content-Type", "application/vnd.github.raw").withBody(big)));
        String first = text(call("get_file_contents", Map.of("owner", "octocat", "repo", "hello-world", "path",
                "data/big.txt")));
        assertThat(first).contains("\n\n" + big.substring(0, 60) + "\n\n[file cut at the content window: characters "
                + "0-60 of 100 shown; call again with offset=60 for the rest]");
        String rest = text(call("get_file_contents", Map.of("owner", "octocat", "repo", "hello-world", "path",
                "data/big.txt", "offset", 60)));
        assertThat(rest).contains("\n\n" + big.substring(60) + "\n\n[file: characters 60-100 of 100 shown (the end)]");
    }

    @Test
    void createOrUpdateFileSendsBase64ContentAndTheSha() {
        gh.api.stubFor(put(urlPathEqualTo(api("/repos/octocat/hello-world/contents/docs/notes.md")))
                .willReturn(json(201, GitHubTestSupport.fixture("content-put.json"))));
        JsonNode j = GitHubTestSupport.json(call("create_or_update_file", Map.of("owner", "octocat", "repo",
                "hello-world", "path", "docs/notes.md", "content", "hello\n", "message", "Add notes", "branch", "main",
                "sha", "95b966ae1c166bd92f8ae7d1c313e738c731dfc3")));
        gh.api.verify(putRequestedFor(urlPathEqualTo(api("/repos/octocat/hello-world/contents/docs/notes.md")))
                .withRequestBody(equalToJson("{\"message\":\"Add notes\",\"content\":\"aGVsbG8K\",\"branch\":\"main\","
                        + "\"sha\":\"95b966ae1c166bd92f8ae7d1c313e738c731dfc3\"}")));
        assertThat(j.at("/commit/sha").asText()).isEqualTo("7638417db6d59f3c431d3e1f261cc637155684cd");
        assertThat(j.at("/content/path").asText()).isEqualTo("docs/notes.md");
    }

    @Test
    void aWriteThatGitHubStoredIncompletelyIsAnErrorNotASuccess() {
        String stored = GitHubTestSupport.fixture("content-put.json").replace("\"size\": 6", "\"size\": 3");
        gh.api.stubFor(put(urlPathEqualTo(api("/repos/octocat/hello-world/contents/docs/notes.md")))
                .willReturn(json(201, stored)));
        CallToolResult r = gh.call("create_or_update_file", ToolArgs.ALL.get("create_or_update_file"));
        assertThat(r.isError()).isTrue();
        assertThat(text(r)).startsWith("GitHub stored 3 bytes of the 6 sent for file 'docs/notes.md'");
    }

    @Test
    void deleteFileReadsTheShaThenDeletes() {
        gh.api.stubFor(get(urlPathEqualTo(api("/repos/octocat/hello-world/contents/docs/notes.md")))
                .willReturn(ok("content-file.json")));
        gh.api.stubFor(delete(urlPathEqualTo(api("/repos/octocat/hello-world/contents/docs/notes.md")))
                .willReturn(ok("content-delete.json")));
        JsonNode j = GitHubTestSupport.json(call("delete_file", ToolArgs.ALL.get("delete_file")));
        gh.api.verify(getRequestedFor(urlPathEqualTo(api("/repos/octocat/hello-world/contents/docs/notes.md")))
                .withQueryParam("ref", equalTo("main")));
        gh.api.verify(deleteRequestedFor(urlPathEqualTo(api("/repos/octocat/hello-world/contents/docs/notes.md")))
                .withRequestBody(equalToJson("{\"message\":\"Remove notes\",\"sha\":"
                        + "\"3d21ec53a331a6f037a91c368710b99387d012c1\",\"branch\":\"main\"}")));
        assertThat(j.path("deleted").asText()).isEqualTo("docs/notes.md");
    }

    @Test
    void pushFilesMakesOneCommitThroughTheGitDataApi() {
        gh.api.stubFor(get(urlPathEqualTo(api("/repos/octocat/hello-world/git/ref/heads/main"))).willReturn(ok("ref-main.json")));
        gh.api.stubFor(get(urlPathEqualTo(api("/repos/octocat/hello-world/git/commits/aa218f56b14c9653891f9e74264a383fa43fefbd")))
                .willReturn(ok("git-commit.json")));
        gh.api.stubFor(post(urlPathEqualTo(api("/repos/octocat/hello-world/git/trees")))
                .willReturn(json(201, GitHubTestSupport.fixture("git-tree.json"))));
        gh.api.stubFor(post(urlPathEqualTo(api("/repos/octocat/hello-world/git/commits")))
                .willReturn(json(201, GitHubTestSupport.fixture("git-commit-new.json"))));
        gh.api.stubFor(patch(urlPathEqualTo(api("/repos/octocat/hello-world/git/refs/heads/main")))
                .willReturn(ok("ref-updated.json")));
        JsonNode j = GitHubTestSupport.json(call("push_files", ToolArgs.ALL.get("push_files")));
        gh.api.verify(postRequestedFor(urlPathEqualTo(api("/repos/octocat/hello-world/git/trees"))).withRequestBody(
                equalToJson("{\"base_tree\":\"9fb037999f264ba9a7fc6274d15fa3ae2ab98312\",\"tree\":["
                        + "{\"path\":\"a.txt\",\"mode\":\"100644\",\"type\":\"blob\",\"content\":\"A\"},"
                        + "{\"path\":\"bin/run.sh\",\"mode\":\"100755\",\"type\":\"blob\",\"content\":\"#!/bin/sh\"}]}")));
        gh.api.verify(postRequestedFor(urlPathEqualTo(api("/repos/octocat/hello-world/git/commits"))).withRequestBody(
                equalToJson("{\"message\":\"Push two files\",\"tree\":\"cd8274d15fa3ae2ab983129fb037999f264ba9a7\","
                        + "\"parents\":[\"aa218f56b14c9653891f9e74264a383fa43fefbd\"]}")));
        gh.api.verify(patchRequestedFor(urlPathEqualTo(api("/repos/octocat/hello-world/git/refs/heads/main")))
                .withRequestBody(equalToJson("{\"sha\":\"7638417db6d59f3c431d3e1f261cc637155684cd\",\"force\":false}")));
        assertThat(gh.requests()).hasSize(5);
        assertThat(j.path("ref").asText()).isEqualTo("refs/heads/main");
        assertThat(j.at("/object/sha").asText()).isEqualTo("7638417db6d59f3c431d3e1f261cc637155684cd");
    }

    @Test
    void createBranchFromTheDefaultBranchLooksItUp() {
        gh.api.stubFor(get(urlPathEqualTo(api("/repos/octocat/hello-world"))).willReturn(ok("repo.json")));
        gh.api.stubFor(get(urlPathEqualTo(api("/repos/octocat/hello-world/git/ref/heads/main"))).willReturn(ok("ref-main.json")));
        gh.api.stubFor(post(urlPathEqualTo(api("/repos/octocat/hello-world/git/refs")))
                .willReturn(json(201, GitHubTestSupport.fixture("ref-new.json"))));
        JsonNode j = GitHubTestSupport.json(call("create_branch", Map.of("owner", "octocat", "repo", "hello-world",
                "branch", "feature/login")));
        gh.api.verify(postRequestedFor(urlPathEqualTo(api("/repos/octocat/hello-world/git/refs"))).withRequestBody(
                equalToJson("{\"ref\":\"refs/heads/feature/login\",\"sha\":\"aa218f56b14c9653891f9e74264a383fa43fefbd\"}")));
        assertThat(j.path("ref").asText()).isEqualTo("refs/heads/feature/login");
    }

    @Test
    void createBranchFromANamedBranchWithSlashesKeepsItsSegments() {
        gh.api.stubFor(get(urlPathEqualTo(api("/repos/octocat/hello-world/git/ref/heads/release/1.x")))
                .willReturn(ok("ref-main.json")));
        gh.api.stubFor(post(urlPathEqualTo(api("/repos/octocat/hello-world/git/refs")))
                .willReturn(json(201, GitHubTestSupport.fixture("ref-new.json"))));
        call("create_branch", Map.of("owner", "octocat", "repo", "hello-world", "branch", "feature/login",
                "from_branch", "release/1.x"));
        assertThat(gh.requests()).hasSize(2);
    }

    @Test
    void listBranchesPagesWithLinkHeaders() {
        gh.api.stubFor(get(urlPathEqualTo(api("/repos/octocat/hello-world/branches")))
                .willReturn(paged("branches.json", "/repos/octocat/hello-world/branches", 2, 2, 5)));
        JsonNode j = GitHubTestSupport.json(call("list_branches", Map.of("owner", "octocat", "repo", "hello-world",
                "page", 2, "perPage", 2)));
        gh.api.verify(getRequestedFor(urlPathEqualTo(api("/repos/octocat/hello-world/branches")))
                .withQueryParam("page", equalTo("2")).withQueryParam("per_page", equalTo("2")));
        assertThat(j.path("items")).hasSize(2);
        assertThat(j.at("/items/0").toString()).isEqualTo(
                "{\"name\":\"main\",\"sha\":\"c5b97d5ae6c19d5c5df71a34c7fbeeda2479ccbc\",\"protected\":true}");
        assertThat(j.path("page").asInt()).isEqualTo(2);
        assertThat(j.path("nextPage").asInt()).isEqualTo(3);
        assertThat(j.path("lastPage").asInt()).isEqualTo(5);
    }

    @Test
    void theLastPageHasNoNextPage() {
        gh.api.stubFor(get(urlPathEqualTo(api("/repos/octocat/hello-world/branches")))
                .willReturn(paged("branches.json", "/repos/octocat/hello-world/branches", 5, 2, 5)));
        JsonNode j = GitHubTestSupport.json(call("list_branches", Map.of("owner", "octocat", "repo", "hello-world",
                "page", 5, "perPage", 2)));
        assertThat(j.has("nextPage")).isFalse();
    }

    @Test
    void perPageAbove100IsRefused() {
        CallToolResult r = gh.call("list_branches", Map.of("owner", "octocat", "repo", "hello-world", "perPage", 500));
        assertThat(r.isError()).isTrue();
        assertThat(text(r)).contains("perPage");
        assertThat(gh.requests()).isEmpty();
    }

    @Test
    void listCommitsSendsEveryFilter() {
        gh.api.stubFor(get(urlPathEqualTo(api("/repos/octocat/hello-world/commits"))).willReturn(ok("commits.json")));
        JsonNode j = GitHubTestSupport.json(call("list_commits", Map.of("owner", "octocat", "repo", "hello-world", "sha",
                "main", "path", "src", "author", "octocat", "since", "2026-01-01", "until", "2026-12-31")));
        gh.api.verify(getRequestedFor(urlPathEqualTo(api("/repos/octocat/hello-world/commits")))
                .withQueryParam("sha", equalTo("main")).withQueryParam("path", equalTo("src"))
                .withQueryParam("author", equalTo("octocat")).withQueryParam("since", equalTo("2026-01-01"))
                .withQueryParam("until", equalTo("2026-12-31")).withQueryParam("page", equalTo("1"))
                .withQueryParam("per_page", equalTo("30")));
        assertThat(j.at("/items/0/sha").asText()).isEqualTo("6dcb09b5b57875f334f61aebed695e2e4193db5e");
        assertThat(j.at("/items/0/commit/message").asText()).isEqualTo("Fix all the bugs");
        assertThat(j.at("/items/1/commit/message").asText()).isEqualTo("Initial commit");
        assertThat(j.at("/items/0/author").asText()).isEqualTo("octocat");
    }

    @Test
    void getCommitIncludesFilesAndPatchesWithinTheWindow() {
        gh.api.stubFor(get(urlPathEqualTo(api("/repos/octocat/hello-world/commits/6dcb09b5b57875f334f61aebed695e2e4193db5e")))
                .willReturn(ok("commit.json")));
        Map<String, Object> full = new java.util.LinkedHashMap<>(ToolArgs.ALL.get("get_commit"));
        full.put("detail", "full_patch");
        JsonNode j = GitHubTestSupport.json(call("get_commit", full));
        assertThat(j.at("/stats/total").asInt()).isEqualTo(108);
        assertThat(j.at("/files/0/filename").asText()).isEqualTo("src/Main.java");
        assertThat(j.at("/files/0/patch").asText()).startsWith("@@ -1,2 +1,3 @@");
        JsonNode noDiff = GitHubTestSupport.json(call("get_commit", Map.of("owner", "octocat", "repo", "hello-world",
                "sha", "6dcb09b5b57875f334f61aebed695e2e4193db5e", "include_diff", false)));
        assertThat(noDiff.has("files")).isFalse();
        assertThat(noDiff.has("stats")).isFalse();
    }

    @Test
    void listTagsAndGetTag() {
        gh.api.stubFor(get(urlPathEqualTo(api("/repos/octocat/hello-world/tags"))).willReturn(ok("tags.json")));
        JsonNode tags = GitHubTestSupport.json(call("list_tags", ToolArgs.ALL.get("list_tags")));
        assertThat(tags.at("/items/0").toString()).isEqualTo(
                "{\"name\":\"v1.0.0\",\"sha\":\"c3d0be41ecbe669545ee3e94d31ed9a4bc91ee3c\"}");

        gh.api.stubFor(get(urlPathEqualTo(api("/repos/octocat/hello-world/git/ref/tags/v1.0.0")))
                .willReturn(ok("ref-tag-annotated.json")));
        gh.api.stubFor(get(urlPathEqualTo(api("/repos/octocat/hello-world/git/tags/940bd336248efae0f9ee5bc7b2d5c985887b16ac")))
                .willReturn(ok("git-tag.json")));
        JsonNode tag = GitHubTestSupport.json(call("get_tag", ToolArgs.ALL.get("get_tag")));
        assertThat(tag.path("annotated").asBoolean()).isTrue();
        assertThat(tag.path("message").asText()).isEqualTo("initial version\n");
        assertThat(tag.at("/object/sha").asText()).isEqualTo("c3d0be41ecbe669545ee3e94d31ed9a4bc91ee3c");

        gh.api.resetRequests();
        gh.api.stubFor(get(urlPathEqualTo(api("/repos/octocat/hello-world/git/ref/tags/v0.9")))
                .willReturn(ok("ref-tag-light.json")));
        JsonNode light = GitHubTestSupport.json(call("get_tag", Map.of("owner", "octocat", "repo", "hello-world",
                "tag", "v0.9")));
        assertThat(light.path("annotated").asBoolean()).isFalse();
        assertThat(gh.requests()).as("a lightweight tag needs one request").hasSize(1);
    }

    @Test
    void releases() {
        gh.api.stubFor(get(urlPathEqualTo(api("/repos/octocat/hello-world/releases"))).willReturn(ok("releases.json")));
        gh.api.stubFor(get(urlPathEqualTo(api("/repos/octocat/hello-world/releases/latest"))).willReturn(ok("release.json")));
        gh.api.stubFor(get(urlPathEqualTo(api("/repos/octocat/hello-world/releases/tags/v1.0.0"))).willReturn(ok("release.json")));
        JsonNode list = GitHubTestSupport.json(call("list_releases", ToolArgs.ALL.get("list_releases")));
        assertThat(list.at("/items/0/tag_name").asText()).isEqualTo("v1.1.0");
        assertThat(list.at("/items/0/assets/0/download_count").asInt()).isEqualTo(42);
        JsonNode latest = GitHubTestSupport.json(call("get_latest_release", ToolArgs.ALL.get("get_latest_release")));
        assertThat(latest.path("tag_name").asText()).isEqualTo("v1.0.0");
        assertThat(latest.path("author").asText()).isEqualTo("octocat");
        JsonNode byTag = GitHubTestSupport.json(call("get_release_by_tag", ToolArgs.ALL.get("get_release_by_tag")));
        assertThat(byTag.path("body").asText()).isEqualTo("Description of the release");
    }

    @Test
    void createRepositoryGoesThroughHub4j() {
        gh.api.stubFor(post(urlPathEqualTo(api("/user/repos"))).willReturn(json(201,
                GitHubTestSupport.fixture("created-repo.json"))));
        JsonNode j = GitHubTestSupport.json(call("create_repository", Map.of("name", "new-repo", "description", "d",
                "autoInit", true)));
        gh.api.verify(postRequestedFor(urlPathEqualTo(api("/user/repos")))
                .withRequestBody(equalToJson("{\"name\":\"new-repo\",\"description\":\"d\",\"private\":true,"
                        + "\"auto_init\":true}", true, true)));
        assertThat(j.path("full_name").asText()).isEqualTo("octocat/new-repo");
        assertThat(j.path("url").asText()).isEqualTo("https://github.com/octocat/new-repo");
        assertThat(j.path("id").asText()).isEqualTo("1296271");
    }

    @Test
    void createRepositoryInAnOrganization() {
        gh.api.stubFor(post(urlPathEqualTo(api("/orgs/octo-org/repos"))).willReturn(json(201,
                GitHubTestSupport.fixture("created-repo.json"))));
        call("create_repository", Map.of("name", "new-repo", "organization", "octo-org", "private", false));
        gh.api.verify(postRequestedFor(urlPathEqualTo(api("/orgs/octo-org/repos")))
                .withRequestBody(equalToJson("{\"name\":\"new-repo\",\"private\":false,\"auto_init\":false}")));
    }

    @Test
    void forkRepository() {
        gh.api.stubFor(post(urlPathEqualTo(api("/repos/octocat/hello-world/forks"))).willReturn(json(202,
                GitHubTestSupport.fixture("fork.json"))));
        JsonNode j = GitHubTestSupport.json(call("fork_repository", Map.of("owner", "octocat", "repo", "hello-world",
                "organization", "octo-org")));
        gh.api.verify(postRequestedFor(urlPathEqualTo(api("/repos/octocat/hello-world/forks")))
                .withRequestBody(equalToJson("{\"organization\":\"octo-org\"}")));
        assertThat(j.path("full_name").asText()).isEqualTo("octocat/hello-world-fork");
        assertThat(j.path("message").asText()).contains("creating the fork");
    }


}
