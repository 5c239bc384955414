package dev.mcpbridge.core.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The named static bearer tokens ({@code http.token}, named {@code default}, and {@code http.tokens}). Every token is
 * compared, each in constant time, so neither a token's bytes nor which name matched can be learned from timing.
 */
public final class StaticTokens {

    /** The name {@code http.token} (--http-token, MCP_BRIDGE_HTTP_TOKEN) goes by among the named tokens. */
    public static final String HTTP_TOKEN_NAME = "default";

    private final Map<String, byte[]> byName = new LinkedHashMap<>();

    /** The tokens {@code http.token} alone gives: itself as {@value #HTTP_TOKEN_NAME}, or none when blank. */
    public static Map<String, String> ofHttpToken(String token) {
        Map<String, String> tokens = new LinkedHashMap<>();
        if (token != null && !token.isBlank()) {
            tokens.put(HTTP_TOKEN_NAME, token);
        }
        return tokens;
    }

    public StaticTokens(Map<String, String> tokens) {
        tokens.forEach((name, value) -> byName.put(name, value.getBytes(StandardCharsets.UTF_8)));
    }

    public boolean isEmpty() {
        return byName.isEmpty();
    }

    /** The name of the token given, if it is one of them. */
    public Optional<String> match(String given) {
        byte[] bytes = given.getBytes(StandardCharsets.UTF_8);
        String found = null;
        for (Map.Entry<String, byte[]> token : byName.entrySet()) {
            if (MessageDigest.isEqual(token.getValue(), bytes) && found == null) {
                found = token.getKey();
            }
        }
        return Optional.ofNullable(found);
    }
}
