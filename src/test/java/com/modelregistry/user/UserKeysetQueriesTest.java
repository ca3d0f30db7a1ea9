package com.modelregistry.user;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.modelregistry.Api;
import com.modelregistry.common.paging.KeysetPage;
import com.modelregistry.common.paging.KeysetRequest;
import com.modelregistry.testdb.PostgresResource;
import io.quarkus.test.TestReactiveTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.vertx.RunOnVertxContext;
import io.quarkus.test.vertx.UniAsserter;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The keyset queries of the user list (newest first) against the database, each test in a transaction that is
 * rolled back. The users made here are dated in the far future, so they come before every other user.
 */
@QuarkusTest
@WithTestResource(PostgresResource.class)
@RunOnVertxContext
@TestReactiveTransaction
class UserKeysetQueriesTest {

    private static final Instant FUTURE = Instant.parse("9000-01-01T00:00:00Z");

    @Inject
    UserRepository users;

    @Test
    void theFirstSliceHoldsTheNewestUsersAndPointsAtTheNext(UniAsserter asserter) {
        List<Long> ids = new ArrayList<>();
        asserter.execute(() -> create(ids, FUTURE.plusSeconds(1), FUTURE.plusSeconds(3), FUTURE.plusSeconds(2)));
        asserter.assertThat(() -> slice(null, null, 2), page -> {
            assertEquals(List.of(ids.get(1), ids.get(2)), page.items().stream().map(UserView::id).toList());
            assertNotNull(page.next());
        });
    }

    @Test
    void aSliceAfterACursorStartsPastIt(UniAsserter asserter) {
        List<Long> ids = new ArrayList<>();
        asserter.execute(() -> create(ids, FUTURE.plusSeconds(1), FUTURE.plusSeconds(3), FUTURE.plusSeconds(2)));
        asserter.assertThat(() -> slice(null, null, 2).chain(first -> slice(null, first.next(), 1)),
                page -> assertEquals(List.of(ids.get(0)), page.items().stream().map(UserView::id).toList()));
    }

    @Test
    void usersCreatedAtTheSameInstantContinueByIdDescending(UniAsserter asserter) {
        List<Long> ids = new ArrayList<>();
        asserter.execute(() -> create(ids, FUTURE, FUTURE, FUTURE));
        asserter.assertThat(() -> slice(null, null, 1)
                .chain(first -> slice(null, first.next(), 1)
                        .chain(second -> slice(null, second.next(), 1).map(third -> List.of(first, second, third)))),
                slices -> assertEquals(List.of(ids.get(2), ids.get(1), ids.get(0)),
                        slices.stream().map(page -> page.items().get(0).id()).toList()));
    }

    @Test
    void theEmailFilterAppliesAfterACursorToo(UniAsserter asserter) {
        List<Long> ids = new ArrayList<>();
        asserter.execute(() -> create(ids, FUTURE.plusSeconds(2), FUTURE.plusSeconds(1)));
        asserter.assertThat(() -> users.findById(ids.get(1)).chain(second -> slice(second.email, null, 1)
                .chain(first -> slice(second.email, first.next(), 1).map(rest -> List.of(first, rest)))), slices -> {
            assertEquals(List.of(ids.get(1)), slices.get(0).items().stream().map(UserView::id).toList());
            assertNull(slices.get(0).next());
        });
    }

    /** Users created at these instants, their ids added to ids in the same order. */
    private Uni<Void> create(List<Long> ids, Instant... createdAt) {
        Uni<Void> all = Uni.createFrom().voidItem();
        for (Instant at : createdAt) {
            User user = new User();
            user.username = Api.unique("keyset_");
            user.email = user.username + "@example.com";
            user.passwordHash = "x".repeat(60);
            all = all.chain(() -> users.persistAndFlush(user))
                    .chain(saved -> {
                        // the creation stamp is the clock's; a second flush dates the row as the test needs
                        saved.createdAt = at;
                        ids.add(saved.id);
                        return users.flush();
                    }).replaceWithVoid();
        }
        return all;
    }

    private Uni<KeysetPage<UserView>> slice(String email, String after, int size) {
        return users.findNewestAfter(email,
                new KeysetRequest<>(UserRepository.NEWEST, UserRepository.NEWEST.positionAfter(after), size));
    }
}
