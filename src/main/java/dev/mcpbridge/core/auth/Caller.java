package dev.mcpbridge.core.auth;

import java.util.Set;

/**
 * Who is calling: the local user (stdio, the {@code call} command), a holder of a named static token, or the
 * subject of an OAuth access token with its scopes and groups. Access rules and limits are decided on this.
 *
 * @param kind how the caller proved who it is
 * @param name the token's name, the token's {@code sub} (else its client), or {@code local}
 * @param client the OAuth client the token was issued to ({@code client_id} or {@code azp}), or null
 */
public record Caller(Kind kind, String name, String client, Set<String> scopes, Set<String> groups) {

    /** The key under which the caller travels in a request's attributes and the SDK's transport context. */
    public static final String KEY = "mcpbridge.caller";

    /** The user on the other end of stdio, or of an HTTP endpoint on loopback with no authentication configured. */
    public static final Caller LOCAL = new Caller(Kind.LOCAL, "local", null, Set.of(), Set.of());

    public enum Kind { LOCAL, TOKEN, OAUTH }

    public Caller {
        scopes = Set.copyOf(scopes);
        groups = Set.copyOf(groups);
    }

    public static Caller token(String name) {
        return new Caller(Kind.TOKEN, name, null, Set.of(), Set.of());
    }

    /** As the audit log and error messages name it: {@code local}, {@code token:ci}, {@code oauth:alice}. */
    public String describe() {
        return switch (kind) {
            case LOCAL -> "local";
            case TOKEN -> "token:" + name;
            case OAUTH -> "oauth:" + name + (client == null || client.equals(name) ? "" : " (client " + client + ")");
        };
    }
}
