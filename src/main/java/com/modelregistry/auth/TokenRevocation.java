package com.modelregistry.auth;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.SecurityIdentityAugmentor;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.json.JsonNumber;
import java.time.Duration;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Refuses a signed, unexpired token whose user was deleted, deactivated, or had its password or role changed since
 * the token was issued. The user's state (active, token version) is cached for at most {@code revocation-delay};
 * the instance that makes a change drops its cache entry at once, and other instances see the change when their
 * entry expires. A cache hit costs no database round trip; a miss is one indexed primary-key read through the
 * reactive pool, outside any Hibernate session.
 */
@ApplicationScoped
public class TokenRevocation implements SecurityIdentityAugmentor {

    private static final int MAX_CACHED_USERS = 100_000;

    private record UserState(boolean active, int tokenVersion, long loadedAtNanos) {
    }

    private final Pool pool;
    private final long maxAgeNanos;
    private final Map<Long, UserState> cache = new ConcurrentHashMap<>();
    /** Raised by every {@link #forget}: a read that began before a change must not cache what it read. */
    private final AtomicLong changes = new AtomicLong();

    public TokenRevocation(Pool pool, @ConfigProperty(name = "registry.auth.revocation-delay") Duration revocationDelay) {
        this.pool = pool;
        this.maxAgeNanos = revocationDelay.toNanos();
    }

    @Override
    public Uni<SecurityIdentity> augment(SecurityIdentity identity, AuthenticationRequestContext context) {
        if (identity.isAnonymous() || !(identity.getPrincipal() instanceof JsonWebToken token)) {
            return Uni.createFrom().item(identity);
        }
        long userId;
        try {
            userId = Long.parseLong(token.getSubject());
        } catch (NumberFormatException e) {
            return Uni.createFrom().failure(new AuthenticationFailedException("token subject is not a user id"));
        }
        Object claim = token.getClaim(TokenIssuer.TOKEN_VERSION_CLAIM);
        if (!(claim instanceof JsonNumber number)) {
            return Uni.createFrom().failure(new AuthenticationFailedException("token has no version"));
        }
        int version = number.intValue();
        return stateOf(userId).map(state -> {
            if (state == null || !state.active() || state.tokenVersion() != version) {
                throw new AuthenticationFailedException("token revoked");
            }
            return identity;
        });
    }

    /** Forgets what this instance knows of the user, so its next request reads the new state. */
    public void forget(long userId) {
        changes.incrementAndGet();
        cache.remove(userId);
    }

    private Uni<UserState> stateOf(long userId) {
        long now = System.nanoTime();
        long changesBefore = changes.get();
        UserState cached = cache.get(userId);
        if (cached != null && now - cached.loadedAtNanos() < maxAgeNanos) {
            return Uni.createFrom().item(cached);
        }
        return pool.preparedQuery("select active, token_version from users where id = $1")
                .execute(Tuple.of(userId))
                .map(rows -> {
                    Iterator<Row> found = rows.iterator();
                    if (!found.hasNext()) {
                        cache.remove(userId);
                        return null;
                    }
                    Row row = found.next();
                    UserState state = new UserState(row.getBoolean("active"), row.getInteger("token_version"), now);
                    if (changes.get() == changesBefore) {
                        remember(userId, state);
                    }
                    return state;
                });
    }

    private void remember(long userId, UserState state) {
        if (cache.size() >= MAX_CACHED_USERS) {
            long now = System.nanoTime();
            cache.values().removeIf(old -> now - old.loadedAtNanos() >= maxAgeNanos);
            if (cache.size() >= MAX_CACHED_USERS) {
                cache.clear();
            }
        }
        cache.put(userId, state);
    }
}
