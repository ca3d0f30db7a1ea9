package com.modelregistry.auth;

import io.smallrye.jwt.build.Jwt;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Set;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Signs RS256 access tokens: subject the user id, {@code upn} the username, {@code groups} the role, and the user's
 * token version, which {@link TokenRevocation} compares with the database. Issuer and lifetime come from the standard
 * {@code smallrye.jwt.new-token.*} settings.
 */
@ApplicationScoped
public class TokenIssuer {

    public static final String TOKEN_VERSION_CLAIM = "tver";

    private final long lifetimeSeconds;

    public TokenIssuer(@ConfigProperty(name = "smallrye.jwt.new-token.lifespan") long lifetimeSeconds) {
        this.lifetimeSeconds = lifetimeSeconds;
    }

    public AccessToken issue(long userId, String username, String role, int tokenVersion) {
        String token = Jwt.subject(Long.toString(userId))
                .upn(username)
                .groups(Set.of(role))
                .claim(TOKEN_VERSION_CLAIM, tokenVersion)
                .sign();
        return new AccessToken(token, "Bearer", lifetimeSeconds);
    }
}
