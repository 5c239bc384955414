package dev.mcpbridge.github;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mcpbridge.core.spi.Arguments;
import dev.mcpbridge.core.spi.TextResult;
import dev.mcpbridge.core.spi.ToolCallContext;
import dev.mcpbridge.core.spi.ToolException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The issues toolset. */
public class IssueTools extends Toolset {

    public IssueTools(GitHubClient client) {
        super(client);
    }

    public TextResult issueRead(Arguments a,
            ToolCallContext ctx) {
        String owner = owner(a);
        String repo = repo(a);
        long number = a.requiredInt("issue_number");
        String method = a.required("method");
        ApiPath issue = repoPath(owner, repo).fixed("issues").seg("issue_number", number);
        String what = "issue #" + number + " in " + repoName(owner, repo);
        int page = pageOf(a);
        int perPage = perPageOf(a, 30);
        switch (method) {
            case "get" -> {
                return Results.json(Shapes.issue(client.get(issue).json(what)));
            }
            case "get_comments" -> {
                ApiResponse r = client.get(issue.fixed("comments")).query("page", page).query("per_page", perPage)
                        .send("the comments of " + what);
                List<Object> items = new ArrayList<>();
                r.json().forEach(c -> items.add(Shapes.comment(c)));
                return Results.json(Results.page(r, items, page, perPage));
            }
            case "get_sub_issues" -> {
                ApiResponse r = client.get(issue.fixed("sub_issues")).query("page", page).query("per_page", perPage)
                        .send("the sub-issues of " + what);
                List<Object> items = new ArrayList<>();
                r.json().forEach(i -> items.add(Shapes.issue(i)));
                return Results.json(Results.page(r, items, page, perPage));
            }
            case "get_parent" -> {
                return Results.json(parent(owner, repo, number, what));
            }
            case "get_labels" -> {
                ApiResponse r = client.get(issue.fixed("labels")).query("page", page).query("per_page", perPage)
                        .send("the labels of " + what);
                List<Object> items = new ArrayList<>();
                r.json().forEach(l -> items.add(Shapes.pick(l, "name", "color", "description")));
                return Results.json(Results.page(r, items, page, perPage));
            }
            default -> throw new ToolException("unknown method '" + method
                    + "' (expected get, get_comments, get_sub_issues, get_parent or get_labels)");
        }
    }

    /** REST has no way up the hierarchy that tells "no parent" from "no such issue"; GraphQL's Issue.parent does. */
    private Map<String, Object> parent(String owner, String repo, long number, String what) {
        JsonNode data = client.graphql("query($owner: String!, $repo: String!, $number: Int!) { "
                + "repository(owner: $owner, name: $repo) { issue(number: $number) { parent { "
                + "number title state url repository { nameWithOwner } } } } }",
                Map.of("owner", owner, "repo", repo, "number", number), "the parent of " + what);
        JsonNode issue = data.path("repository").path("issue");
        if (issue.isMissingNode() || issue.isNull()) {
            throw new ToolException("Not found: " + what + ".");
        }
        JsonNode p = issue.path("parent");
        Map<String, Object> out = new LinkedHashMap<>();
        if (p.isMissingNode() || p.isNull()) {
            out.put("parent", null);
            return out;
        }
        Map<String, Object> parent = Shapes.pick(p, "number", "title", "state");
        parent.put("repository", p.path("repository").path("nameWithOwner").asText());
        parent.put("html_url", p.path("url").asText());
        out.put("parent", parent);
        return out;
    }

    public TextResult issueWrite(Arguments a,
            ToolCallContext ctx) {
        requireToken(ctx, "issue_write");
        String owner = owner(a);
        String repo = repo(a);
        String method = a.required("method");
        Map<String, Object> body = new LinkedHashMap<>();
        Shapes.putIf(body, "title", a.str("title"));
        if (a.has("body")) {
            body.put("body", a.requiredAllowEmpty("body"));
        }
        if (a.has("labels")) {
            body.put("labels", a.strings("labels"));
        }
        if (a.has("assignees")) {
            body.put("assignees", a.strings("assignees"));
        }
        Shapes.putIf(body, "milestone", a.integer("milestone"));
        Shapes.putIf(body, "type", a.str("type"));
        boolean clearType = a.asMap().containsKey("type") && a.asMap().get("type") == null;
        JsonNode json;
        Long duplicateOf = a.integer("duplicate_of");
        switch (method) {
            case "create" -> {
                if (a.str("title") == null) {
                    throw new ToolException("issue_write create needs a title");
                }
                json = client.post(repoPath(owner, repo).fixed("issues")).body(body)
                        .json("an issue in " + repoName(owner, repo));
            }
            case "update" -> {
                long number = a.requiredInt("issue_number");
                if (clearType) {
                    body.put("type", null); // the peer's documented way to remove an issue's type
                }
                Shapes.putIf(body, "state", a.str("state"));
                if (a.str("state_reason") != null) {
                    body.put("state_reason", a.str("state_reason"));
                    if (a.str("state") == null && !"reopened".equals(a.str("state_reason"))) {
                        body.put("state", "closed");
                    }
                }
                if (duplicateOf != null && !"duplicate".equals(a.str("state_reason"))) {
                    throw new ToolException("duplicate_of is only used with state_reason 'duplicate'");
                }
                if (body.isEmpty()) {
                    throw new ToolException("issue_write update needs at least one field to change");
                }
                ApiPath issue = repoPath(owner, repo).fixed("issues").seg("issue_number", number);
                json = client.patch(issue).body(body).json("issue #" + number + " in " + repoName(owner, repo));
                if (duplicateOf != null) {
                    // GitHub marks an issue as a duplicate from a "Duplicate of #N" comment.
                    client.post(repoPath(owner, repo).fixed("issues").seg("issue_number", number).fixed("comments"))
                            .body(Map.of("body", "Duplicate of #" + duplicateOf))
                            .json("a comment on issue #" + number + " in " + repoName(owner, repo));
                }
            }
            default -> throw new ToolException("unknown method '" + method + "' (expected create or update)");
        }
        return Results.json(Shapes.issue(json));
    }

    public TextResult addIssueComment(Arguments a,
            ToolCallContext ctx) {
        requireToken(ctx, "add_issue_comment");
        String owner = owner(a);
        String repo = repo(a);
        long number = a.requiredInt("issue_number");
        String body = a.str("body");
        String reaction = a.str("reaction");
        Long commentId = a.integer("comment_id");
        if (body == null && reaction == null) {
            throw new ToolException("add_issue_comment needs a body or a reaction");
        }
        if (commentId != null && (body != null || reaction == null)) {
            throw new ToolException("comment_id names the comment to react to: give it with a reaction and without "
                    + "a body (to comment, leave comment_id out)");
        }
        ApiPath issue = repoPath(owner, repo).fixed("issues").seg("issue_number", number);
        String what = "issue #" + number + " in " + repoName(owner, repo);
        Map<String, Object> out = new LinkedHashMap<>();
        if (body != null) {
            JsonNode c = client.post(issue.fixed("comments")).body(Map.of("body", body)).json("a comment on " + what);
            out.putAll(Shapes.comment(c));
        }
        if (reaction != null) {
            ApiPath reactions = commentId == null
                    ? repoPath(owner, repo).fixed("issues").seg("issue_number", number).fixed("reactions")
                    : repoPath(owner, repo).fixed("issues").fixed("comments").seg("comment_id", commentId)
                            .fixed("reactions");
            String target = commentId == null ? what : "comment " + commentId + " in " + repoName(owner, repo);
            JsonNode r = client.post(reactions).body(Map.of("content", reaction)).json("a reaction on " + target);
            Map<String, Object> shown = Shapes.pick(r, "id", "content");
            Shapes.putIf(shown, "comment_id", commentId);
            out.put("reaction", shown);
        }
        return Results.json(out);
    }

    public TextResult listIssues(Arguments a,
            ToolCallContext ctx) {
        String owner = owner(a);
        String repo = repo(a);
        int page = pageOf(a);
        String after = a.str("after");
        if (after != null) {
            // Our cursors are page numbers (REST paging); github-mcp-server's GraphQL cursors are not.
            if (!after.matches("\\d{1,6}")) {
                throw new ToolException("after must be the endCursor of a previous list_issues answer (a page number)");
            }
            page = Integer.parseInt(after);
        }
        int perPage = perPageOf(a, 30);
        String state = a.str("state") == null ? "all" : a.str("state").toLowerCase(Locale.ROOT);
        String sort = a.str("orderBy") == null ? null : switch (a.str("orderBy")) {
            case "CREATED_AT" -> "created";
            case "UPDATED_AT" -> "updated";
            case "COMMENTS" -> "comments";
            default -> throw new ToolException("orderBy must be CREATED_AT, UPDATED_AT or COMMENTS");
        };
        String direction = a.str("direction") == null ? null : a.str("direction").toLowerCase(Locale.ROOT);
        List<String> labels = a.strings("labels");
        ApiResponse r = client.get(repoPath(owner, repo).fixed("issues")).query("state", state)
                .query("labels", labels.isEmpty() ? null : String.join(",", labels)).query("sort", sort)
                .query("direction", direction).query("since", a.str("since")).query("page", page)
                .query("per_page", perPage).send("the issues of " + repoName(owner, repo));
        List<Object> items = new ArrayList<>();
        FieldSelection fields = FieldSelection.of(a);
        int pullRequests = 0;
        for (JsonNode i : r.json()) {
            if (i.hasNonNull("pull_request")) {
                pullRequests++; // the REST list mixes pull requests in; this tool lists issues
            } else {
                items.add(fields.apply(Shapes.issue(i)));
            }
        }
        Map<String, Object> out = Results.page(r, items, page, perPage);
        Integer next = r.linkPage("next");
        Map<String, Object> pageInfo = new LinkedHashMap<>();
        pageInfo.put("hasNextPage", next != null);
        Shapes.putIf(pageInfo, "endCursor", next == null ? null : String.valueOf(next));
        out.put("pageInfo", pageInfo);
        if (pullRequests > 0) {
            out.put("pullRequestsSkipped", pullRequests);
        }
        return Results.json(out);
    }

    public TextResult subIssueWrite(Arguments a,
            ToolCallContext ctx) {
        requireToken(ctx, "sub_issue_write");
        String owner = owner(a);
        String repo = repo(a);
        long number = a.requiredInt("issue_number");
        long subIssue = a.requiredInt("sub_issue_id");
        String method = a.required("method");
        String what = "the sub-issues of issue #" + number + " in " + repoName(owner, repo);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("sub_issue_id", subIssue);
        JsonNode json;
        switch (method) {
            case "add" -> {
                if (a.bool("replace_parent") != null) {
                    body.put("replace_parent", a.bool("replace_parent"));
                }
                json = client.post(repoPath(owner, repo).fixed("issues").seg("issue_number", number)
                        .fixed("sub_issues")).body(body).json(what);
            }
            case "remove" -> json = client.delete(repoPath(owner, repo).fixed("issues").seg("issue_number", number)
                    .fixed("sub_issue")).body(body).json(what);
            case "reprioritize" -> {
                Long afterId = a.integer("after_id");
                Long beforeId = a.integer("before_id");
                if ((afterId == null) == (beforeId == null)) {
                    throw new ToolException("reprioritize needs exactly one of after_id or before_id");
                }
                Shapes.putIf(body, "after_id", afterId);
                Shapes.putIf(body, "before_id", beforeId);
                json = client.patch(repoPath(owner, repo).fixed("issues").seg("issue_number", number)
                        .fixed("sub_issues").fixed("priority")).body(body).json(what);
            }
            default -> throw new ToolException("unknown method '" + method + "' (expected add, remove or reprioritize)");
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("method", method);
        out.put("issue", Shapes.issue(json));
        return Results.json(out);
    }

    public TextResult listIssueTypes(Arguments a,
            ToolCallContext ctx) {
        String owner = owner(a);
        String repo = a.str("repo");
        JsonNode types = repo == null
                ? client.get(ApiPath.of("orgs").seg("owner", owner).fixed("issue-types"))
                        .json("the issue types of organization '" + owner + "'")
                : client.get(repoPath(owner, repo).fixed("issue-types"))
                        .json("the issue types of " + repoName(owner, repo));
        List<Object> items = new ArrayList<>();
        types.forEach(t -> items.add(Shapes.pick(t, "id", "name", "description", "color", "is_enabled")));
        return Results.json(items);
    }
}
