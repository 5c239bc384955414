package dev.mcpbridge.core.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The {@code requestState} of an input-required result: what a call learnt in earlier rounds (the client's answers
 * so far), handed to the client and given back with its next answers, so that any instance can carry the call on.
 * It is signed (HMAC-SHA256) and bound to the request it belongs to and to a deadline: a state that was altered,
 * belongs to another tool, or is too old is refused rather than trusted. Instances behind one load balancer share
 * the key through {@code MCP_BRIDGE_STATE_KEY}; without it each process draws its own.
 */
final class RequestStates {

    static final Duration LIFETIME = Duration.ofMinutes(15);

    private static final Base64.Encoder ENCODE = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODE = Base64.getUrlDecoder();

    private final byte[] key;
    private final ObjectMapper mapper;
    private final Clock clock;

    RequestStates(byte[] key, ObjectMapper mapper, Clock clock) {
        this.key = key.clone();
        this.mapper = mapper;
        this.clock = clock;
    }

    /** The key from {@code MCP_BRIDGE_STATE_KEY} when set, else a random one for this process. */
    static RequestStates fromEnvironment(ObjectMapper mapper) {
        String shared = System.getenv("MCP_BRIDGE_STATE_KEY");
        byte[] key;
        if (shared != null && !shared.isBlank()) {
            key = shared.getBytes(StandardCharsets.UTF_8);
        } else {
            key = new byte[32];
            new SecureRandom().nextBytes(key);
        }
        return new RequestStates(key, mapper, Clock.systemUTC());
    }

    /** A signed state for the request {@code method}/{@code name} carrying {@code answers}. */
    String seal(String method, String name, Map<String, Object> answers) {
        ObjectNode payload = mapper.createObjectNode();
        payload.put("m", method);
        payload.put("n", name == null ? "" : name);
        payload.put("exp", clock.millis() + LIFETIME.toMillis());
        payload.set("a", mapper.valueToTree(answers));
        byte[] body;
        try {
            body = mapper.writeValueAsBytes(payload);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("request state not serialisable", e);
        }
        return ENCODE.encodeToString(body) + "." + ENCODE.encodeToString(mac(body));
    }

    /**
     * The answers a state carries, when it is ours, unaltered, for this request and in time.
     *
     * @throws IllegalArgumentException naming what is wrong with it
     */
    @SuppressWarnings("unchecked")
    Map<String, Object> open(String state, String method, String name) {
        int dot = state.indexOf('.');
        byte[] body;
        byte[] signature;
        try {
            if (dot <= 0) {
                throw new IllegalArgumentException("not a state this server issued");
            }
            body = DECODE.decode(state.substring(0, dot));
            signature = DECODE.decode(state.substring(dot + 1));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("requestState is not one this server issued (it was altered or "
                    + "comes from elsewhere): call again without it to start over");
        }
        if (!MessageDigest.isEqual(mac(body), signature)) {
            throw new IllegalArgumentException("requestState failed its integrity check (it was altered or signed "
                    + "by another server): call again without it to start over");
        }
        JsonNode payload;
        try {
            payload = mapper.readTree(body);
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException("requestState is unreadable: call again without it to start over");
        }
        if (!method.equals(payload.path("m").asText()) || !(name == null ? "" : name).equals(payload.path("n").asText())) {
            throw new IllegalArgumentException("requestState belongs to another request (" + payload.path("m").asText()
                    + " " + payload.path("n").asText() + "): send each call its own state");
        }
        if (payload.path("exp").asLong() < clock.millis()) {
            throw new IllegalArgumentException("requestState has expired (it is kept " + LIFETIME.toMinutes()
                    + " min): call again without it to start over");
        }
        return mapper.convertValue(payload.path("a"), Map.class);
    }

    private byte[] mac(byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(body);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }
}
