package dev.mcpbridge.core.auth;

import dev.mcpbridge.core.config.BridgeConfig;
import dev.mcpbridge.core.config.ConfigException;
import dev.mcpbridge.core.spi.Secrets;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Builds the {@link Authenticator} from the configuration: the static tokens (each read from its value, an
 * environment variable or a file, and registered as a secret), and, when {@code oauth.issuer} is set, the token
 * check of that issuer. Every mistake is one start-up line naming where it was set.
 */
public final class AuthSetup {

    private AuthSetup() {
    }

    public static Authenticator from(BridgeConfig config, Map<String, String> env, Secrets secrets) {
        StaticTokens tokens = new StaticTokens(tokens(config, env, secrets));
        if (config.oauth.issuer == null || config.oauth.issuer.isBlank()) {
            return new Authenticator(tokens, null, List.of());
        }
        String issuer = url(config, "oauth.issuer", config.oauth.issuer);
        String audience = audience(config);
        IssuerMetadata metadata;
        try {
            metadata = IssuerMetadata.discover(issuer, HttpClient.newBuilder()
                    .connectTimeout(java.time.Duration.ofSeconds(5)).build());
        } catch (IllegalArgumentException e) {
            throw new ConfigException(config.origins().where("oauth.issuer") + ": " + e.getMessage());
        }
        return new Authenticator(tokens, new JwtVerifier(metadata.issuer(), JwtVerifier.url(metadata.jwksUri()),
                audience, config.oauth.groupsClaim), config.oauth.scopes);
    }

    /** The resource identifier tokens must be issued for: {@code oauth.audience}, else {@code http.publicUrl}. */
    static String audience(BridgeConfig config) {
        if (config.oauth.audience != null && !config.oauth.audience.isBlank()) {
            return config.oauth.audience.strip();
        }
        if (config.http.publicUrl != null && !config.http.publicUrl.isBlank()) {
            return url(config, "http.publicUrl", config.http.publicUrl);
        }
        throw new ConfigException(config.origins().where("oauth.issuer") + ": OAuth needs the resource identifier "
                + "tokens are issued for: set http.publicUrl (--public-url, MCP_BRIDGE_PUBLIC_URL) or oauth.audience");
    }

    private static String url(BridgeConfig config, String field, String value) {
        URI uri;
        try {
            uri = URI.create(value.strip());
        } catch (IllegalArgumentException e) {
            uri = null;
        }
        boolean http = uri != null && uri.getHost() != null
                && ("https".equals(uri.getScheme()) || "http".equals(uri.getScheme()));
        if (!http || uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw new ConfigException(config.origins().where(field) + ": expected an absolute http(s) URL without "
                    + "query or fragment, e.g. https://login.example.com/realms/team, got '" + value + "'");
        }
        return uri.toString();
    }

    private static Map<String, String> tokens(BridgeConfig config, Map<String, String> env, Secrets secrets) {
        Map<String, String> tokens = StaticTokens.ofHttpToken(config.http.token);
        config.http.tokens.forEach((name, value) -> {
            String field = "http.tokens." + name;
            if (tokens.containsKey(name)) {
                throw new ConfigException(config.origins().where(field) + ": the name '" + StaticTokens.HTTP_TOKEN_NAME + "' is http.token's; "
                        + "choose another name");
            }
            String token = read(config, field, value, env);
            secrets.add(null, token);
            tokens.put(name, token);
        });
        return tokens;
    }

    private static String read(BridgeConfig config, String field, String value, Map<String, String> env) {
        String token = value == null ? "" : value;
        if (token.startsWith("env:")) {
            token = env.getOrDefault(token.substring(4), "");
        } else if (token.startsWith("file:")) {
            try {
                token = Files.readString(Path.of(token.substring(5)));
            } catch (IOException | RuntimeException e) {
                throw new ConfigException(config.origins().where(field) + ": the token file " + token.substring(5)
                        + " cannot be read");
            }
        }
        token = token.strip();
        if (token.length() < 16) {
            throw new ConfigException(config.origins().where(field) + ": the token is empty or shorter than 16 "
                    + "characters; give a long random one (e.g. openssl rand -hex 32)");
        }
        return token;
    }
}
