package dev.mcpbridge.github;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Minimal forms of GitHub's objects: the fields a model needs, without the dozens of {@code *_url} templates of the
 * REST answers (a full issue is ~4 KB of JSON, its minimal form a few hundred bytes). Text written by users
 * (titles, bodies, comments, commit messages) goes through {@link SafeText#clean}.
 */
final class Shapes {

    private static final Set<String> USER_TEXT = Set.of("title", "body", "message", "name", "description",
            "display_title", "bio");

    private Shapes() {
    }

    /** Copies the named scalar fields that are present and not null; user text is cleaned. */
    static Map<String, Object> pick(JsonNode node, String... fields) {
        Map<String, Object> out = new LinkedHashMap<>();
        if (node == null || !node.isObject()) {
            return out;
        }
        for (String f : fields) {
            JsonNode v = node.get(f);
            if (v == null || v.isNull()) {
                continue;
            }
            out.put(f, scalar(f, v));
        }
        return out;
    }

    private static Object scalar(String field, JsonNode v) {
        if (v.isTextual()) {
            return USER_TEXT.contains(field) ? SafeText.clean(v.asText()) : v.asText();
        }
        if (v.isBoolean()) {
            return v.booleanValue();
        }
        if (v.isIntegralNumber()) {
            return v.longValue();
        }
        if (v.isNumber()) {
            return v.doubleValue();
        }
        return GitHubClient.JSON.convertValue(v, Object.class);
    }

    static String login(JsonNode user) {
        return user == null || user.isNull() ? null : user.path("login").asText(null);
    }

    static Map<String, Object> user(JsonNode u) {
        if (u == null || u.isNull()) {
            return null;
        }
        Map<String, Object> m = pick(u, "login", "id");
        if (u.hasNonNull("html_url")) {
            m.put("profile_url", u.get("html_url").asText());
        }
        if (u.hasNonNull("type") && !"User".equals(u.get("type").asText())) {
            m.put("type", u.get("type").asText());
        }
        return m;
    }

    static List<String> logins(JsonNode users) {
        List<String> out = new ArrayList<>();
        if (users != null) {
            users.forEach(u -> {
                String l = login(u);
                if (l != null) {
                    out.add(l);
                }
            });
        }
        return out;
    }

    static List<String> labelNames(JsonNode labels) {
        List<String> out = new ArrayList<>();
        if (labels != null) {
            labels.forEach(l -> out.add(SafeText.clean(l.isTextual() ? l.asText() : l.path("name").asText())));
        }
        return out;
    }

    static Map<String, Object> issue(JsonNode i) {
        Map<String, Object> m = pick(i, "id", "number", "title", "state", "state_reason", "locked");
        putIf(m, "user", login(i.get("user")));
        m.put("labels", labelNames(i.get("labels")));
        m.put("assignees", logins(i.get("assignees")));
        if (i.hasNonNull("milestone")) {
            m.put("milestone", SafeText.clean(i.get("milestone").path("title").asText()));
        }
        if (i.hasNonNull("type")) {
            m.put("issue_type", i.get("type").path("name").asText());
        }
        m.putAll(pick(i, "comments", "author_association", "created_at", "updated_at", "closed_at", "html_url"));
        if (i.hasNonNull("pull_request")) {
            m.put("is_pull_request", true);
        }
        if (i.hasNonNull("sub_issues_summary")) {
            m.put("sub_issues_summary", pick(i.get("sub_issues_summary"), "total", "completed", "percent_completed"));
        }
        putIf(m, "body", i.hasNonNull("body") ? SafeText.clean(i.get("body").asText()) : null);
        return m;
    }

    static Map<String, Object> comment(JsonNode c) {
        Map<String, Object> m = pick(c, "id");
        putIf(m, "user", login(c.get("user")));
        m.putAll(pick(c, "author_association", "created_at", "updated_at", "html_url", "body"));
        return m;
    }

    static Map<String, Object> pullRequest(JsonNode p) {
        Map<String, Object> m = pick(p, "id", "number", "title", "state", "draft", "merged", "mergeable",
                "mergeable_state", "html_url");
        putIf(m, "user", login(p.get("user")));
        m.put("labels", labelNames(p.get("labels")));
        m.put("assignees", logins(p.get("assignees")));
        m.put("requested_reviewers", logins(p.get("requested_reviewers")));
        putIf(m, "merged_by", login(p.get("merged_by")));
        m.put("head", branchRef(p.get("head")));
        m.put("base", branchRef(p.get("base")));
        m.putAll(pick(p, "additions", "deletions", "changed_files", "commits", "comments", "review_comments",
                "created_at", "updated_at", "closed_at", "merged_at", "merge_commit_sha"));
        if (p.hasNonNull("milestone")) {
            m.put("milestone", SafeText.clean(p.get("milestone").path("title").asText()));
        }
        putIf(m, "body", p.hasNonNull("body") ? SafeText.clean(p.get("body").asText()) : null);
        return m;
    }

    private static Map<String, Object> branchRef(JsonNode b) {
        if (b == null || b.isNull()) {
            return null;
        }
        Map<String, Object> m = pick(b, "ref", "sha");
        if (b.hasNonNull("repo")) {
            m.put("repo", b.get("repo").path("full_name").asText());
        }
        return m;
    }

    static Map<String, Object> repository(JsonNode r) {
        Map<String, Object> m = pick(r, "id", "name", "full_name", "description", "html_url", "language",
                "stargazers_count", "forks_count", "open_issues_count", "default_branch", "private", "fork",
                "archived", "visibility", "created_at", "updated_at", "pushed_at");
        if (r.has("topics") && r.get("topics").size() > 0) {
            m.put("topics", GitHubClient.JSON.convertValue(r.get("topics"), List.class));
        }
        return m;
    }

    static Map<String, Object> commit(JsonNode c) {
        Map<String, Object> m = pick(c, "sha", "html_url");
        JsonNode inner = c.path("commit");
        Map<String, Object> commit = pick(inner, "message");
        if (inner.has("author")) {
            commit.put("author", pick(inner.get("author"), "name", "email", "date"));
        }
        if (inner.has("committer")) {
            commit.put("committer", pick(inner.get("committer"), "name", "email", "date"));
        }
        m.put("commit", commit);
        putIf(m, "author", login(c.get("author")));
        putIf(m, "committer", login(c.get("committer")));
        if (c.has("parents")) {
            List<String> parents = new ArrayList<>();
            c.get("parents").forEach(p -> parents.add(p.path("sha").asText()));
            m.put("parents", parents);
        }
        if (c.has("stats")) {
            m.put("stats", pick(c.get("stats"), "additions", "deletions", "total"));
        }
        return m;
    }

    static Map<String, Object> file(JsonNode f) {
        return pick(f, "filename", "status", "additions", "deletions", "changes", "previous_filename", "sha");
    }

    static Map<String, Object> release(JsonNode r) {
        Map<String, Object> m = pick(r, "id", "tag_name", "name", "draft", "prerelease", "target_commitish",
                "created_at", "published_at", "html_url", "tarball_url", "zipball_url");
        putIf(m, "author", login(r.get("author")));
        List<Map<String, Object>> assets = new ArrayList<>();
        r.path("assets").forEach(a -> assets.add(pick(a, "id", "name", "content_type", "size", "download_count",
                "browser_download_url")));
        m.put("assets", assets);
        putIf(m, "body", r.hasNonNull("body") ? SafeText.clean(r.get("body").asText()) : null);
        return m;
    }

    static void putIf(Map<String, Object> m, String key, Object value) {
        if (value != null) {
            m.put(key, value);
        }
    }
}
