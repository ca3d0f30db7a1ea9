package com.modelregistry.auth;

import com.modelregistry.user.User;
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

    public AccessToken issue(User user) {
        String token = Jwt.subject(Long.toString(user.id))
                .upn(user.username)
                .groups(Set.of(user.role))
                .claim(TOKEN_VERSION_CLAIM, user.tokenVersion)
                .sign();
        return new AccessToken(token, "Bearer", lifetimeSeconds);
    }
}
