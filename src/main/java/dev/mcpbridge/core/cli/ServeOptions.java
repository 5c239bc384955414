package dev.mcpbridge.core.cli;

import dev.mcpbridge.core.config.BridgeConfig;
import dev.mcpbridge.core.config.ConfigException;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** How to serve: stdio (the default) or HTTP, and the HTTP settings that flags may override. */
public class ServeOptions {

    enum Transport { stdio, http }

    @Option(names = "--transport", paramLabel = "stdio|http", description = "stdio (default) or http.")
    Transport transport = Transport.stdio;

    @Option(names = "--port", description = "HTTP port (default 3000; 0 picks a free one).")
    Integer port;

    @Option(names = "--bind", paramLabel = "ADDRESS", description = "HTTP bind address (default 127.0.0.1).")
    String bind;

    @Option(names = "--http-token", paramLabel = "TOKEN",
            description = "Bearer token HTTP clients must send (prefer MCP_BRIDGE_HTTP_TOKEN).")
    String token;

    @Option(names = "--public-url", paramLabel = "URL",
            description = "The URL clients reach the bridge at (the OAuth audience by default; MCP_BRIDGE_PUBLIC_URL).")
    String publicUrl;

    @Option(names = "--oauth-issuer", paramLabel = "URL",
            description = "Accept OAuth access tokens of this authorization server (MCP_BRIDGE_OAUTH_ISSUER).")
    String oauthIssuer;

    @Option(names = "--oauth-audience", paramLabel = "URI",
            description = "The resource tokens must be issued for (default --public-url; MCP_BRIDGE_OAUTH_AUDIENCE).")
    String oauthAudience;

    @Option(names = "--oauth-scopes", paramLabel = "SCOPE", split = ",",
            description = "Scopes every token must carry (MCP_BRIDGE_OAUTH_SCOPES).")
    List<String> oauthScopes;

    @Option(names = "--max-line-bytes", paramLabel = "BYTES",
            description = "stdio: longest request line accepted (default 8388608); longer ones get an error.")
    int maxLineBytes = dev.mcpbridge.core.transport.StdioServer.DEFAULT_MAX_LINE_BYTES;

    @Option(names = "--stateless", description = "Streamable HTTP without sessions: any instance behind a load "
            + "balancer answers any request (no requests to the client, no progress, no legacy SSE).")
    boolean stateless;

    @Option(names = "--profile", paramLabel = "NAME", description = "stdio: serve this profile of the configuration "
            + "file (on HTTP every profile is at /mcp/p/<name>).")
    String profile;

    @Parameters(paramLabel = "ARG", arity = "0..*",
            description = "Given to the one served adapter whose descriptor marks a setting positional.")
    List<String> positional = new ArrayList<>();

    void apply(BridgeConfig config) {
        if (port != null) {
            if (port < 0 || port > 65535) {
                throw new ConfigException("--port: expected a port number from 0 to 65535 (0 picks a free one), got "
                        + port);
            }
            config.http.port = port;
            config.origins().setBy("http.port", "--port");
        }
        if (bind != null) {
            config.http.bind = bind;
            config.origins().setBy("http.bind", "--bind");
        }
        if (token != null) {
            config.http.token = token;
        }
        if (publicUrl != null) {
            config.http.publicUrl = publicUrl;
            config.origins().setBy("http.publicUrl", "--public-url");
        }
        if (oauthIssuer != null) {
            config.oauth.issuer = oauthIssuer;
            config.origins().setBy("oauth.issuer", "--oauth-issuer");
        }
        if (oauthAudience != null) {
            config.oauth.audience = oauthAudience;
            config.origins().setBy("oauth.audience", "--oauth-audience");
        }
        if (oauthScopes != null) {
            config.oauth.scopes = oauthScopes;
            config.origins().setBy("oauth.scopes", "--oauth-scopes");
        }
        if (stateless) {
            config.http.stateless = true;
        }
    }
}
