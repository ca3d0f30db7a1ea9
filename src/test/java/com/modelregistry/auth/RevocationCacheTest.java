package com.modelregistry.auth;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.modelregistry.Api.Account;
import com.modelregistry.Api;
import com.modelregistry.auth.TokenRevocation.UserState;
import com.modelregistry.testdb.AuthResource;
import com.modelregistry.testdb.PostgresResource;
import com.modelregistry.testdb.Tokens;
import io.quarkus.cache.Cache;
import io.quarkus.cache.CacheName;
import io.quarkus.cache.CaffeineCache;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * The revocation cache of one instance, beyond what RevocationTest checks over HTTP: a read in flight during a change,
 * a failed read, a deleted user, and a cache past its bound.
 */
@QuarkusTest
@WithTestResource(PostgresResource.class)
@WithTestResource(AuthResource.class)
class RevocationCacheTest {

    @Inject
    @CacheName(TokenRevocation.CACHE)
    Cache cache;

    @Inject
    TokenRevocation revocation;

    @ConfigProperty(name = "registry.auth.revocation-cache-size")
    long configuredSize;

    @ConfigProperty(name = "registry.auth.revocation-delay")
    Duration configuredDelay;

    /**
     * A read of the user that began before an admin's change and ends after it (here held open by the test, which
     * then answers with the state from before the change) must not be cached: the revoked token stays refused.
     */
    @Test
    void aReadInFlightDuringAChangeDoesNotCacheTheOldState() throws Exception {
        Account user = Api.newUser();
        cache.invalidate(user.id()).await().indefinitely();
        AtomicBoolean read = new AtomicBoolean();
        CompletableFuture<UserState> readBeforeTheChange = new CompletableFuture<>();
        CompletableFuture<UserState> inFlight = revocation.stateOf(user.id(), id -> {
            read.set(true);
            return Uni.createFrom().completionStage(readBeforeTheChange);
        }).subscribeAsCompletionStage();
        assertTrue(read.get(), "the user was read, not found in the cache");

        Api.asAdmin().contentType(ContentType.JSON).body(Map.of("role", "admin"))
                .when().patch("/users/{id}", user.id()).then().statusCode(200);
        readBeforeTheChange.complete(new UserState(true, 0));
        assertEquals(new UserState(true, 0), inFlight.get(5, TimeUnit.SECONDS), "the read in flight ends as it began");

        user.request().when().get("/users/me").then().statusCode(401);
    }

    /** A read that failed (the database was down) is not kept: the next request reads again. */
    @Test
    void aFailedReadIsNotKept() {
        Account user = Api.newUser();
        cache.invalidate(user.id()).await().indefinitely();

        Uni<UserState> failed = revocation.stateOf(user.id(),
                id -> Uni.createFrom().failure(new IllegalStateException("the database is down")));
        assertThrows(IllegalStateException.class, () -> failed.await().indefinitely());

        user.request().when().get("/users/me").then().statusCode(200);
    }

    @Test
    void aDeletedUserIsRefusedAndRemembered() {
        Account user = Api.newUser();
        Api.asAdmin().when().delete("/users/{id}", user.id()).then().statusCode(204);

        user.request().when().get("/users/me").then().statusCode(401);

        assertEquals(UserState.DELETED,
                cache.as(CaffeineCache.class).<UserState>getIfPresent(user.id()).join());
    }

    /**
     * The hand-made map this cache replaced was emptied whole when it filled up, and every user then cost a read.
     * Caffeine drops a few entries at a time: past its bound the cache stays nearly full, never much above the bound.
     */
    @Test
    void manyDistinctUsersKeepTheCacheNearItsBoundNotEmpty() {
        CaffeineCache caffeine = cache.as(CaffeineCache.class);
        int bound = 20;
        caffeine.setMaximumSize(bound);
        // entries must not expire (2 s in tests) while the test fills the cache
        caffeine.setExpireAfterWrite(Duration.ofMinutes(10));
        try {
            long firstId = 9_000_000_000_000L + System.nanoTime() % 1_000_000_000L;
            int smallest = Integer.MAX_VALUE;
            int largest = 0;
            for (int i = 0; i < 4 * bound; i++) {
                String token = Tokens.signedByService(Tokens.claimsFor(firstId + i, "nobody" + i, Roles.USER));
                given().header("Authorization", "Bearer " + token).when().get("/users/me").then().statusCode(401);
                int size = caffeine.keySet().size();
                if (i >= bound) {
                    smallest = Math.min(smallest, size);
                }
                largest = Math.max(largest, size);
            }
            assertTrue(smallest >= bound / 2, "the cache fell to " + smallest + " entries of " + bound);
            assertTrue(largest <= 2 * bound, "the cache grew to " + largest + " entries of " + bound);
        } finally {
            caffeine.setMaximumSize(configuredSize);
            caffeine.setExpireAfterWrite(configuredDelay);
        }
    }
}
