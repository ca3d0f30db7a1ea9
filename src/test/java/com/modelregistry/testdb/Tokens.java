package com.modelregistry.testdb;

import io.smallrye.jwt.algorithm.SignatureAlgorithm;
import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.build.JwtClaimsBuilder;
import java.nio.charset.StandardCharsets;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.util.Base64;
import java.util.Set;

/** Hand-made tokens, good and bad, for checking what the service accepts. */
public final class Tokens {

    private Tokens() {
    }

    /** Claims as the service would issue them for this user, ready to be altered and signed. */
    public static JwtClaimsBuilder claimsFor(long userId, String username, String role) {
        return Jwt.claims()
                .subject(Long.toString(userId))
                .upn(username)
                .groups(Set.of(role))
                .issuer("model-registry")
                .claim("tver", 0)
                .expiresIn(600);
    }

    /** Signed with the key the service under test trusts. */
    public static String signedByService(JwtClaimsBuilder claims) {
        return claims.jws().algorithm(SignatureAlgorithm.RS256).sign(AuthResource.signingKey());
    }

    /** Signed with a key the service has never seen. */
    public static String signedByStranger(JwtClaimsBuilder claims) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            PrivateKey foreign = generator.generateKeyPair().getPrivate();
            return claims.jws().algorithm(SignatureAlgorithm.RS256).sign(foreign);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The same claims with {@code alg: none} and no signature. */
    public static String unsigned(String signedToken) {
        String header = Base64.getUrlEncoder().withoutPadding()
                .encodeToString("{\"alg\":\"none\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
        return header + "." + signedToken.split("\\.")[1] + ".";
    }

    /** The token with one claim changed in the payload but the original signature kept. */
    public static String tampered(String signedToken, String from, String to) {
        String[] parts = signedToken.split("\\.");
        String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8);
        String changed = payload.replace(from, to);
        if (changed.equals(payload)) {
            throw new IllegalArgumentException(from + " is not in " + payload);
        }
        return parts[0] + "." + Base64.getUrlEncoder().withoutPadding()
                .encodeToString(changed.getBytes(StandardCharsets.UTF_8)) + "." + parts[2];
    }

    /** The decoded payload, for checking claims. */
    public static String payload(String token) {
        return new String(Base64.getUrlDecoder().decode(token.split("\\.")[1]), StandardCharsets.UTF_8);
    }
}
