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

    private final Map<String, byte[]> byName = new LinkedHashMap<>();

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
