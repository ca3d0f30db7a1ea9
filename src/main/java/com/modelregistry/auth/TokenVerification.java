package com.modelregistry.auth;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
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
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Verifies bearer tokens with SmallRye JWT's own parser (so with the same checks of signature, issuer, expiry and age),
 * but remembers each token it accepted ({@link VerifiedTokens}), so that a client sending the same token again does
 * not pay for parsing it and checking its RSA signature again: that was half of a single-row read's CPU
 * (bench/README). Those checks then run once per token, not per request; a remembered token is dropped at its
 * {@code exp} (or when it outgrows {@code mp.jwt.verify.token.age}, if set), with no clock-skew allowance. The
 * revocation check ({@link TokenRevocation}, an augmentor) runs on every request, on the identity made here exactly as
 * on one made by SmallRye's validator. This provider comes before that validator (higher priority); with
 * {@code registry.auth.token-cache.enabled=false} it steps aside and SmallRye's validator does it all.
 * <p>
 * Metrics {@value #CHECKS}{@code {result=verified|remembered}} count accepted tokens only, so that nothing a stranger
 * sends moves them; refusals are the 401s of the HTTP metrics.
 */
@ApplicationScoped
public class TokenVerification implements IdentityProvider<TokenAuthenticationRequest> {

    static final String CHECKS = "registry.auth.token.checks";

    private final JWTParser parser;
    private final boolean enabled;
    private final Optional<Long> maxAgeSeconds;
    private final VerifiedTokens verified;
    private final Counter verifications;
    private final Counter remembered;

    public TokenVerification(JWTParser parser, MeterRegistry metrics,
            @ConfigProperty(name = "registry.auth.token-cache.enabled") boolean enabled,
            @ConfigProperty(name = "registry.auth.token-cache.max-tokens") int maxTokens,
            @ConfigProperty(name = "registry.auth.token-cache.max-memory") MemorySize maxMemory,
            @ConfigProperty(name = "mp.jwt.verify.token.age") Optional<Long> maxAgeSeconds) {
        this.parser = parser;
        this.enabled = enabled;
        this.maxAgeSeconds = maxAgeSeconds;
        this.verified = enabled ? new VerifiedTokens(maxTokens, maxMemory.asLongValue()) : null;
        this.verifications = metrics.counter(CHECKS, "result", "verified");
        this.remembered = metrics.counter(CHECKS, "result", "remembered");
        if (enabled) {
            Gauge.builder("registry.auth.token.cache.size", verified, VerifiedTokens::size)
                    .description("Verified tokens remembered").register(metrics);
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
        // inside the Uni, so that anything thrown fails it as SmallRye's validator would
        return Uni.createFrom().item(() -> identity(verify(request.getToken().getToken()), request));
    }

    private JsonWebToken verify(String text) {
        JsonWebToken token = verified.get(text);
        if (token != null) {
            remembered.increment();
            return token;
        }
        try {
            token = parser.parse(text);
        } catch (ParseException e) {
            throw new AuthenticationFailedException(e);
        }
        verifications.increment();
        verified.remember(text, token, acceptedUntil(token));
        return token;
    }

    private long acceptedUntil(JsonWebToken token) {
        return acceptedUntil(token, maxAgeSeconds);
    }

    /** Epoch second from which the token no longer passes: its exp, or iat plus the maximum age when sooner; 0: never keep. */
    static long acceptedUntil(JsonWebToken token, Optional<Long> maxAgeSeconds) {
        try {
            long until = token.getExpirationTime();
            if (maxAgeSeconds.isPresent()) {
                long issuedAt = token.getIssuedAtTime();
                until = issuedAt <= 0 ? 0 : Math.min(until, issuedAt + maxAgeSeconds.get());
            }
            return until;
        } catch (RuntimeException unreadable) {
            return 0;
        }
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

    /** Null when the cache is off. */
    VerifiedTokens verified() {
        return verified;
    }

    double rememberedCount() {
        return remembered.count();
    }

    double verifiedCount() {
        return verifications.count();
    }
}
