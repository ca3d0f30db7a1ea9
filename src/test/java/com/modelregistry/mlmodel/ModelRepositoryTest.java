package com.modelregistry.mlmodel;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.modelregistry.Api;
import com.modelregistry.common.paging.PageRequest;
import com.modelregistry.testdb.AuthResource;
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
import java.util.Collections;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * The queries of {@link ModelRepository} against the real database, each test in a transaction that is rolled back.
 * The database is shared with the other tests: every search here names a framework or an owner of its own.
 */
@QuarkusTest
@WithTestResource(PostgresResource.class)
@WithTestResource(AuthResource.class)
@RunOnVertxContext
@TestReactiveTransaction
class ModelRepositoryTest {

    private static final PageRequest FIRST_PAGE = new PageRequest(0, PageRequest.DEFAULT_SIZE);

    @Inject
    ModelRepository models;

    @Inject
    UserRepository users;

    @Test
    void searchByFrameworkFindsOnlyThatFramework(UniAsserter asserter) {
        String framework = Api.unique("fw-");
        Stored stored = new Stored();
        asserter.execute(() -> owner().invoke(owner -> stored.owner = owner.id))
                .execute(() -> model(stored.owner, "a", framework, 0.5).invoke(stored::add))
                .execute(() -> model(stored.owner, "b", framework + "x", 0.5))
                .execute(() -> model(stored.owner, "c", framework, null).invoke(stored::add))
                .assertThat(() -> ids(models.search(byFramework(framework), FIRST_PAGE)),
                        found -> assertEquals(stored.newestFirst(), found));
    }

    @Test
    void searchByMinimumAccuracyKeepsTheBoundAndLeavesOutUnscoredModels(UniAsserter asserter) {
        Stored stored = new Stored();
        asserter.execute(() -> owner().invoke(owner -> stored.owner = owner.id))
                .execute(() -> model(stored.owner, "low", "sklearn", 0.79))
                .execute(() -> model(stored.owner, "bound", "sklearn", 0.8).invoke(stored::add))
                .execute(() -> model(stored.owner, "high", "sklearn", 0.95).invoke(stored::add))
                .execute(() -> model(stored.owner, "unscored", "sklearn", null))
                .assertThat(() -> ids(models.search(
                        new ModelSearch(null, 0.8, stored.owner, null, ModelSort.NEWEST), FIRST_PAGE)),
                        found -> assertEquals(stored.newestFirst(), found));
    }

    @Test
    void searchByOwnerFindsOnlyThatOwnersModels(UniAsserter asserter) {
        Stored stored = new Stored();
        asserter.execute(() -> owner().invoke(owner -> stored.owner = owner.id))
                .execute(() -> owner().chain(other -> model(other.id, "not mine", "sklearn", 0.5)))
                .execute(() -> model(stored.owner, "mine", "sklearn", 0.5).invoke(stored::add))
                .execute(() -> model(stored.owner, "mine too", "pytorch", null).invoke(stored::add))
                .assertThat(() -> ids(models.search(ModelSearch.ownedBy(stored.owner), FIRST_PAGE)),
                        found -> assertEquals(stored.newestFirst(), found));
    }

    @Test
    void searchByNameFindsASubstringIgnoringCase(UniAsserter asserter) {
        String word = Api.unique("Needle");
        Stored stored = new Stored();
        asserter.execute(() -> owner().invoke(owner -> stored.owner = owner.id))
                .execute(() -> model(stored.owner, "big-" + word + "-v2", "sklearn", null).invoke(stored::add))
                .execute(() -> model(stored.owner, word.toLowerCase(), "sklearn", null).invoke(stored::add))
                .execute(() -> model(stored.owner, "haystack", "sklearn", null))
                .assertThat(() -> ids(models.search(byName(stored.owner, word.toUpperCase()), FIRST_PAGE)),
                        found -> assertEquals(stored.newestFirst(), found));
    }

    @Test
    void searchByNameTakesPercentAsALiteralCharacter(UniAsserter asserter) {
        assertOnlyTheLiteralMatches(asserter, "100%", "100x0");
    }

    @Test
    void searchByNameTakesUnderscoreAsALiteralCharacter(UniAsserter asserter) {
        assertOnlyTheLiteralMatches(asserter, "a_b", "axb");
    }

    @Test
    void searchByNameTakesBackslashAsALiteralCharacter(UniAsserter asserter) {
        // unescaped, "\%" would be a literal percent sign and find neither name
        assertOnlyTheLiteralMatches(asserter, "c\\%", "c%");
    }

    /** The first name holds the searched text literally, the second is what the text would match as a pattern. */
    private void assertOnlyTheLiteralMatches(UniAsserter asserter, String literal, String patternMatch) {
        Stored stored = new Stored();
        asserter.execute(() -> owner().invoke(owner -> stored.owner = owner.id))
                .execute(() -> model(stored.owner, "x" + literal + "y", "sklearn", null).invoke(stored::add))
                .execute(() -> model(stored.owner, "x" + patternMatch + "y", "sklearn", null))
                .assertThat(() -> ids(models.search(byName(stored.owner, literal), FIRST_PAGE)),
                        found -> assertEquals(stored.newestFirst(), found));
    }

    @Test
    void searchReadsTheRequestedPage(UniAsserter asserter) {
        Stored stored = new Stored();
        asserter.execute(() -> owner().invoke(owner -> stored.owner = owner.id));
        for (int i = 0; i < 5; i++) {
            String name = "model-" + i;
            asserter.execute(() -> model(stored.owner, name, "sklearn", null).invoke(stored::add));
        }
        asserter.assertThat(() -> ids(models.search(ModelSearch.ownedBy(stored.owner), new PageRequest(1, 2))),
                found -> assertEquals(stored.newestFirst().subList(2, 4), found));
    }

    @Test
    void countWithoutAFilterIsTheNumberOfModels(UniAsserter asserter) {
        ModelSearch everything = new ModelSearch(null, null, null, null, ModelSort.NEWEST);
        Stored stored = new Stored();
        asserter.execute(() -> owner().invoke(owner -> stored.owner = owner.id))
                .execute(() -> models.count().invoke(count -> stored.countBefore = count))
                .execute(() -> model(stored.owner, "one", Api.unique("fw-"), null))
                .execute(() -> model(stored.owner, "two", Api.unique("fw-"), 0.5))
                .assertThat(() -> models.countMatching(everything), count -> assertEquals(stored.countBefore + 2, count))
                .assertThat(() -> countedBothWays(models.countMatching(everything), models::count),
                        counts -> assertEquals(counts.counted(), counts.fast()));
    }

    @Test
    void countByFrameworkIsTheNumberOfModelsOfThatFramework(UniAsserter asserter) {
        String framework = Api.unique("fw-");
        Stored stored = new Stored();
        asserter.execute(() -> owner().invoke(owner -> stored.owner = owner.id));
        for (int i = 0; i < 3; i++) {
            asserter.execute(() -> model(stored.owner, "counted", framework, null));
        }
        asserter.execute(() -> model(stored.owner, "other", framework + "x", null))
                .assertEquals(() -> models.countMatching(byFramework(framework)), 3L)
                .assertThat(() -> countedBothWays(models.countMatching(byFramework(framework)),
                        () -> models.count("framework", framework)),
                        counts -> assertEquals(counts.counted(), counts.fast()));
    }

    @Test
    void countByOtherFiltersAgreesWithTheSearch(UniAsserter asserter) {
        String framework = Api.unique("fw-");
        String word = Api.unique("w");
        Stored stored = new Stored();
        asserter.execute(() -> owner().invoke(owner -> stored.owner = owner.id))
                .execute(() -> model(stored.owner, word + "-a", framework, 0.9))
                .execute(() -> model(stored.owner, word + "-b", framework, 0.2))
                .execute(() -> model(stored.owner, "other", framework, 0.9))
                .execute(() -> model(stored.owner, word + "-c", framework, null));
        List<ModelSearch> searches = List.of(
                new ModelSearch(framework, 0.5, null, null, ModelSort.NEWEST),
                new ModelSearch(null, null, null, word, ModelSort.NEWEST),
                new ModelSearch(framework, null, null, word, ModelSort.NAME_A_TO_Z),
                new ModelSearch(null, 0.0, null, word, ModelSort.MOST_ACCURATE));
        List<Long> expected = List.of(2L, 3L, 3L, 2L);
        for (int i = 0; i < searches.size(); i++) {
            ModelSearch search = searches.get(i);
            long count = expected.get(i);
            asserter.assertEquals(() -> models.countMatching(search), count)
                    .assertThat(() -> countedBothWays(models.countMatching(search),
                            () -> models.search(search, FIRST_PAGE).map(found -> (long) found.size())),
                            counts -> assertEquals(counts.counted(), counts.fast()));
        }
        asserter.assertEquals(() -> models.countMatching(ModelSearch.ownedBy(stored.owner)), 4L);
    }

    /** The two counts one after the other: a session runs one statement at a time. */
    private static Uni<Counts> countedBothWays(Uni<Long> fast, Supplier<Uni<Long>> counted) {
        return fast.chain(first -> counted.get().map(second -> new Counts(first, second)));
    }

    private record Counts(long fast, long counted) {
    }

    private static ModelSearch byFramework(String framework) {
        return new ModelSearch(framework, null, null, null, ModelSort.NEWEST);
    }

    private static ModelSearch byName(long ownerId, String text) {
        return new ModelSearch(null, null, ownerId, text, ModelSort.NEWEST);
    }

    private Uni<User> owner() {
        String name = Api.unique("repo_");
        User user = new User();
        user.email = name + "@example.com";
        user.username = name;
        user.passwordHash = "x".repeat(60);
        return users.persist(user);
    }

    private Uni<MLModel> model(long ownerId, String name, String framework, Double accuracy) {
        MLModel model = new MLModel();
        model.ownerId = ownerId;
        model.name = name;
        model.framework = framework;
        model.accuracy = accuracy;
        return models.persist(model);
    }

    private static Uni<List<Long>> ids(Uni<List<MLModel>> found) {
        return found.map(list -> list.stream().map(model -> model.id).toList());
    }

    /** What a test stored, for the steps after: the asserter runs each step after the one before has finished. */
    private static final class Stored {
        long owner;
        long countBefore;
        final List<Long> ids = new ArrayList<>();

        void add(MLModel model) {
            ids.add(model.id);
        }

        /** The stored ids, newest first: stored one after another, a later model is newer or has a greater id. */
        List<Long> newestFirst() {
            List<Long> newestFirst = new ArrayList<>(ids);
            Collections.reverse(newestFirst);
            return newestFirst;
        }
    }
}
