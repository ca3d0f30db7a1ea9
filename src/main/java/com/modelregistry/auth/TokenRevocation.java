package com.modelregistry.auth;

import io.quarkus.cache.Cache;
import io.quarkus.cache.CacheName;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.SecurityIdentityAugmentor;
import io.smallrye.common.annotation.CheckReturnValue;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.json.JsonNumber;
import java.util.Iterator;
import java.util.function.Function;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Refuses a signed, unexpired token whose user was deleted, deactivated, or had its password or role changed since
 * the token was issued. The user's state (active, token version) is kept in the {@value #CACHE} cache
 * (application.properties: bounded, each entry expires {@code revocation-delay} after it was read); the instance that
 * makes a change forgets the entry at once, and the others when PostgreSQL's notice of it reaches them
 * ({@link RevocationNotices}), or, if they missed it, when their entry expires. A hit costs
 * no database round trip; a miss is one indexed primary-key read through the reactive pool, outside any Hibernate
 * session, shared by the requests for that user that arrive while it runs.
 */
@ApplicationScoped
public class TokenRevocation implements SecurityIdentityAugmentor {

    static final String CACHE = "token-revocation";

    /** What a token is checked against; a deleted user is kept as inactive, so that it is refused without a read. */
    record UserState(boolean active, int tokenVersion) {
        static final UserState DELETED = new UserState(false, -1);
    }

    private final Pool pool;
    private final Cache cache;

    public TokenRevocation(Pool pool, @CacheName(CACHE) Cache cache) {
        this.pool = pool;
        this.cache = cache;
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
            if (!state.active() || state.tokenVersion() != version) {
                throw new AuthenticationFailedException("token revoked");
            }
            return identity;
        });
    }

    /**
     * Forgets what this instance knows of the user, so that its next request reads the new state; call it once the
     * change has committed. A read still in flight is forgotten too: Caffeine drops an entry that is removed while its
     * value loads, so a read that began before the change cannot put the old state back (RevocationCacheTest).
     */
    @CheckReturnValue
    public Uni<Void> forget(long userId) {
        return cache.invalidate(userId);
    }

    /** Forgets every user: after notices may have been missed, each is read again on its next request. */
    @CheckReturnValue
    public Uni<Void> forgetAll() {
        return cache.invalidateAll();
    }

    /**
     * {@code getAsync} keeps the read's result, not the {@code Uni} (which {@code get} would keep, and run again on
     * every hit), answers on the caller's Vert.x context, and does not keep a failed read.
     */
    Uni<UserState> stateOf(long userId) {
        return stateOf(userId, this::read);
    }

    /** The same with the read given: a test holds one open across a change. */
    Uni<UserState> stateOf(long userId, Function<Long, Uni<UserState>> read) {
        return cache.getAsync(userId, read);
    }

    private Uni<UserState> read(long userId) {
        return pool.preparedQuery("select active, token_version from users where id = $1")
                .execute(Tuple.of(userId))
                .map(rows -> {
                    Iterator<Row> found = rows.iterator();
                    if (!found.hasNext()) {
                        return UserState.DELETED;
                    }
                    Row row = found.next();
                    return new UserState(row.getBoolean("active"), row.getInteger("token_version"));
                });
    }
}
