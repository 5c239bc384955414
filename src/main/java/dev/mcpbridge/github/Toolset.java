package dev.mcpbridge.github;

import dev.mcpbridge.core.spi.ToolCallContext;

/** What every toolset bean shares: the one {@link GitHubClient}, set from routes/github.yaml. */
abstract class Toolset {

    protected GitHubClient client;

    public void setClient(GitHubClient client) {
        this.client = client;
    }

    /** Writing tools start here: a clear error without a token rather than GitHub's 401/404. */
    protected void requireToken(ToolCallContext ctx, String tool) {
        client.requireToken(ctx == null ? tool : ctx.toolName());
    }

    protected static String repoName(String owner, String repo) {
        return owner + "/" + repo;
    }

    protected static ApiPath repoPath(String owner, String repo) {
        return ApiPath.of("repos").seg("owner", owner).seg("repo", repo);
    }
}
