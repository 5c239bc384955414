package dev.mcpbridge.github;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mcpbridge.core.spi.Arguments;
import dev.mcpbridge.core.spi.TextResult;
import dev.mcpbridge.core.spi.ToolCallContext;
import dev.mcpbridge.core.spi.ToolException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.kohsuke.github.GHCreateRepositoryBuilder;
import org.kohsuke.github.GHRepository;

/** The repos toolset: contents, branches, commits, tags, releases, repositories. */
public class RepoTools extends Toolset {

    public RepoTools(GitHubClient client) {
        super(client);
    }

    // ---- contents ----

    public TextResult getFileContents(Arguments a,
            ToolCallContext ctx) {
        String owner = owner(a);
        String repo = repo(a);
        String path = a.str("path", "/");
        String ref = a.str("sha") != null ? a.str("sha") : a.str("ref");
        ApiPath api = repoPath(owner, repo).fixed("contents").segs("path", path);
        String what = (path.equals("/") || path.isBlank() ? "the root directory" : "'" + path + "'") + " in "
                + repoName(owner, repo) + (ref == null ? "" : " at " + ref);
        ApiResponse r = client.get(api).query("ref", ref).send(what);
        JsonNode json = r.json();
        if (json.isArray()) {
            List<Object> entries = new ArrayList<>();
            FieldSelection fields = FieldSelection.of(a);
            json.forEach(e -> entries.add(fields.apply(Shapes.pick(e, "type", "name", "path", "size", "sha",
                    "html_url", "download_url"))));
            Map<String, Object> dir = new LinkedHashMap<>();
            dir.put("path", path);
            dir.put("entries", entries);
            return Results.json(dir);
        }
        String type = json.path("type").asText();
        if (type.equals("symlink")) {
            return Results.json(Shapes.pick(json, "type", "path", "target", "sha"));
        }
        if (type.equals("submodule")) {
            return Results.json(Shapes.pick(json, "type", "path", "submodule_git_url", "sha"));
        }
        byte[] bytes;
        if ("base64".equals(json.path("encoding").asText()) && !json.path("content").asText().isEmpty()
                || json.path("size").asLong() == 0) {
            bytes = Base64.getMimeDecoder().decode(json.path("content").asText(""));
        } else {
            // Files over 1 MB come without content: ask for the raw bytes (up to 100 MB).
            bytes = client.get(api).query("ref", ref).accept("application/vnd.github.raw+json").send(what).body();
        }
        String sha = json.path("sha").asText();
        String filePath = json.path("path").asText(path);
        long size = json.path("size").asLong(bytes.length);
        if (SafeText.binary(bytes)) {
            Map<String, Object> bin = new LinkedHashMap<>();
            bin.put("type", "file");
            bin.put("path", filePath);
            bin.put("sha", sha);
            bin.put("size", size);
            bin.put("binary", true);
            Shapes.putIf(bin, "download_url", json.path("download_url").asText(null));
            bin.put("message", "binary file, not shown as text (" + size + " bytes)");
            return Results.json(bin);
        }
        String text = SafeText.cleanInvisible(new String(bytes, StandardCharsets.UTF_8));
        SafeText.Window w = SafeText.window(text, offsetOf(a), client.contentWindow(), "file");
        String header = "File " + filePath + " in " + repoName(owner, repo) + (ref == null ? "" : " at " + ref)
                + " (sha " + sha + ", " + size + " bytes)";
        return Results.text(header + "\n\n" + w.withNotice());
    }

    public TextResult createOrUpdateFile(Arguments a,
            ToolCallContext ctx) {
        requireToken(ctx, "create_or_update_file");
        String owner = owner(a);
        String repo = repo(a);
        String path = a.required("path");
        String content = a.requiredAllowEmpty("content");
        String branch = a.required("branch");
        byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("message", a.required("message"));
        body.put("content", Base64.getEncoder().encodeToString(bytes));
        body.put("branch", branch);
        Shapes.putIf(body, "sha", a.str("sha"));
        String what = "file '" + path + "' in " + repoName(owner, repo) + " on branch '" + branch + "'";
        JsonNode json;
        try {
            json = client.put(repoPath(owner, repo).fixed("contents").segs("path", path)).body(body).json(what);
        } catch (ToolException e) {
            if (a.str("sha") == null && (e.getMessage().contains("(422") || e.getMessage().contains("(409"))) {
                throw new ToolException(e.getMessage() + " If the file already exists, give its current blob sha "
                        + "(get_file_contents shows it).");
            }
            throw e;
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("content", Shapes.pick(json.path("content"), "name", "path", "sha", "size", "html_url"));
        out.put("commit", Shapes.pick(json.path("commit"), "sha", "message", "html_url"));
        long stored = json.path("content").path("size").asLong(bytes.length);
        if (stored != bytes.length) {
            // github-mcp-server's known hole: a truncated write reported as success. Say it.
            throw new ToolException("GitHub stored " + stored + " bytes of the " + bytes.length + " sent for " + what
                    + " (commit " + json.path("commit").path("sha").asText() + "): the file is incomplete.");
        }
        return Results.json(out);
    }

    public TextResult deleteFile(Arguments a,
            ToolCallContext ctx) {
        requireToken(ctx, "delete_file");
        String owner = owner(a);
        String repo = repo(a);
        String path = a.required("path");
        String branch = a.required("branch");
        ApiPath api = repoPath(owner, repo).fixed("contents").segs("path", path);
        String what = "file '" + path + "' in " + repoName(owner, repo) + " on branch '" + branch + "'";
        JsonNode current = client.get(api).query("ref", branch).json(what);
        if (current.isArray() || !"file".equals(current.path("type").asText("file"))) {
            throw new ToolException("'" + path + "' in " + repoName(owner, repo) + " is not a file: delete_file "
                    + "deletes one file");
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("message", a.required("message"));
        body.put("sha", current.path("sha").asText());
        body.put("branch", branch);
        JsonNode json = client.delete(api).body(body).json(what);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("deleted", path);
        out.put("commit", Shapes.pick(json.path("commit"), "sha", "message", "html_url"));
        return Results.json(out);
    }

    public TextResult pushFiles(Arguments a,
            ToolCallContext ctx) {
        requireToken(ctx, "push_files");
        String owner = owner(a);
        String repo = repo(a);
        String branch = a.required("branch");
        String message = a.required("message");
        List<Map<String, Object>> files = a.objects("files");
        if (files.isEmpty()) {
            throw new ToolException("files must list at least one file");
        }
        List<Map<String, Object>> tree = new ArrayList<>();
        for (Map<String, Object> f : files) {
            Object p = f.get("path");
            if (p == null || String.valueOf(p).isBlank()) {
                throw new ToolException("every file needs a path");
            }
            String path = String.valueOf(p);
            ApiPath.of().segs("file path", path); // refuses '.', '..' and empty segments
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("path", path.replaceAll("^/+", ""));
            entry.put("mode", f.get("mode") == null ? "100644" : String.valueOf(f.get("mode")));
            entry.put("type", "blob");
            entry.put("content", f.get("content") == null ? "" : String.valueOf(f.get("content")));
            tree.add(entry);
        }
        String where = repoName(owner, repo);
        JsonNode ref = client.get(repoPath(owner, repo).fixed("git").fixed("ref").fixed("heads").segs("branch", branch))
                .json("branch '" + branch + "' of " + where);
        String head = ref.path("object").path("sha").asText();
        JsonNode commit = client.get(repoPath(owner, repo).fixed("git").fixed("commits").seg("sha", head))
                .json("commit " + head + " of " + where);
        Map<String, Object> treeBody = new LinkedHashMap<>();
        treeBody.put("base_tree", commit.path("tree").path("sha").asText());
        treeBody.put("tree", tree);
        JsonNode newTree = client.post(repoPath(owner, repo).fixed("git").fixed("trees")).body(treeBody)
                .json("a tree in " + where);
        Map<String, Object> commitBody = new LinkedHashMap<>();
        commitBody.put("message", message);
        commitBody.put("tree", newTree.path("sha").asText());
        commitBody.put("parents", List.of(head));
        JsonNode newCommit = client.post(repoPath(owner, repo).fixed("git").fixed("commits")).body(commitBody)
                .json("a commit in " + where);
        Map<String, Object> update = new LinkedHashMap<>();
        update.put("sha", newCommit.path("sha").asText());
        update.put("force", false);
        JsonNode updated = client.patch(repoPath(owner, repo).fixed("git").fixed("refs").fixed("heads")
                .segs("branch", branch)).body(update).json("branch '" + branch + "' of " + where);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("ref", updated.path("ref").asText());
        out.put("object", Shapes.pick(updated.path("object"), "sha", "type"));
        out.put("files", tree.size());
        return Results.json(out);
    }

    // ---- branches ----

    public TextResult createBranch(Arguments a,
            ToolCallContext ctx) {
        requireToken(ctx, "create_branch");
        String owner = owner(a);
        String repo = repo(a);
        String branch = a.required("branch");
        String from = a.str("from_branch");
        String where = repoName(owner, repo);
        ApiPath.of().segs("branch", branch); // refuses '.' and '..' segments early
        if (from == null) {
            from = client.get(repoPath(owner, repo)).json("repository " + where).path("default_branch").asText();
        }
        JsonNode ref = client.get(repoPath(owner, repo).fixed("git").fixed("ref").fixed("heads").segs("from_branch", from))
                .json("branch '" + from + "' of " + where);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("ref", "refs/heads/" + branch);
        body.put("sha", ref.path("object").path("sha").asText());
        JsonNode created = client.post(repoPath(owner, repo).fixed("git").fixed("refs")).body(body)
                .json("branch '" + branch + "' in " + where);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("ref", created.path("ref").asText());
        out.put("object", Shapes.pick(created.path("object"), "sha", "type"));
        return Results.json(out);
    }

    public TextResult listBranches(Arguments a,
            ToolCallContext ctx) {
        int page = pageOf(a);
        int perPage = perPageOf(a, 30);
        return page(client.get(repoPath(owner(a), repo(a)).fixed("branches")), page, perPage,
                "the branches of " + repoName(owner(a), repo(a)), b -> {
            Map<String, Object> m = Shapes.pick(b, "name");
            m.put("sha", b.path("commit").path("sha").asText());
            m.put("protected", b.path("protected").asBoolean());
            return m;
        });
    }

    public TextResult listRepositoryCollaborators(Arguments a, ToolCallContext ctx) {
        int page = pageOf(a);
        int perPage = perPageOf(a, 30);
        return page(client.get(repoPath(owner(a), repo(a)).fixed("collaborators"))
                .query("affiliation", a.str("affiliation")), page, perPage,
                "the collaborators of " + repoName(owner(a), repo(a)), c -> {
            Map<String, Object> m = Shapes.user(c);
            Shapes.putIf(m, "role_name", c.path("role_name").asText(null));
            if (c.has("permissions")) {
                m.put("permissions", Shapes.pick(c.get("permissions"), "admin", "maintain", "push", "triage", "pull"));
            }
            return m;
        });
    }

    // ---- commits ----

    public TextResult listCommits(Arguments a,
            ToolCallContext ctx) {
        int page = pageOf(a);
        int perPage = perPageOf(a, 30);
        ApiResponse r = client.get(repoPath(owner(a), repo(a)).fixed("commits")).query("sha", a.str("sha"))
                .query("path", a.str("path")).query("author", a.str("author")).query("since", a.str("since"))
                .query("until", a.str("until")).query("page", page).query("per_page", perPage)
                .send("the commits of " + repoName(owner(a), repo(a))
                        + (a.str("sha") == null ? "" : " at " + a.str("sha")));
        List<Object> items = new ArrayList<>();
        FieldSelection fields = FieldSelection.of(a);
        r.json().forEach(c -> items.add(fields.apply(Shapes.commit(c))));
        return Results.json(Results.page(r, items, page, perPage));
    }

    public TextResult getCommit(Arguments a,
            ToolCallContext ctx) {
        String sha = a.required("sha");
        int page = pageOf(a);
        int perPage = perPageOf(a, 30);
        String detail = detailOf(a);
        ApiResponse r = client.get(repoPath(owner(a), repo(a)).fixed("commits").segs("sha", sha))
                .query("page", page).query("per_page", perPage)
                .send("commit '" + sha + "' of " + repoName(owner(a), repo(a)));
        JsonNode c = r.json();
        Map<String, Object> m = Shapes.commit(c);
        if (detail.equals("none")) {
            m.remove("stats");
        } else {
            List<Map<String, Object>> files = new ArrayList<>();
            int budget = client.contentWindow();
            boolean cut = false;
            for (JsonNode f : c.path("files")) {
                Map<String, Object> file = Shapes.file(f);
                String patch = detail.equals("full_patch") ? f.path("patch").asText(null) : null;
                if (patch != null) {
                    if (patch.length() <= budget) {
                        file.put("patch", SafeText.cleanInvisible(patch));
                        budget -= patch.length();
                    } else {
                        file.put("patch_omitted", "patch of " + patch.length() + " characters is past the content "
                                + "window; use a smaller perPage or pull_request_read get_diff");
                        cut = true;
                    }
                }
                files.add(file);
            }
            m.put("files", files);
            Integer next = r.linkPage("next");
            if (next != null) {
                m.put("nextPage", next);
            }
            if (cut) {
                m.put("notice", "some patches were left out to stay within the content window");
            }
        }
        return Results.json(m);
    }

    /**
     * The peer's {@code detail}: none, stats (its default: files without patches) or full_patch. Our older
     * {@code include_diff} still works when detail is not given: false is none, true is full_patch.
     */
    private static String detailOf(Arguments a) {
        String detail = a.str("detail");
        if (detail == null) {
            Boolean includeDiff = a.bool("include_diff");
            return includeDiff == null ? "stats" : includeDiff ? "full_patch" : "none";
        }
        if (!List.of("none", "stats", "full_patch").contains(detail)) {
            throw new ToolException("detail must be none, stats or full_patch, not '" + detail + "'");
        }
        return detail;
    }

    // ---- tags and releases ----

    public TextResult listTags(Arguments a, ToolCallContext ctx) {
        int page = pageOf(a);
        int perPage = perPageOf(a, 30);
        return page(client.get(repoPath(owner(a), repo(a)).fixed("tags")), page, perPage,
                "the tags of " + repoName(owner(a), repo(a)), t -> {
            Map<String, Object> m = Shapes.pick(t, "name");
            m.put("sha", t.path("commit").path("sha").asText());
            return m;
        });
    }

    public TextResult getTag(Arguments a, ToolCallContext ctx) {
        String owner = owner(a);
        String repo = repo(a);
        String tag = a.required("tag");
        String what = "tag '" + tag + "' of " + repoName(owner, repo);
        JsonNode ref = client.get(repoPath(owner, repo).fixed("git").fixed("ref").fixed("tags").segs("tag", tag))
                .json(what);
        JsonNode object = ref.path("object");
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("tag", tag);
        if (!"tag".equals(object.path("type").asText())) {
            // A lightweight tag: the ref points at the commit itself.
            out.put("sha", object.path("sha").asText());
            out.put("object", Shapes.pick(object, "sha", "type"));
            out.put("annotated", false);
            return Results.json(out);
        }
        JsonNode t = client.get(repoPath(owner, repo).fixed("git").fixed("tags").seg("sha", object.path("sha").asText()))
                .json(what);
        out.put("sha", t.path("sha").asText());
        out.put("annotated", true);
        Shapes.putIf(out, "message", t.hasNonNull("message") ? SafeText.clean(t.get("message").asText()) : null);
        out.put("tagger", Shapes.pick(t.path("tagger"), "name", "email", "date"));
        out.put("object", Shapes.pick(t.path("object"), "sha", "type"));
        if (t.has("verification")) {
            out.put("verified", t.path("verification").path("verified").asBoolean());
        }
        return Results.json(out);
    }

    public TextResult listReleases(Arguments a,
            ToolCallContext ctx) {
        int page = pageOf(a);
        int perPage = perPageOf(a, 30);
        FieldSelection fields = FieldSelection.of(a);
        return page(client.get(repoPath(owner(a), repo(a)).fixed("releases")), page, perPage,
                "the releases of " + repoName(owner(a), repo(a)), r -> fields.apply(Shapes.release(r)));
    }

    public TextResult getLatestRelease(Arguments a,
            ToolCallContext ctx) {
        JsonNode r = client.get(repoPath(owner(a), repo(a)).fixed("releases").fixed("latest"))
                .json("the latest release of " + repoName(owner(a), repo(a)));
        return Results.json(Shapes.release(r));
    }

    public TextResult getReleaseByTag(Arguments a,
            ToolCallContext ctx) {
        String tag = a.required("tag");
        JsonNode r = client.get(repoPath(owner(a), repo(a)).fixed("releases").fixed("tags").seg("tag", tag))
                .json("the release with tag '" + tag + "' of " + repoName(owner(a), repo(a)));
        return Results.json(Shapes.release(r));
    }

    // ---- repositories ----

    public TextResult createRepository(Arguments a,
            ToolCallContext ctx) {
        requireToken(ctx, "create_repository");
        String name = a.required("name");
        String org = a.str("organization");
        if (org != null && !org.matches("[A-Za-z0-9](?:[A-Za-z0-9_.-]{0,99})")) {
            throw new ToolException("organization '" + org + "' is not a valid organization name");
        }
        String what = "repository '" + name + "'" + (org == null ? "" : " in organization '" + org + "'");
        if (org != null) {
            // hub4j would first GET the organization; REST needs one request.
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("name", name);
            Shapes.putIf(body, "description", a.str("description"));
            body.put("private", a.bool("private", true));
            body.put("auto_init", a.bool("autoInit", false));
            JsonNode json = client.post(ApiPath.of("orgs").seg("organization", org).fixed("repos")).body(body)
                    .json(what);
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("id", String.valueOf(json.path("id").asLong()));
            out.put("url", json.path("html_url").asText());
            out.put("full_name", json.path("full_name").asText());
            out.put("private", json.path("private").asBoolean());
            Shapes.putIf(out, "default_branch", json.path("default_branch").asText(null));
            Shapes.putIf(out, "clone_url", json.path("clone_url").asText(null));
            return Results.json(out);
        }
        GHRepository created = client.viaHub("POST", what, gh -> {
            GHCreateRepositoryBuilder b = gh.createRepository(name);
            if (a.str("description") != null) {
                b.description(a.str("description"));
            }
            b.private_(a.bool("private", true));
            b.autoInit(a.bool("autoInit", false));
            return b.create();
        });
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", String.valueOf(created.getId()));
        out.put("url", created.getHtmlUrl() == null ? null : created.getHtmlUrl().toString());
        out.put("full_name", created.getFullName());
        out.put("private", created.isPrivate());
        Shapes.putIf(out, "default_branch", created.getDefaultBranch());
        Shapes.putIf(out, "clone_url", created.getHttpTransportUrl());
        return Results.json(out);
    }

    public TextResult forkRepository(Arguments a,
            ToolCallContext ctx) {
        requireToken(ctx, "fork_repository");
        Map<String, Object> body = new LinkedHashMap<>();
        Shapes.putIf(body, "organization", a.str("organization"));
        ApiResponse r = client.post(repoPath(owner(a), repo(a)).fixed("forks")).body(body)
                .send("a fork of " + repoName(owner(a), repo(a)));
        JsonNode json = r.json();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", String.valueOf(json.path("id").asLong()));
        out.put("url", json.path("html_url").asText());
        out.put("full_name", json.path("full_name").asText());
        if (r.code() == 202) {
            out.put("message", "GitHub is creating the fork; it may take a few seconds before it can be used");
        }
        return Results.json(out);
    }
}
