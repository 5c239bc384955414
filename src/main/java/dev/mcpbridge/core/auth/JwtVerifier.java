package dev.mcpbridge.core.auth;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.DefaultJOSEObjectTypeVerifier;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import java.net.MalformedURLException;
import java.net.URL;
import java.text.ParseException;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Checks an OAuth access token (a signed JWT) with Nimbus JOSE+JWT: the signature against the issuer's JWKS (cached;
 * fetched again when a token names a key id not in the cache, so a key rotation needs no restart), one of the
 * asymmetric algorithms only (an unsigned {@code alg: none} token is refused by the parser, an HMAC one because
 * an HMAC "key" made of a public key is a known forgery), {@code iss} equal to the issuer, {@code aud} containing
 * this resource (RFC 8707), {@code exp} present, and {@code exp}/{@code nbf} within {@link #CLOCK_SKEW_SECONDS}.
 */
public final class JwtVerifier {

    static final int CLOCK_SKEW_SECONDS = 60;

    /** RSA (PKCS#1 and PSS) and EC signatures: the algorithms whose verification key is public. */
    static final Set<JWSAlgorithm> ALGORITHMS = Set.of(JWSAlgorithm.RS256, JWSAlgorithm.RS384, JWSAlgorithm.RS512,
            JWSAlgorithm.PS256, JWSAlgorithm.PS384, JWSAlgorithm.PS512, JWSAlgorithm.ES256, JWSAlgorithm.ES384,
            JWSAlgorithm.ES512);

    private final DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
    private final String groupsClaim;
    private final String issuer;
    private final String audience;

    /** A token whose check failed; the message says why, for the log and the {@code error_description}. */
    public static final class InvalidToken extends Exception {
        InvalidToken(String message) {
            super(message);
        }
    }

    public JwtVerifier(String issuer, URL jwks, String audience, String groupsClaim) {
        this(issuer, JWKSourceBuilder.create(jwks).retrying(true).build(), audience, groupsClaim);
    }

    JwtVerifier(String issuer, JWKSource<SecurityContext> keys, String audience, String groupsClaim) {
        this.groupsClaim = groupsClaim;
        this.issuer = issuer;
        this.audience = audience;
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(ALGORITHMS, keys));
        // RFC 9068 access tokens say "at+jwt"; many servers still say "JWT" or nothing.
        processor.setJWSTypeVerifier(new DefaultJOSEObjectTypeVerifier<>(JOSEObjectType.JWT,
                new JOSEObjectType("at+jwt"), null));
        DefaultJWTClaimsVerifier<SecurityContext> claims = new DefaultJWTClaimsVerifier<>(audience,
                new JWTClaimsSet.Builder().issuer(issuer).build(), Set.of("exp"));
        claims.setMaxClockSkew(CLOCK_SKEW_SECONDS);
        processor.setJWTClaimsSetVerifier(claims);
    }

    /** The issuer tokens must name in {@code iss}, as its metadata writes it. */
    public String issuer() {
        return issuer;
    }

    /** The resource identifier tokens must name in {@code aud}. */
    public String audience() {
        return audience;
    }

    public static URL url(java.net.URI uri) {
        try {
            return uri.toURL();
        } catch (MalformedURLException | IllegalArgumentException e) {
            throw new IllegalArgumentException("the JWKS address " + uri + " is not a URL");
        }
    }

    public Caller verify(String token) throws InvalidToken {
        JWTClaimsSet claims;
        try {
            claims = processor.process(token, null);
        } catch (ParseException e) {
            throw new InvalidToken("the token is not a JWT");
        } catch (com.nimbusds.jose.proc.BadJOSEException | com.nimbusds.jose.JOSEException e) {
            throw new InvalidToken(reason(e));
        }
        String client = firstString(claims, "client_id", "azp");
        String subject = claims.getSubject() != null ? claims.getSubject() : client;
        if (subject == null) {
            throw new InvalidToken("the token names neither a subject (sub) nor a client (client_id, azp)");
        }
        return new Caller(Caller.Kind.OAUTH, subject, client, scopes(claims), strings(claims, groupsClaim, "roles"));
    }

    /** Nimbus's messages name the failed check without echoing the token; only the first clause is kept. */
    private static String reason(Exception e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return message.lines().findFirst().orElse(message);
    }

    private static String firstString(JWTClaimsSet claims, String... names) {
        for (String name : names) {
            if (claims.getClaim(name) instanceof String value && !value.isBlank()) {
                return value;
            }
        }
        return null;
    }

    /** {@code scope} is a space-separated string (RFC 9068); {@code scp} a list, as Entra ID and Okta write it. */
    private static Set<String> scopes(JWTClaimsSet claims) {
        Set<String> scopes = new LinkedHashSet<>();
        if (claims.getClaim("scope") instanceof String text) {
            for (String word : text.trim().split("\\s+")) {
                if (!word.isEmpty()) {
                    scopes.add(word);
                }
            }
        }
        scopes.addAll(strings(claims, "scp"));
        return scopes;
    }

    private static Set<String> strings(JWTClaimsSet claims, String... names) {
        Set<String> values = new LinkedHashSet<>();
        for (String name : names) {
            Object claim = name == null ? null : claims.getClaim(name);
            if (claim instanceof String text) {
                values.add(text);
            } else if (claim instanceof Collection<?> list) {
                list.forEach(item -> values.add(String.valueOf(item)));
            }
        }
        return values;
    }

    static List<String> algorithmNames() {
        return ALGORITHMS.stream().map(JWSAlgorithm::getName).sorted().toList();
    }
}
