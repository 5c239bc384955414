package dev.mcpbridge.github;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mcpbridge.core.spi.Arguments;
import dev.mcpbridge.core.spi.TextResult;
import dev.mcpbridge.core.spi.ToolCallContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/** GitHub's search endpoints: code, repositories, commits (repos), issues, pull requests, users. */
public class SearchTools extends Toolset {

    public SearchTools(GitHubClient client) {
        super(client);
    }

    private TextResult search(Arguments a, String kind, String query, String what, Function<JsonNode, Object> shape) {
        int page = pageOf(a);
        int perPage = perPageOf(a, 30);
        ApiResponse r = client.get(ApiPath.of("search").fixed(kind)).query("q", query).query("sort", a.str("sort"))
                .query("order", a.str("order")).query("page", page).query("per_page", perPage)
                .send(what + " matching '" + query + "'");
        List<Object> items = new ArrayList<>();
        FieldSelection fields = FieldSelection.of(a);
        r.json().path("items").forEach(i -> items.add(fields.apply(shape.apply(i))));
        return Results.json(Results.search(r, items, page, perPage));
    }

    public TextResult searchCode(Arguments a,
            ToolCallContext ctx) {
        return search(a, "code", a.required("query"), "code", i -> {
            Map<String, Object> m = Shapes.pick(i, "name", "path", "sha", "html_url");
            m.put("repository", i.path("repository").path("full_name").asText());
            return m;
        });
    }

    public TextResult searchRepositories(Arguments a,
            ToolCallContext ctx) {
        boolean minimal = a.bool("minimal_output", true);
        return search(a, "repositories", a.required("query"), "repositories",
                i -> minimal ? Shapes.repository(i) : GitHubClient.JSON.convertValue(i, Object.class));
    }

    public TextResult searchCommits(Arguments a,
            ToolCallContext ctx) {
        return search(a, "commits", a.required("query"), "commits", i -> {
            Map<String, Object> m = Shapes.commit(i);
            m.put("repository", i.path("repository").path("full_name").asText());
            return m;
        });
    }

    public TextResult searchIssues(Arguments a,
            ToolCallContext ctx) {
        return search(a, "issues", scoped(a, "is:issue"), "issues", Shapes::issue);
    }

    public TextResult searchPullRequests(Arguments a,
            ToolCallContext ctx) {
        return search(a, "issues", scoped(a, "is:pr"), "pull requests", Shapes::issue);
    }

    public TextResult searchUsers(Arguments a,
            ToolCallContext ctx) {
        String q = a.required("query");
        if (!q.toLowerCase(Locale.ROOT).contains("type:")) {
            q = q + " type:user";
        }
        return search(a, "users", q, "users", Shapes::user);
    }

    /** The query with the kind qualifier and, when owner and repo are given, repo:owner/repo. */
    static String scoped(Arguments a, String kind) {
        String q = a.required("query");
        String lower = q.toLowerCase(Locale.ROOT);
        if (!lower.contains(kind)) {
            q = kind + " " + q;
        }
        if (a.str("owner") != null && a.str("repo") != null && !lower.contains("repo:")) {
            q = "repo:" + a.str("owner") + "/" + a.str("repo") + " " + q;
        }
        return q;
    }
}
