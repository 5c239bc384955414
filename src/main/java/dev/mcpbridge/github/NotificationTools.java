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

/** The notifications toolset. Notifications belong to a user: every tool here needs a token. */
public class NotificationTools extends Toolset {

    public NotificationTools(GitHubClient client) {
        super(client);
    }

    private ApiPath notifications(Arguments a) {
        String owner = a.str("owner");
        String repo = a.str("repo");
        if ((owner == null) != (repo == null)) {
            throw new ToolException("give both owner and repo, or neither");
        }
        return owner == null ? ApiPath.of("notifications") : repoPath(owner, repo).fixed("notifications");
    }

    public TextResult listNotifications(Arguments a,
            ToolCallContext ctx) {
        requireToken(ctx, "list_notifications");
        int page = pageOf(a);
        int perPage = perPageOf(a, 30);
        String filter = a.str("filter", "default");
        ApiResponse r = client.get(notifications(a))
                .query("all", filter.equals("include_read_notifications") ? "true" : null)
                .query("participating", filter.equals("only_participating") ? "true" : null)
                .query("since", a.str("since")).query("before", a.str("before")).query("page", page)
                .query("per_page", perPage).send("the notifications");
        List<Object> items = new ArrayList<>();
        for (JsonNode n : r.json()) {
            Map<String, Object> m = Shapes.pick(n, "id", "reason", "unread", "updated_at", "last_read_at");
            m.put("subject", Shapes.pick(n.path("subject"), "title", "type", "url"));
            m.put("repository", Shapes.pick(n.path("repository"), "full_name", "html_url", "private"));
            items.add(m);
        }
        return Results.json(Results.page(r, items, page, perPage));
    }

    public TextResult dismissNotification(Arguments a,
            ToolCallContext ctx) {
        requireToken(ctx, "dismiss_notification");
        String thread = a.required("threadID");
        String state = a.str("state", "read");
        ApiPath path = ApiPath.of("notifications").fixed("threads").seg("threadID", thread);
        String what = "notification thread " + thread;
        switch (state) {
            case "read" -> client.patch(path).send(what);
            case "done" -> client.delete(path).send(what);
            default -> throw new ToolException("state must be read or done");
        }
        return Results.json(Map.of("threadID", thread, "state", state,
                "message", "notification thread " + thread + " marked as " + state));
    }

    public TextResult markAllNotificationsRead(Arguments a,
            ToolCallContext ctx) {
        requireToken(ctx, "mark_all_notifications_read");
        Map<String, Object> body = new LinkedHashMap<>();
        Shapes.putIf(body, "last_read_at", a.str("lastReadAt"));
        ApiResponse r = client.put(notifications(a)).body(body).send("the notifications");
        return Results.json(Map.of("message", r.code() == 202
                ? "GitHub is marking the notifications as read in the background"
                : "all notifications marked as read"));
    }
}
