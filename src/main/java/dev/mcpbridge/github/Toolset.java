package dev.mcpbridge.github;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mcpbridge.core.spi.Arguments;
import dev.mcpbridge.core.spi.TextResult;
import dev.mcpbridge.core.spi.ToolCallContext;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/** What every toolset shares: the adapter's one {@link GitHubClient}, given to its constructor. */
abstract class Toolset {

    protected final GitHubClient client;

    protected Toolset(GitHubClient client) {
        this.client = client;
    }

    /** Writing tools start here: a clear error without a token rather than GitHub's 401/404. */
    protected void requireToken(ToolCallContext ctx, String tool) {
        client.requireToken(ctx == null ? tool : ctx.toolName());
    }

    /**
     * One page of a GitHub list: sends the call with page and per_page, shapes each item, and answers the items with
     * what is needed to ask for the next page.
     */
    protected static TextResult page(GitHubClient.Call call, int page, int perPage, String what,
            Function<JsonNode, Object> shape) {
        ApiResponse r = call.query("page", page).query("per_page", perPage).send(what);
        List<Object> items = new ArrayList<>();
        r.json().forEach(item -> items.add(shape.apply(item)));
        return Results.json(Results.page(r, items, page, perPage));
    }

    /** The page asked for (page, from 1). */
    protected static int pageOf(Arguments a) {
        Long p = a.integer("page");
        return p == null ? 1 : (int) Math.max(1, Math.min(p, 100_000));
    }

    /**
     * Results per page asked for (perPage, 1 to 100; the peer's Actions tools call it per_page), or the tool's own
     * default.
     */
    protected static int perPageOf(Arguments a, int fallback) {
        Long p = a.integer("perPage") != null ? a.integer("perPage") : a.integer("per_page");
        return p == null ? fallback : (int) Math.max(1, Math.min(p, 100));
    }

    protected static long offsetOf(Arguments a) {
        Long o = a.integer("offset");
        return o == null ? 0 : Math.max(0, o);
    }

    protected static String owner(Arguments a) {
        return a.required("owner");
    }

    protected static String repo(Arguments a) {
        return a.required("repo");
    }

    protected static String repoName(String owner, String repo) {
        return owner + "/" + repo;
    }

    protected static ApiPath repoPath(String owner, String repo) {
        return ApiPath.of("repos").seg("owner", owner).seg("repo", repo);
    }
}
