package com.modelregistry.mlmodel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.modelregistry.Api;
import com.modelregistry.common.paging.KeysetOrder;
import com.modelregistry.common.paging.KeysetPage;
import com.modelregistry.common.paging.KeysetRequest;
import com.modelregistry.testdb.PostgresResource;
import com.modelregistry.user.User;
import com.modelregistry.user.UserRepository;
import io.quarkus.test.TestReactiveTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.vertx.RunOnVertxContext;
import io.quarkus.test.vertx.UniAsserter;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The keyset queries of the model list against the database, each test in a transaction that is rolled back: the
 * first slice, a slice after a cursor, ties on equal keys, and the unscored models that sort last.
 */
@QuarkusTest
@WithTestResource(PostgresResource.class)
@RunOnVertxContext
@TestReactiveTransaction
class ModelKeysetQueriesTest {

    @Inject
    ModelRepository models;

    @Inject
    UserRepository users;

    @Test
    void theFirstSliceStartsAtTheTopOfTheOrderAndPointsAtTheNext(UniAsserter asserter) {
        List<Long> ids = new ArrayList<>();
        asserter.execute(() -> owner().chain(owner -> create(owner, ids, "b", 0.5, "a", 0.5, "c", 0.5)));
        asserter.assertThat(() -> slice(ids, ModelSort.NAME_A_TO_Z, null, 2), page -> {
            assertEquals(List.of("a", "b"), page.items().stream().map(ModelView::name).toList());
            assertNotNull(page.next());
        });
    }

    @Test
    void aSliceAfterACursorHoldsOnlyTheRowsPastIt(UniAsserter asserter) {
        List<Long> ids = new ArrayList<>();
        asserter.execute(() -> owner().chain(owner -> create(owner, ids, "b", 0.5, "a", 0.5, "c", 0.5)));
        asserter.assertThat(() -> slice(ids, ModelSort.NAME_Z_TO_A, null, 1)
                .chain(first -> slice(ids, ModelSort.NAME_Z_TO_A, first.next(), 5)), page -> {
            assertEquals(List.of("b", "a"), page.items().stream().map(ModelView::name).toList());
            assertNull(page.next());
        });
    }

    @Test
    void rowsWithEqualKeysContinueByIdDescendingAcrossSlices(UniAsserter asserter) {
        List<Long> ids = new ArrayList<>();
        asserter.execute(() -> owner().chain(owner -> create(owner, ids, "same", 0.5, "same", 0.5, "same", 0.5)));
        asserter.assertThat(() -> slice(ids, ModelSort.MOST_ACCURATE, null, 1)
                .chain(first -> slice(ids, ModelSort.MOST_ACCURATE, first.next(), 1)
                        .chain(second -> slice(ids, ModelSort.MOST_ACCURATE, second.next(), 1)
                                .map(third -> List.of(first, second, third)))), slices -> {
            List<Long> walked = slices.stream().map(page -> page.items().get(0).id()).toList();
            assertEquals(List.of(ids.get(2), ids.get(1), ids.get(0)), walked);
            assertNull(slices.get(2).next());
        });
    }

    @Test
    void aSliceThatRunsOutOfScoredModelsGoesOnWithTheUnscoredInIdOrder(UniAsserter asserter) {
        List<Long> ids = new ArrayList<>();
        asserter.execute(() -> owner().chain(owner -> create(owner, ids, "u1", null, "s1", 0.9, "u2", null,
                "s2", 0.5)));
        asserter.assertThat(() -> slice(ids, ModelSort.MOST_ACCURATE, null, 1)
                .chain(first -> slice(ids, ModelSort.MOST_ACCURATE, first.next(), 2)), page -> {
            assertEquals(List.of("s2", "u2"), page.items().stream().map(ModelView::name).toList());
            assertNotNull(page.next());
        });
    }

    @Test
    void aCursorOnAnUnscoredModelContinuesAmongTheUnscoredOnly(UniAsserter asserter) {
        List<Long> ids = new ArrayList<>();
        asserter.execute(() -> owner().chain(owner -> create(owner, ids, "u1", null, "s1", 0.9, "u2", null,
                "u3", null)));
        asserter.assertThat(() -> slice(ids, ModelSort.LEAST_ACCURATE, null, 2)
                .chain(first -> slice(ids, ModelSort.LEAST_ACCURATE, first.next(), 5)), page -> {
            // the first slice ends on u3, the newest unscored model; the rest are the older unscored ones
            assertEquals(List.of("u2", "u1"), page.items().stream().map(ModelView::name).toList());
            assertNull(page.next());
        });
    }

    private Uni<Long> owner() {
        User user = new User();
        user.username = Api.unique("keyset_");
        user.email = user.username + "@example.com";
        user.passwordHash = "x".repeat(60);
        return users.persist(user).map(saved -> saved.id);
    }

    /** Models of the owner from name and accuracy pairs, their ids added to ids in creation order. */
    private Uni<Void> create(long owner, List<Long> ids, Object... nameAndAccuracy) {
        Uni<Void> all = Uni.createFrom().voidItem();
        for (int i = 0; i < nameAndAccuracy.length; i += 2) {
            MLModel model = new MLModel();
            model.name = (String) nameAndAccuracy[i];
            model.accuracy = (Double) nameAndAccuracy[i + 1];
            model.framework = "sklearn";
            model.ownerId = owner;
            all = all.chain(() -> models.persistAndFlush(model)).invoke(saved -> ids.add(saved.id)).replaceWithVoid();
        }
        return all;
    }

    /** The owner's models (the owner of the first id) in this order, after the cursor (null: from the start). */
    private Uni<KeysetPage<ModelView>> slice(List<Long> ids, ModelSort sort, String after, int size) {
        return models.findById(ids.get(0)).chain(first -> {
            KeysetOrder<MLModel> order = sort.keyset();
            ModelSearch search = new ModelSearch(null, null, first.ownerId, null, sort);
            return models.searchAfter(search, new KeysetRequest<>(order, order.positionAfter(after), size));
        });
    }
}
