package io.partnerhub.platform.devstack;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.lang.JoseException;

/**
 * Keycloak-shaped access tokens for per-service tests, signed with a key made for this test JVM.
 * End-to-end tests use real Keycloak tokens instead.
 */
public final class TestTokens {

    public static final String ISSUER = "http://127.0.0.1/realms/partner-hub-test";
    public static final String AUDIENCE = "partner-hub-api";

    private static final KeyPair KEYS = generate();

    private TestTokens() {
    }

    public static String publicKeyBase64() {
        return Base64.getEncoder().encodeToString(KEYS.getPublic().getEncoded());
    }

    public static String issue(String partnerOrgId, String subject, String... roles) {
        JwtClaims claims = claims(subject, roles);
        if (partnerOrgId != null) {
            claims.setStringClaim("partner_org_id", partnerOrgId);
        }
        return sign(claims);
    }

    public static JwtClaims claims(String subject, String... roles) {
        JwtClaims claims = new JwtClaims();
        claims.setIssuer(ISSUER);
        claims.setAudience(AUDIENCE);
        claims.setSubject(subject);
        claims.setJwtId(UUID.randomUUID().toString());
        claims.setIssuedAtToNow();
        claims.setExpirationTimeMinutesInTheFuture(60);
        claims.setStringClaim("typ", "Bearer");
        claims.setStringClaim("azp", AUDIENCE);
        claims.setStringClaim("preferred_username", subject);
        claims.setStringClaim("email", subject + "@example.test");
        claims.setStringClaim("name", "Test " + subject);
        claims.setClaim("realm_access", Map.of("roles", List.of(roles)));
        return claims;
    }

    public static String sign(JwtClaims claims) {
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(claims.toJson());
        jws.setKey(KEYS.getPrivate());
        jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.RSA_USING_SHA256);
        jws.setKeyIdHeaderValue("devstack-test");
        jws.setHeader("typ", "JWT");
        try {
            return jws.getCompactSerialization();
        } catch (JoseException e) {
            throw new IllegalStateException(e);
        }
    }

    private static KeyPair generate() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
