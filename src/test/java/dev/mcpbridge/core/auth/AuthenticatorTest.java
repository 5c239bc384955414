package dev.mcpbridge.core.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The negative matrix of the token check, in process: each refusal with its status and RFC 6750 error. */
class AuthenticatorTest {

    private static final String ISSUER = "https://issuer.example";
    private static final String AUDIENCE = "https://bridge.example/mcp";

    private final RSAKey key = generate("k1");
    private final RSAKey other = generate("k2");
    private final Authenticator auth = new Authenticator(new StaticTokens(Map.of("ci", "static-secret-token")),
            new JwtVerifier(ISSUER, new ImmutableJWKSet<>(new JWKSet(key.toPublicJWK())), AUDIENCE, "groups"),
            List.of("mcp"));

    private static RSAKey generate(String kid) {
        try {
            return new RSAKeyGenerator(2048).keyID(kid).generate();
        } catch (com.nimbusds.jose.JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    private JWTClaimsSet.Builder claims() {
        long now = System.currentTimeMillis();
        return new JWTClaimsSet.Builder().issuer(ISSUER).audience(AUDIENCE).subject("alice")
                .expirationTime(new Date(now + 600_000)).claim("scope", "mcp other").claim("groups", List.of("ops"));
    }

    private static String sign(RSAKey with, JWTClaimsSet claims) throws Exception {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(with.getKeyID()).build(), claims);
        jwt.sign(new RSASSASigner(with));
        return jwt.serialize();
    }

    private Authenticator.Outcome check(String token) {
        return auth.authenticate("Bearer " + token);
    }

    @Test
    void aValidTokenNamesItsSubjectScopesAndGroups() throws Exception {
        Authenticator.Outcome outcome = check(sign(key, claims().build()));
        assertThat(outcome).isInstanceOf(Authenticator.Accepted.class);
        Caller caller = ((Authenticator.Accepted) outcome).caller();
        assertThat(caller.describe()).isEqualTo("oauth:alice");
        assertThat(caller.scopes()).contains("mcp");
        assertThat(caller.groups()).containsExactly("ops");
    }

    @Test
    void aNamedStaticTokenIsAcceptedUnderItsName() {
        assertThat(check("static-secret-token")).isEqualTo(new Authenticator.Accepted(Caller.token("ci")));
    }

    @Test
    void noTokenIsA401WithoutErrorCode() {
        assertThat(auth.authenticate(null)).isEqualTo(new Authenticator.Refused(401, null,
                "a bearer token is required"));
    }

    @Test
    void eachBadTokenIsA401InvalidToken() throws Exception {
        long now = System.currentTimeMillis();
        List<String> bad = List.of(
                sign(key, claims().expirationTime(new Date(now - 120_000)).build()),
                sign(key, claims().audience("https://another.example/mcp").build()),
                sign(key, claims().issuer("https://evil.example").build()),
                sign(other, claims().build()),
                sign(generate("k1"), claims().build()),
                new PlainJWT(claims().build()).serialize(),
                hmac(claims().build()),
                sign(key, claims().notBeforeTime(new Date(now + 600_000)).build()),
                "not-a-jwt");
        for (String token : bad) {
            assertThat(check(token)).as(token).isInstanceOfSatisfying(Authenticator.Refused.class, refused -> {
                assertThat(refused.status()).isEqualTo(401);
                assertThat(refused.error()).isEqualTo("invalid_token");
            });
        }
    }

    @Test
    void aTokenWithinTheClockSkewIsAccepted() throws Exception {
        long now = System.currentTimeMillis();
        assertThat(check(sign(key, claims().expirationTime(new Date(now - 30_000)).build())))
                .isInstanceOf(Authenticator.Accepted.class);
    }

    @Test
    void aMissingScopeIsA403InsufficientScopeNamingIt() throws Exception {
        assertThat(check(sign(key, claims().claim("scope", "other").build()))).isEqualTo(
                new Authenticator.Refused(403, "insufficient_scope", "the token lacks the scope mcp"));
    }

    /** HS256 keyed with the public key's bytes: the classic algorithm-confusion forgery. */
    private String hmac(JWTClaimsSet claims) throws Exception {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).keyID("k1").build(), claims);
        byte[] secret = java.util.Arrays.copyOf(key.toPublicJWK().toRSAPublicKey().getEncoded(), 64);
        jwt.sign(new MACSigner(secret));
        return jwt.serialize();
    }
}
