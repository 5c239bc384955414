package dev.mcpbridge.core.auth;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Decides who sent an {@code Authorization} header: a named static token, else (when OAuth is on) the subject of a
 * valid access token that carries every required scope. What is refused is said the RFC 6750 way, so that an OAuth
 * client knows whether to log in (401) or to ask for more scope (403).
 */
public final class Authenticator {

    private final StaticTokens tokens;
    private final JwtVerifier oauth;
    private final List<String> requiredScopes;

    /** @param oauth null when OAuth is off */
    public Authenticator(StaticTokens tokens, JwtVerifier oauth, List<String> requiredScopes) {
        this.tokens = tokens;
        this.oauth = oauth;
        this.requiredScopes = List.copyOf(requiredScopes);
    }

    /** Whether any credential is asked for at all; when not, every request is the local user's. */
    public boolean required() {
        return oauth != null || !tokens.isEmpty();
    }

    public boolean oauth() {
        return oauth != null;
    }

    public List<String> requiredScopes() {
        return requiredScopes;
    }

    /**
     * What RFC 9728 Protected Resource Metadata publishes: the resource identifier (the audience tokens are checked
     * for, so the two cannot differ), its authorization server and the scopes.
     */
    public record Resource(String resource, String issuer, List<String> scopes) {
    }

    /** The protected resource when OAuth is on, else null. */
    public Resource resource() {
        return oauth == null ? null : new Resource(oauth.audience(), oauth.issuer(), requiredScopes);
    }

    /** The outcome of one request's check. */
    public sealed interface Outcome permits Accepted, Refused {
    }

    public record Accepted(Caller caller) implements Outcome {
    }

    /**
     * @param status 401 or 403
     * @param error the RFC 6750 error code ({@code invalid_token}, {@code insufficient_scope}), null when no
     *     credentials were sent at all (RFC 6750 §3.1: then no error code)
     */
    public record Refused(int status, String error, String description) implements Outcome {
    }

    public Outcome authenticate(String authorization) {
        if (!required()) {
            return new Accepted(Caller.LOCAL);
        }
        String token = bearer(authorization);
        if (token == null) {
            return new Refused(401, null, "a bearer token is required");
        }
        Optional<String> named = tokens.match(token);
        if (named.isPresent()) {
            return new Accepted(Caller.token(named.get()));
        }
        if (oauth == null) {
            return new Refused(401, "invalid_token", "the token is not one of the bridge's tokens");
        }
        Caller caller;
        try {
            caller = oauth.verify(token);
        } catch (JwtVerifier.InvalidToken e) {
            return new Refused(401, "invalid_token", e.getMessage());
        }
        List<String> missing = new ArrayList<>(requiredScopes);
        missing.removeAll(caller.scopes());
        if (!missing.isEmpty()) {
            return new Refused(403, "insufficient_scope", "the token lacks the scope " + String.join(" ", missing));
        }
        return new Accepted(caller);
    }

    private static String bearer(String header) {
        if (header == null || header.length() < 7 || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return null;
        }
        String token = header.substring(7).strip();
        return token.isEmpty() ? null : token;
    }
}
