package dev.mcpbridge.github;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mcpbridge.core.spi.Arguments;
import dev.mcpbridge.core.spi.TextResult;
import dev.mcpbridge.core.spi.ToolCallContext;
import dev.mcpbridge.core.spi.ToolException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The copilot toolset: hands an issue to the Copilot coding agent, or asks Copilot to review a pull request. Both
 * are ordinary REST calls naming Copilot's bot accounts; the repository must have Copilot enabled.
 */
public class CopilotTools extends Toolset {

    static final String CODING_AGENT = "copilot-swe-agent[bot]";
    static final String REVIEWER = "copilot-pull-request-reviewer[bot]";

    public CopilotTools(GitHubClient client) {
        super(client);
    }

    public TextResult assignCopilotToIssue(Arguments a, ToolCallContext ctx) {
        requireToken(ctx, "assign_copilot_to_issue");
        String owner = owner(a);
        String repo = repo(a);
        long number = a.requiredInt("issue_number");
        Map<String, Object> agent = new LinkedHashMap<>();
        agent.put("target_repo", repoName(owner, repo));
        Shapes.putIf(agent, "base_branch", a.str("base_ref"));
        Shapes.putIf(agent, "custom_instructions", a.str("custom_instructions"));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("assignees", List.of(CODING_AGENT));
        body.put("agent_assignment", agent);
        String what = "issue #" + number + " in " + repoName(owner, repo);
        JsonNode issue = client.post(repoPath(owner, repo).fixed("issues").seg("issue_number", number)
                .fixed("assignees")).body(body).json("the assignees of " + what);
        if (!Shapes.logins(issue.get("assignees")).contains(CODING_AGENT)) {
            throw new ToolException("GitHub did not assign Copilot to " + what + ": the Copilot coding agent is "
                    + "probably not enabled for this repository (or for the token's user)");
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("message", "Copilot is assigned to " + what + " and will open a pull request");
        out.put("issue", Shapes.issue(issue));
        return Results.json(out);
    }

    public TextResult requestCopilotReview(Arguments a, ToolCallContext ctx) {
        requireToken(ctx, "request_copilot_review");
        String owner = owner(a);
        String repo = repo(a);
        long number = a.requiredInt("pullNumber");
        String what = "pull request #" + number + " in " + repoName(owner, repo);
        JsonNode pr = client.post(repoPath(owner, repo).fixed("pulls").seg("pullNumber", number)
                .fixed("requested_reviewers")).body(Map.of("reviewers", List.of(REVIEWER)))
                .json("a Copilot review of " + what);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("message", "Copilot review requested on " + what);
        out.put("requested_reviewers", Shapes.logins(pr.get("requested_reviewers")));
        return Results.json(out);
    }
}
