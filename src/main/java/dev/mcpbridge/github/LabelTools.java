package dev.mcpbridge.github;

import dev.mcpbridge.core.spi.Arguments;
import dev.mcpbridge.core.spi.TextResult;
import dev.mcpbridge.core.spi.ToolCallContext;
import dev.mcpbridge.core.spi.ToolException;
import java.util.LinkedHashMap;
import java.util.Map;

/** A repository's labels: reading one or all of them, creating, changing and deleting them. */
public class LabelTools extends Toolset {

    public LabelTools(GitHubClient client) {
        super(client);
    }

    private static Map<String, Object> label(com.fasterxml.jackson.databind.JsonNode l) {
        return Shapes.pick(l, "id", "name", "color", "description", "default");
    }

    public TextResult getLabel(Arguments a, ToolCallContext ctx) {
        String name = a.required("name");
        return Results.json(label(client.get(repoPath(owner(a), repo(a)).fixed("labels").seg("name", name))
                .json("label '" + name + "' of " + repoName(owner(a), repo(a)))));
    }

    public TextResult listLabel(Arguments a, ToolCallContext ctx) {
        int page = pageOf(a);
        int perPage = perPageOf(a, 100);
        return page(client.get(repoPath(owner(a), repo(a)).fixed("labels")), page, perPage,
                "the labels of " + repoName(owner(a), repo(a)), LabelTools::label);
    }

    public TextResult labelWrite(Arguments a, ToolCallContext ctx) {
        requireToken(ctx, "label_write");
        String owner = owner(a);
        String repo = repo(a);
        String method = a.required("method");
        String name = a.required("name");
        String color = a.str("color");
        if (color != null && !color.matches("[0-9a-fA-F]{6}")) {
            throw new ToolException("color must be 6 hex digits without '#', such as f29513, not '" + color + "'");
        }
        ApiPath labels = repoPath(owner, repo).fixed("labels");
        String what = "label '" + name + "' of " + repoName(owner, repo);
        Map<String, Object> body = new LinkedHashMap<>();
        Shapes.putIf(body, "color", color);
        Shapes.putIf(body, "description", a.str("description"));
        switch (method) {
            case "create" -> {
                if (color == null) {
                    throw new ToolException("label_write create needs a color (6 hex digits, such as f29513)");
                }
                body.put("name", name);
                return Results.json(label(client.post(labels).body(body).json(what)));
            }
            case "update" -> {
                Shapes.putIf(body, "new_name", a.str("new_name"));
                if (body.isEmpty()) {
                    throw new ToolException("label_write update needs new_name, color or description");
                }
                return Results.json(label(client.patch(labels.seg("name", name)).body(body).json(what)));
            }
            case "delete" -> {
                client.delete(labels.seg("name", name)).send(what);
                return Results.json(Map.of("name", name, "message", "label deleted"));
            }
            default -> throw new ToolException("unknown method '" + method + "' (expected create, update or delete)");
        }
    }
}
