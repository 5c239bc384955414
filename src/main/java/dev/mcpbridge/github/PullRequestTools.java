package dev.mcpbridge.github;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mcpbridge.core.spi.Arguments;
import dev.mcpbridge.core.spi.TextResult;
import dev.mcpbridge.core.spi.ToolCallContext;
import dev.mcpbridge.core.spi.ToolException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The pull_requests toolset. */
public class PullRequestTools extends Toolset {

    public PullRequestTools(GitHubClient client) {
        super(client);
    }

    private ApiPath pull(String owner, String repo, long number) {
        return repoPath(owner, repo).fixed("pulls").seg("pullNumber", number);
    }

    public TextResult pullRequestRead(Arguments a,
            ToolCallContext ctx) {
        String owner = owner(a);
        String repo = repo(a);
        long number = a.requiredInt("pullNumber");
        String method = a.required("method");
        String what = "pull request #" + number + " in " + repoName(owner, repo);
        int page = pageOf(a);
        int perPage = perPageOf(a, 30);
        switch (method) {
            case "get" -> {
                return Results.json(Shapes.pullRequest(client.get(pull(owner, repo, number)).json(what)));
            }
            case "get_diff" -> {
                String diff = client.get(pull(owner, repo, number)).accept("application/vnd.github.diff")
                        .send("the diff of " + what).text();
                SafeText.Window w = SafeText.window(SafeText.cleanInvisible(diff), offsetOf(a), client.contentWindow(),
                        "diff");
                return Results.text(w.withNotice());
            }
            case "get_status" -> {
                JsonNode pr = client.get(pull(owner, repo, number)).json(what);
                String sha = pr.path("head").path("sha").asText();
                JsonNode status = client.get(repoPath(owner, repo).fixed("commits").seg("sha", sha).fixed("status"))
                        .json("the status of commit " + sha + " (head of " + what + ")");
                Map<String, Object> out = Shapes.pick(status, "state", "sha", "total_count");
                List<Object> statuses = new ArrayList<>();
                status.path("statuses").forEach(s -> statuses.add(Shapes.pick(s, "context", "state", "description",
                        "target_url", "updated_at")));
                out.put("statuses", statuses);
                return Results.json(out);
            }
            case "get_files" -> {
                ApiResponse r = client.get(pull(owner, repo, number).fixed("files")).query("page", page)
                        .query("per_page", perPage).send("the files of " + what);
                List<Object> items = new ArrayList<>();
                int budget = client.contentWindow();
                for (JsonNode f : r.json()) {
                    Map<String, Object> file = Shapes.file(f);
                    String patch = f.path("patch").asText(null);
                    if (patch != null && patch.length() <= budget) {
                        file.put("patch", SafeText.cleanInvisible(patch));
                        budget -= patch.length();
                    } else if (patch != null) {
                        file.put("patch_omitted", "patch of " + patch.length() + " characters is past the content "
                                + "window; read it with get_diff and offset");
                    }
                    items.add(file);
                }
                return Results.json(Results.page(r, items, page, perPage));
            }
            case "get_commits" -> {
                return page(client.get(pull(owner, repo, number).fixed("commits")), page, perPage,
                        "the commits of " + what, Shapes::commit);
            }
            case "get_review_comments" -> {
                return Results.json(reviewThreads(owner, repo, number, perPage, a.str("after"), what));
            }
            case "get_check_runs" -> {
                JsonNode pr = client.get(pull(owner, repo, number)).json(what);
                String sha = pr.path("head").path("sha").asText();
                ApiResponse r = client.get(repoPath(owner, repo).fixed("commits").seg("sha", sha).fixed("check-runs"))
                        .query("page", page).query("per_page", perPage)
                        .send("the check runs of commit " + sha + " (head of " + what + ")");
                List<Object> runs = new ArrayList<>();
                r.json().path("check_runs").forEach(c -> {
                    Map<String, Object> run = Shapes.pick(c, "id", "name", "status", "conclusion", "started_at",
                            "completed_at", "html_url", "details_url");
                    Shapes.putIf(run, "app", c.path("app").path("slug").asText(null));
                    runs.add(run);
                });
                Map<String, Object> out = new LinkedHashMap<>();
                out.put("sha", sha);
                out.put("total_count", r.json().path("total_count").asLong());
                out.putAll(Results.page(r, runs, page, perPage));
                return Results.json(out);
            }
            case "get_reviews" -> {
                return page(client.get(pull(owner, repo, number).fixed("reviews")), page, perPage,
                        "the reviews of " + what, v -> {
                    Map<String, Object> m = Shapes.pick(v, "id", "state");
                    Shapes.putIf(m, "user", Shapes.login(v.get("user")));
                    m.putAll(Shapes.pick(v, "submitted_at", "commit_id", "html_url", "author_association", "body"));
                    return m;
                });
            }
            case "get_comments" -> {
                ApiResponse r = client.get(repoPath(owner, repo).fixed("issues").seg("pullNumber", number)
                        .fixed("comments")).query("page", page).query("per_page", perPage)
                        .send("the comments of " + what);
                List<Object> items = new ArrayList<>();
                r.json().forEach(c -> items.add(Shapes.comment(c)));
                return Results.json(Results.page(r, items, page, perPage));
            }
            default -> throw new ToolException("unknown method '" + method + "' (expected get, get_diff, get_status, "
                    + "get_files, get_commits, get_review_comments, get_reviews, get_comments or get_check_runs)");
        }
    }

    /**
     * Review comments grouped in their threads, from GraphQL: only there does a thread have the node ID that
     * resolve_thread needs, and its resolved and outdated state. Paged by the thread cursor {@code after}.
     */
    private Map<String, Object> reviewThreads(String owner, String repo, long number, int perPage, String after,
            String what) {
        Map<String, Object> variables = new LinkedHashMap<>();
        variables.put("owner", owner);
        variables.put("repo", repo);
        variables.put("number", number);
        variables.put("first", perPage);
        variables.put("after", after);
        JsonNode data = client.graphql("query($owner: String!, $repo: String!, $number: Int!, $first: Int!, "
                + "$after: String) { repository(owner: $owner, name: $repo) { pullRequest(number: $number) { "
                + "reviewThreads(first: $first, after: $after) { totalCount pageInfo { hasNextPage endCursor } "
                + "nodes { id isResolved isOutdated isCollapsed path line startLine diffSide "
                + "comments(first: 100) { totalCount nodes { databaseId body author { login } createdAt updatedAt "
                + "url } } } } } } }", variables, "the review threads of " + what);
        JsonNode threads = data.path("repository").path("pullRequest").path("reviewThreads");
        if (threads.isMissingNode() || threads.isNull()) {
            throw new ToolException("Not found: " + what + ".");
        }
        List<Object> items = new ArrayList<>();
        for (JsonNode t : threads.path("nodes")) {
            Map<String, Object> thread = Shapes.pick(t, "id", "isResolved", "isOutdated", "isCollapsed", "path",
                    "line", "startLine", "diffSide");
            List<Object> comments = new ArrayList<>();
            for (JsonNode c : t.path("comments").path("nodes")) {
                Map<String, Object> comment = new LinkedHashMap<>();
                Shapes.putIf(comment, "id", c.hasNonNull("databaseId") ? c.get("databaseId").asLong() : null);
                Shapes.putIf(comment, "user", c.path("author").path("login").asText(null));
                comment.putAll(Shapes.pick(c, "createdAt", "updatedAt", "url", "body"));
                comments.add(comment);
            }
            thread.put("comments", comments);
            thread.put("totalComments", t.path("comments").path("totalCount").asLong());
            items.add(thread);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("threads", items);
        out.put("totalCount", threads.path("totalCount").asLong());
        out.put("pageInfo", Shapes.pick(threads.path("pageInfo"), "hasNextPage", "endCursor"));
        return out;
    }

    public TextResult listPullRequests(Arguments a,
            ToolCallContext ctx) {
        int page = pageOf(a);
        int perPage = perPageOf(a, 30);
        ApiResponse r = client.get(repoPath(owner(a), repo(a)).fixed("pulls")).query("state", a.str("state"))
                .query("head", a.str("head")).query("base", a.str("base")).query("sort", a.str("sort"))
                .query("direction", a.str("direction")).query("page", page).query("per_page", perPage)
                .send("the pull requests of " + repoName(owner(a), repo(a)));
        List<Object> items = new ArrayList<>();
        FieldSelection fields = FieldSelection.of(a);
        r.json().forEach(p -> items.add(fields.apply(Shapes.pullRequest(p))));
        return Results.json(Results.page(r, items, page, perPage));
    }

    public TextResult createPullRequest(Arguments a,
            ToolCallContext ctx) {
        requireToken(ctx, "create_pull_request");
        String owner = owner(a);
        String repo = repo(a);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("title", a.required("title"));
        body.put("head", a.required("head"));
        body.put("base", a.required("base"));
        Shapes.putIf(body, "body", a.str("body"));
        Shapes.putIf(body, "draft", a.bool("draft"));
        Shapes.putIf(body, "maintainer_can_modify", a.bool("maintainer_can_modify"));
        JsonNode pr = client.post(repoPath(owner, repo).fixed("pulls")).body(body)
                .json("a pull request from '" + a.str("head") + "' into '" + a.str("base") + "' in "
                        + repoName(owner, repo));
        long number = pr.path("number").asLong();
        List<String> reviewers = a.strings("reviewers");
        if (!reviewers.isEmpty()) {
            pr = requestReviewers(owner, repo, number, reviewers);
        }
        return Results.json(Shapes.pullRequest(pr));
    }

    private JsonNode requestReviewers(String owner, String repo, long number, List<String> reviewers) {
        List<String> users = new ArrayList<>();
        List<String> teams = new ArrayList<>();
        for (String r : reviewers) {
            int slash = r.indexOf('/');
            if (slash > 0) {
                teams.add(r.substring(slash + 1)); // ORG/team-slug
            } else {
                users.add(r);
            }
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("reviewers", users);
        body.put("team_reviewers", teams);
        return client.post(pull(owner, repo, number).fixed("requested_reviewers")).body(body)
                .json("reviewers for pull request #" + number + " in " + repoName(owner, repo));
    }

    public TextResult updatePullRequest(Arguments a,
            ToolCallContext ctx) {
        requireToken(ctx, "update_pull_request");
        String owner = owner(a);
        String repo = repo(a);
        long number = a.requiredInt("pullNumber");
        String what = "pull request #" + number + " in " + repoName(owner, repo);
        Map<String, Object> body = new LinkedHashMap<>();
        Shapes.putIf(body, "title", a.str("title"));
        if (a.has("body")) {
            body.put("body", a.requiredAllowEmpty("body"));
        }
        Shapes.putIf(body, "state", a.str("state"));
        Shapes.putIf(body, "base", a.str("base"));
        Shapes.putIf(body, "maintainer_can_modify", a.bool("maintainer_can_modify"));
        Boolean draft = a.bool("draft");
        List<String> reviewers = a.strings("reviewers");
        if (body.isEmpty() && draft == null && reviewers.isEmpty()) {
            throw new ToolException("update_pull_request needs at least one field to change");
        }
        JsonNode pr = body.isEmpty() ? client.get(pull(owner, repo, number)).json(what)
                : client.patch(pull(owner, repo, number)).body(body).json(what);
        if (draft != null && draft != pr.path("draft").asBoolean()) {
            // REST cannot toggle draft: GraphQL can, as github-mcp-server does.
            String mutation = draft
                    ? "mutation($id: ID!) { convertPullRequestToDraft(input: {pullRequestId: $id}) { pullRequest { isDraft } } }"
                    : "mutation($id: ID!) { markPullRequestReadyForReview(input: {pullRequestId: $id}) { pullRequest { isDraft } } }";
            client.graphql(mutation, Map.of("id", pr.path("node_id").asText()), "the draft state of " + what);
            ((com.fasterxml.jackson.databind.node.ObjectNode) pr).put("draft", draft);
        }
        if (!reviewers.isEmpty()) {
            pr = requestReviewers(owner, repo, number, reviewers);
        }
        return Results.json(Shapes.pullRequest(pr));
    }

    public TextResult mergePullRequest(Arguments a,
            ToolCallContext ctx) {
        requireToken(ctx, "merge_pull_request");
        long number = a.requiredInt("pullNumber");
        Map<String, Object> body = new LinkedHashMap<>();
        Shapes.putIf(body, "commit_title", a.str("commit_title"));
        Shapes.putIf(body, "commit_message", a.str("commit_message"));
        Shapes.putIf(body, "merge_method", a.str("merge_method"));
        JsonNode r = client.put(pull(owner(a), repo(a), number).fixed("merge")).body(body)
                .json("the merge of pull request #" + number + " in " + repoName(owner(a), repo(a)));
        return Results.json(Shapes.pick(r, "sha", "merged", "message"));
    }

    public TextResult updatePullRequestBranch(Arguments a,
            ToolCallContext ctx) {
        requireToken(ctx, "update_pull_request_branch");
        long number = a.requiredInt("pullNumber");
        Map<String, Object> body = new LinkedHashMap<>();
        Shapes.putIf(body, "expected_head_sha", a.str("expectedHeadSha"));
        JsonNode r = client.put(pull(owner(a), repo(a), number).fixed("update-branch")).body(body)
                .json("the branch of pull request #" + number + " in " + repoName(owner(a), repo(a)));
        return Results.json(Shapes.pick(r, "message", "url"));
    }

    /** The requester's pending review: GitHub shows a pending review only to its author, so it is the one there. */
    private JsonNode pendingReview(String owner, String repo, long number, String what) {
        for (int page = 1; page <= 10; page++) {
            ApiResponse r = client.get(pull(owner, repo, number).fixed("reviews")).query("per_page", 100)
                    .query("page", page).send("the reviews of " + what);
            for (JsonNode review : r.json()) {
                if ("PENDING".equals(review.path("state").asText())) {
                    return review;
                }
            }
            if (r.linkPage("next") == null) {
                break;
            }
        }
        throw new ToolException("There is no pending review of yours on " + what
                + ": create one first with pull_request_review_write method 'create' without an event.");
    }

    public TextResult pullRequestReviewWrite(Arguments a,
            ToolCallContext ctx) {
        requireToken(ctx, "pull_request_review_write");
        String owner = owner(a);
        String repo = repo(a);
        long number = a.requiredInt("pullNumber");
        String method = a.required("method");
        String what = "pull request #" + number + " in " + repoName(owner, repo);
        switch (method) {
            case "create" -> {
                Map<String, Object> body = new LinkedHashMap<>();
                Shapes.putIf(body, "commit_id", a.str("commitID"));
                Shapes.putIf(body, "body", a.str("body"));
                Shapes.putIf(body, "event", a.str("event"));
                JsonNode r = client.post(pull(owner, repo, number).fixed("reviews")).body(body)
                        .json("a review of " + what);
                Map<String, Object> out = Shapes.pick(r, "id", "state", "html_url");
                out.put("message", a.str("event") == null ? "pending review created: add comments with "
                        + "add_comment_to_pending_review, then submit it with method submit_pending"
                        : "review submitted");
                return Results.json(out);
            }
            case "submit_pending" -> {
                JsonNode pending = pendingReview(owner, repo, number, what);
                if (a.str("event") == null) {
                    throw new ToolException("submit_pending needs an event: APPROVE, REQUEST_CHANGES or COMMENT");
                }
                Map<String, Object> body = new LinkedHashMap<>();
                Shapes.putIf(body, "body", a.str("body"));
                body.put("event", a.str("event"));
                JsonNode r = client.post(pull(owner, repo, number).fixed("reviews")
                        .seg("review_id", pending.path("id").asLong()).fixed("events")).body(body)
                        .json("the pending review of " + what);
                Map<String, Object> out = Shapes.pick(r, "id", "state", "html_url");
                out.put("message", "pending review submitted");
                return Results.json(out);
            }
            case "delete_pending" -> {
                JsonNode pending = pendingReview(owner, repo, number, what);
                client.delete(pull(owner, repo, number).fixed("reviews").seg("review_id", pending.path("id").asLong()))
                        .send("the pending review of " + what);
                return Results.json(Map.of("id", pending.path("id").asLong(), "message", "pending review deleted"));
            }
            case "resolve_thread", "unresolve_thread" -> {
                return Results.json(resolveThread(a.str("threadId"), method.equals("resolve_thread")));
            }
            default -> throw new ToolException("unknown method '" + method
                    + "' (expected create, submit_pending, delete_pending, resolve_thread or unresolve_thread)");
        }
    }

    public TextResult addReplyToPullRequestComment(Arguments a, ToolCallContext ctx) {
        requireToken(ctx, "add_reply_to_pull_request_comment");
        String owner = owner(a);
        String repo = repo(a);
        long commentId = a.requiredInt("commentId");
        String body = a.str("body");
        String reaction = a.str("reaction");
        if (body == null && reaction == null) {
            throw new ToolException("add_reply_to_pull_request_comment needs a body or a reaction");
        }
        String what = "review comment " + commentId + " in " + repoName(owner, repo);
        Map<String, Object> out = new LinkedHashMap<>();
        if (body != null) {
            Long number = a.integer("pullNumber");
            if (number == null) {
                throw new ToolException("a reply needs pullNumber, the pull request the review comment is on");
            }
            JsonNode reply = client.post(pull(owner, repo, number).fixed("comments").seg("commentId", commentId)
                    .fixed("replies")).body(Map.of("body", body)).json("a reply to " + what);
            out.putAll(Shapes.comment(reply));
        }
        if (reaction != null) {
            JsonNode r = client.post(repoPath(owner, repo).fixed("pulls").fixed("comments").seg("commentId", commentId)
                    .fixed("reactions")).body(Map.of("content", reaction)).json("a reaction on " + what);
            out.put("reaction", Shapes.pick(r, "id", "content"));
        }
        return Results.json(out);
    }

    /** Threads are resolved by their GraphQL node ID alone; REST has no way to do it. */
    private Map<String, Object> resolveThread(String threadId, boolean resolve) {
        if (threadId == null) {
            throw new ToolException((resolve ? "resolve_thread" : "unresolve_thread") + " needs threadId, the node ID "
                    + "of a review thread (pull_request_read get_review_comments lists them)");
        }
        String mutation = resolve ? "resolveReviewThread" : "unresolveReviewThread";
        JsonNode data = client.graphql("mutation($input: " + (resolve ? "Resolve" : "Unresolve")
                + "ReviewThreadInput!) { " + mutation + "(input: $input) { thread { id isResolved } } }",
                Map.of("input", Map.of("threadId", threadId)), "review thread " + threadId);
        JsonNode thread = data.path(mutation).path("thread");
        if (thread.isMissingNode() || thread.isNull()) {
            throw new ToolException("GitHub did not " + (resolve ? "resolve" : "unresolve") + " review thread "
                    + threadId + " (check the ID)");
        }
        Map<String, Object> out = Shapes.pick(thread, "id", "isResolved");
        out.put("message", "review thread " + (resolve ? "resolved" : "unresolved"));
        return out;
    }

    public TextResult addCommentToPendingReview(Arguments a,
            ToolCallContext ctx) {
        requireToken(ctx, "add_comment_to_pending_review");
        String owner = owner(a);
        String repo = repo(a);
        long number = a.requiredInt("pullNumber");
        String what = "pull request #" + number + " in " + repoName(owner, repo);
        JsonNode pending = pendingReview(owner, repo, number, what);
        Map<String, Object> input = new LinkedHashMap<>();
        input.put("pullRequestReviewId", pending.path("node_id").asText());
        input.put("path", a.required("path"));
        input.put("body", a.required("body"));
        input.put("subjectType", a.required("subjectType"));
        Shapes.putIf(input, "line", a.integer("line"));
        Shapes.putIf(input, "side", a.str("side"));
        Shapes.putIf(input, "startLine", a.integer("startLine"));
        Shapes.putIf(input, "startSide", a.str("startSide"));
        // REST cannot add a comment to an existing pending review: GraphQL's addPullRequestReviewThread can.
        JsonNode data = client.graphql("mutation($input: AddPullRequestReviewThreadInput!) { "
                + "addPullRequestReviewThread(input: $input) { thread { id } } }", Map.of("input", input),
                "a comment on the pending review of " + what);
        if (data.path("addPullRequestReviewThread").path("thread").isNull()) {
            throw new ToolException("GitHub did not add the comment to the pending review of " + what
                    + " (check path and line)");
        }
        return Results.json(Map.of("message", "pull request review comment successfully added to pending review"));
    }
}
