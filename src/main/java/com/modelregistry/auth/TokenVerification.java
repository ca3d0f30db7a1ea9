package com.modelregistry.auth;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.cache.CaffeineCacheMetrics;
import io.quarkus.runtime.configuration.MemorySize;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.TokenAuthenticationRequest;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.quarkus.smallrye.jwt.runtime.auth.JsonWebTokenCredential;
import io.quarkus.vertx.http.runtime.security.HttpSecurityUtils;
import io.smallrye.jwt.auth.principal.JWTParser;
import io.smallrye.jwt.auth.principal.ParseException;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Verifies bearer tokens as SmallRye JWT does (the same parser, so the same checks of signature, issuer and expiry),
 * but remembers each token it accepted ({@link VerifiedTokens}), so that a client sending the same token again does not
 * pay for parsing it and checking its RSA signature again: that was half of a single-row read's CPU (bench/README).
 * What is checked per request does not change: the revocation check ({@link TokenRevocation}, an augmentor) runs on the
 * identity made here exactly as on one made by SmallRye's own validator. It comes before that validator (higher
 * priority); with {@code registry.auth.token-cache.enabled=false} it steps aside and SmallRye's validator does it all.
 */
@ApplicationScoped
public class TokenVerification implements IdentityProvider<TokenAuthenticationRequest> {

    static final String METRIC_NAME = "verified-tokens";

    private final JWTParser parser;
    private final boolean enabled;
    private final VerifiedTokens verified;

    public TokenVerification(JWTParser parser, MeterRegistry metrics,
            @ConfigProperty(name = "registry.auth.token-cache.enabled") boolean enabled,
            @ConfigProperty(name = "registry.auth.token-cache.max-tokens") int maxTokens,
            @ConfigProperty(name = "registry.auth.token-cache.max-memory") MemorySize maxMemory) {
        this.parser = parser;
        this.enabled = enabled;
        this.verified = new VerifiedTokens(maxTokens, maxMemory.asLongValue());
        if (enabled) {
            CaffeineCacheMetrics.monitor(metrics, verified.cache(), METRIC_NAME);
        }
    }

    @Override
    public Class<TokenAuthenticationRequest> getRequestType() {
        return TokenAuthenticationRequest.class;
    }

    /**
     * Before SmallRye's validator, which reports 1001 at Quarkus 3.33: the provider with the highest priority is asked
     * first (TokenVerificationTest fails if this one is not).
     */
    @Override
    public int priority() {
        return 2000;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(TokenAuthenticationRequest request, AuthenticationRequestContext context) {
        if (!enabled || !(request.getToken() instanceof JsonWebTokenCredential)) {
            return Uni.createFrom().nullItem();
        }
        String text = request.getToken().getToken();
        JsonWebToken token = verified.get(text);
        if (token == null) {
            try {
                token = parser.parse(text);
            } catch (ParseException e) {
                return Uni.createFrom().failure(new AuthenticationFailedException(e));
            }
            verified.remember(text, token);
        }
        return Uni.createFrom().item(identity(token, request));
    }

    /** A new identity per request, as SmallRye's validator builds it; only the verified token is shared. */
    private static SecurityIdentity identity(JsonWebToken token, TokenAuthenticationRequest request) {
        QuarkusSecurityIdentity.Builder identity = QuarkusSecurityIdentity.builder()
                .setPrincipal(token)
                .addCredential(request.getToken())
                .addRoles(token.getGroups())
                .addAttribute(SecurityIdentity.USER_ATTRIBUTE, token);
        RoutingContext routing = HttpSecurityUtils.getRoutingContextAttribute(request);
        if (routing != null) {
            identity.addAttribute(RoutingContext.class.getName(), routing);
        }
        return identity.build();
    }

    VerifiedTokens verified() {
        return verified;
    }
}
