package dev.mcpbridge.core.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The authorization server's metadata, found from its issuer the two standard ways: RFC 8414
 * ({@code /.well-known/oauth-authorization-server} inserted before the issuer's path) and OpenID Connect Discovery
 * ({@code /.well-known/openid-configuration} appended). The document must name the same issuer, or it is someone
 * else's (RFC 8414 §3.3).
 *
 * @param issuer the issuer as the server writes it, which tokens' {@code iss} must equal
 */
public record IssuerMetadata(String issuer, URI jwksUri) {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    /** @throws IllegalArgumentException saying what was tried and what is wrong, in one line */
    public static IssuerMetadata discover(String issuer, HttpClient http) {
        URI base = URI.create(issuer);
        List<String> tried = new ArrayList<>();
        for (URI candidate : candidates(base)) {
            tried.add(candidate.toString());
            JsonNode document = fetch(candidate, http);
            if (document == null) {
                continue;
            }
            String named = document.path("issuer").asText("");
            if (!stripSlash(named).equals(stripSlash(issuer))) {
                throw new IllegalArgumentException(candidate + " names the issuer '" + named + "', not '" + issuer
                        + "': give the issuer exactly as the authorization server names it");
            }
            String jwks = document.path("jwks_uri").asText("");
            if (jwks.isEmpty()) {
                throw new IllegalArgumentException(candidate + " has no jwks_uri: the authorization server publishes "
                        + "no keys to check its tokens with");
            }
            return new IssuerMetadata(named, URI.create(jwks));
        }
        throw new IllegalArgumentException("no authorization server metadata at " + String.join(" or ", tried)
                + ": check the issuer URL and that the server is reachable");
    }

    static List<URI> candidates(URI issuer) {
        String path = issuer.getPath() == null ? "" : stripSlash(issuer.getPath());
        String origin = issuer.getScheme() + "://" + issuer.getRawAuthority();
        return List.of(URI.create(origin + "/.well-known/oauth-authorization-server" + path),
                URI.create(origin + path + "/.well-known/openid-configuration"));
    }

    private static JsonNode fetch(URI uri, HttpClient http) {
        try {
            HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(uri).timeout(TIMEOUT)
                    .header("Accept", "application/json").GET().build(), HttpResponse.BodyHandlers.ofByteArray());
            if (response.statusCode() != 200) {
                return null;
            }
            JsonNode document = JSON.readTree(response.body());
            return document != null && document.isObject() ? document : null;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    private static String stripSlash(String text) {
        return text.endsWith("/") ? text.substring(0, text.length() - 1) : text;
    }
}
