package dev.mcpbridge.core.transport;

import dev.mcpbridge.core.auth.Authenticator;
import dev.mcpbridge.core.auth.Caller;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * Lets through only requests whose caller the {@link Authenticator} accepts, and names the caller in the request
 * (attribute {@link Caller#KEY}) for the rules behind. A refusal is the RFC 6750 challenge, with RFC 9728's
 * {@code resource_metadata} when OAuth is on, so that an MCP client can find where to log in. Protected Resource
 * Metadata itself is public. The body says the same in words, as a JSON-RPC error (the shape of every HTTP error
 * here): clients that do not read the challenge, such as the official TypeScript client without an auth provider,
 * show the body as their whole message, and an empty one reads "Error POSTing to endpoint:".
 */
final class AuthFilter implements Filter {

    static final String METADATA_PATH = "/.well-known/oauth-protected-resource";

    private final Authenticator auth;
    private final String publicUrl;

    /** @param publicUrl the bridge's public URL, or null to name the metadata after the request's own host */
    AuthFilter(Authenticator auth, String publicUrl) {
        this.auth = auth;
        this.publicUrl = publicUrl;
    }

    @Override
    public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain)
            throws IOException, ServletException {
        HttpServletRequest request = (HttpServletRequest) req;
        if (request.getRequestURI().startsWith(METADATA_PATH)) {
            chain.doFilter(req, res);
            return;
        }
        Authenticator.Outcome outcome = auth.authenticate(request.getHeader("Authorization"));
        if (outcome instanceof Authenticator.Accepted accepted) {
            request.setAttribute(Caller.KEY, accepted.caller());
            chain.doFilter(req, res);
            return;
        }
        Authenticator.Refused refused = (Authenticator.Refused) outcome;
        HttpServletResponse response = (HttpServletResponse) res;
        response.setHeader("WWW-Authenticate", challenge(request, refused));
        HttpErrors.send(response, refused.status(), null, HttpErrors.codeFor(refused.status()),
                message(request, refused));
    }

    /** "Unauthorized (invalid_token): the token is not one of the bridge's tokens; send ...": what and how. */
    private String message(HttpServletRequest request, Authenticator.Refused refused) {
        String what = (refused.status() == 403 ? "Forbidden" : "Unauthorized")
                + (refused.error() == null ? "" : " (" + refused.error() + ")") + ": " + refused.description();
        if (refused.status() == 403) {
            return what;
        }
        return what + (auth.oauth()
                ? "; send 'Authorization: Bearer <access token>' from the authorization server named at "
                        + metadataUrl(request)
                : "; send 'Authorization: Bearer <token>' with the bridge's http.token (MCP_BRIDGE_HTTP_TOKEN) "
                        + "or one of its http.tokens");
    }

    private String challenge(HttpServletRequest request, Authenticator.Refused refused) {
        StringBuilder header = new StringBuilder("Bearer");
        String sep = " ";
        if (auth.oauth()) {
            header.append(sep).append("resource_metadata=\"").append(metadataUrl(request)).append('"');
            sep = ", ";
            if (!auth.requiredScopes().isEmpty()) {
                header.append(sep).append("scope=\"").append(String.join(" ", auth.requiredScopes())).append('"');
            }
        }
        if (refused.error() != null) {
            header.append(sep).append("error=\"").append(refused.error()).append('"');
            // The description is the check's own words (never the token), without quotes that would end it.
            header.append(", error_description=\"").append(refused.description().replace('"', '\'')).append('"');
        }
        return header.toString();
    }

    /** RFC 9728 §3.1: the well-known path inserted before the resource's path. */
    private String metadataUrl(HttpServletRequest request) {
        String origin = publicUrl != null ? java.net.URI.create(publicUrl).resolve("/").toString()
                : request.getScheme() + "://" + request.getHeader("Host") + "/";
        return origin.substring(0, origin.length() - 1) + METADATA_PATH + request.getRequestURI();
    }
}
