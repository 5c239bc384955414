package dev.mcpbridge.github;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mcpbridge.core.spi.Arguments;
import dev.mcpbridge.core.spi.TextResult;
import dev.mcpbridge.core.spi.ToolCallContext;
import dev.mcpbridge.core.spi.ToolException;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.kohsuke.github.GHMyself;
import org.kohsuke.github.GHTeam;

/** The context toolset: who the token belongs to, and their teams (through hub4j where it fits). */
public class ContextTools extends Toolset {

    public ContextTools(GitHubClient client) {
        super(client);
    }

    public TextResult getMe(Arguments a, ToolCallContext ctx) {
        if (!client.hasToken()) {
            throw new ToolException("'get_me' needs a GitHub token: set GITHUB_PERSONAL_ACCESS_TOKEN (or GITHUB_TOKEN)."
                    + " Without one there is no authenticated user.");
        }
        return client.viaHub("GET", "the authenticated user", gh -> {
            GHMyself me = gh.getMyself();
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("login", me.getLogin());
            m.put("id", me.getId());
            m.put("profile_url", me.getHtmlUrl() == null ? null : me.getHtmlUrl().toString());
            m.put("avatar_url", me.getAvatarUrl());
            Map<String, Object> d = new LinkedHashMap<>();
            Shapes.putIf(d, "name", SafeText.clean(me.getName()));
            Shapes.putIf(d, "company", SafeText.clean(me.getCompany()));
            Shapes.putIf(d, "blog", me.getBlog());
            Shapes.putIf(d, "location", SafeText.clean(me.getLocation()));
            Shapes.putIf(d, "email", me.getEmail());
            Shapes.putIf(d, "bio", SafeText.clean(me.getBio()));
            Shapes.putIf(d, "twitter_username", me.getTwitterUsername());
            d.put("hireable", me.isHireable());
            d.put("public_repos", me.getPublicRepoCount());
            d.put("public_gists", me.getPublicGistCount());
            d.put("followers", me.getFollowersCount());
            d.put("following", me.getFollowingCount());
            me.getTotalPrivateRepoCount().ifPresent(n -> d.put("total_private_repos", n));
            d.put("created_at", iso(me.getCreatedAt()));
            d.put("updated_at", iso(me.getUpdatedAt()));
            m.put("details", d);
            return Results.json(m);
        });
    }

    private static String iso(Date date) {
        return date == null ? null : date.toInstant().toString();
    }

    public TextResult getTeams(Arguments a, ToolCallContext ctx) {
        String user = a.str("user");
        if (!client.hasToken()) {
            throw new ToolException("'get_teams' needs a GitHub token (with read:org): set GITHUB_PERSONAL_ACCESS_TOKEN.");
        }
        if (user == null) {
            return client.viaHub("GET", "the authenticated user's teams", gh -> {
                Map<String, Set<GHTeam>> teams = gh.getMyTeams();
                List<Map<String, Object>> out = new ArrayList<>();
                new TreeMap<>(teams).forEach((org, set) -> {
                    List<Map<String, Object>> list = new ArrayList<>();
                    set.stream().sorted((x, y) -> x.getSlug().compareTo(y.getSlug())).forEach(t -> {
                        Map<String, Object> team = new LinkedHashMap<>();
                        team.put("name", SafeText.clean(t.getName()));
                        team.put("slug", t.getSlug());
                        team.put("description", SafeText.clean(t.getDescription() == null ? "" : t.getDescription()));
                        list.add(team);
                    });
                    out.add(orgTeams(org, list));
                });
                return Results.json(out);
            });
        }
        // REST has no "teams of another user": ask GraphQL, as github-mcp-server does.
        JsonNode data = client.graphql("query($login: String!) { user(login: $login) { organizations(first: 100) "
                + "{ nodes { login teams(first: 100, userLogins: [$login]) { nodes { name slug description } } } } } }",
                Map.of("login", user), "the teams of user '" + user + "'");
        if (data.path("user").isNull() || data.path("user").isMissingNode()) {
            throw new ToolException("Not found: user '" + user + "'.");
        }
        List<Map<String, Object>> out = new ArrayList<>();
        for (JsonNode org : data.path("user").path("organizations").path("nodes")) {
            List<Map<String, Object>> teams = new ArrayList<>();
            for (JsonNode t : org.path("teams").path("nodes")) {
                teams.add(Shapes.pick(t, "name", "slug", "description"));
            }
            if (!teams.isEmpty()) {
                out.add(orgTeams(org.path("login").asText(), teams));
            }
        }
        return Results.json(out);
    }

    public TextResult getTeamMembers(Arguments a,
            ToolCallContext ctx) {
        String org = a.required("org");
        String slug = a.required("team_slug");
        if (!client.hasToken()) {
            throw new ToolException("'get_team_members' needs a GitHub token (with read:org): set "
                    + "GITHUB_PERSONAL_ACCESS_TOKEN.");
        }
        List<String> members = new ArrayList<>();
        int page = 1;
        // At most 10 pages of 100: a team larger than 1,000 members is cut, with a notice.
        while (page <= 10) {
            ApiResponse r = client.get(ApiPath.of("orgs").seg("org", org).fixed("teams").seg("team_slug", slug)
                    .fixed("members")).query("per_page", 100).query("page", page)
                    .send("the members of team '" + slug + "' in organization '" + org + "'");
            members.addAll(Shapes.logins(r.json()));
            if (r.linkPage("next") == null) {
                return Results.json(members);
            }
            page++;
        }
        Map<String, Object> cut = new LinkedHashMap<>();
        cut.put("members", members);
        cut.put("notice", "only the first 1000 members are listed");
        return Results.json(cut);
    }


    private static Map<String, Object> orgTeams(String org, List<Map<String, Object>> teams) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("org", org);
        m.put("teams", teams);
        return m;
    }
}
