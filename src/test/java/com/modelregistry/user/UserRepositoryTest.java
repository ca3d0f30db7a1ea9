package com.modelregistry.user;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.modelregistry.Api;
import com.modelregistry.mlmodel.MLModel;
import com.modelregistry.mlmodel.ModelRepository;
import com.modelregistry.mlmodel.ModelView;
import com.modelregistry.testdb.AuthResource;
import com.modelregistry.testdb.PostgresResource;
import io.quarkus.test.TestReactiveTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.vertx.RunOnVertxContext;
import io.quarkus.test.vertx.UniAsserter;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The queries of {@link UserRepository} against the real database, each test in a transaction that is rolled back.
 * Users are stored as the service stores them: the email lowercase, the username as given.
 */
@QuarkusTest
@WithTestResource(PostgresResource.class)
@WithTestResource(AuthResource.class)
@RunOnVertxContext
@TestReactiveTransaction
class UserRepositoryTest {

    /** No user has this id: ids come from an identity column counting up from 1. */
    private static final long MISSING = Long.MAX_VALUE;

    @Inject
    UserRepository users;

    @Inject
    ModelRepository models;

    @Test
    void findByLoginFindsAUserByUsernameIgnoringCase(UniAsserter asserter) {
        String name = Api.unique("Login_");
        asserter.execute(() -> user(name))
                .assertThat(() -> users.findByLogin(name.toUpperCase(Locale.ROOT)),
                        found -> assertEquals(name, found.username));
    }

    @Test
    void findByLoginFindsAUserByEmailIgnoringCase(UniAsserter asserter) {
        String name = Api.unique("Login_");
        asserter.execute(() -> user(name))
                .assertThat(() -> users.findByLogin(name.toUpperCase(Locale.ROOT) + "@EXAMPLE.com"),
                        found -> assertEquals(name, found.username));
    }

    @Test
    void findByLoginFindsNobodyForAnUnknownName(UniAsserter asserter) {
        String name = Api.unique("Login_");
        asserter.execute(() -> user(name))
                .assertNull(() -> users.findByLogin(name + "x"));
    }

    @Test
    void findByUsernameIgnoresCase(UniAsserter asserter) {
        String name = Api.unique("Name_");
        asserter.execute(() -> user(name))
                .assertThat(() -> users.findByUsername(name.toLowerCase(Locale.ROOT)),
                        found -> assertEquals(name, found.username));
    }

    @Test
    void findByUsernameDoesNotTakeAnEmail(UniAsserter asserter) {
        String name = Api.unique("Name_");
        asserter.execute(() -> user(name))
                .assertNull(() -> users.findByUsername(name + "@example.com"));
    }

    @Test
    void findByEmailIgnoresCase(UniAsserter asserter) {
        String name = Api.unique("Mail_");
        asserter.execute(() -> user(name))
                .assertThat(() -> users.findByEmail(name.toUpperCase(Locale.ROOT) + "@Example.COM"),
                        found -> assertEquals(name, found.username));
    }

    @Test
    void findByEmailDoesNotTakeAUsername(UniAsserter asserter) {
        String name = Api.unique("Mail_");
        asserter.execute(() -> user(name))
                .assertNull(() -> users.findByEmail(name));
    }

    @Test
    void existsIsTrueForAStoredUser(UniAsserter asserter) {
        asserter.execute(() -> user(Api.unique("here_")).invoke(user -> asserter.putData("id", user.id)))
                .assertTrue(() -> users.exists((Long) asserter.getData("id")));
    }

    @Test
    void existsIsFalseForAnUnknownId(UniAsserter asserter) {
        asserter.assertFalse(() -> users.exists(MISSING));
    }

    @Test
    void viewWithModelsListsTheUsersModelsNewestFirst(UniAsserter asserter) {
        asserter.execute(() -> user(Api.unique("owner_")).invoke(user -> asserter.putData("owner", user.id)))
                .execute(() -> user(Api.unique("other_")).chain(other -> model(other.id, "someone else's")))
                .execute(() -> model(owner(asserter), "first").invoke(model -> asserter.putData("first", model.id)))
                .execute(() -> model(owner(asserter), "second").invoke(model -> asserter.putData("second", model.id)))
                .execute(this::forgetLoadedEntities)
                .assertThat(() -> users.viewWithModels(owner(asserter)), found -> {
                    assertEquals(owner(asserter), found.id());
                    assertEquals(List.of(asserter.getData("second"), asserter.getData("first")),
                            found.models().stream().map(ModelView::id).toList());
                    assertEquals(List.of("second", "first"), found.models().stream().map(ModelView::name).toList());
                    found.models().forEach(model -> assertEquals(owner(asserter), model.ownerId()));
                });
    }

    /** The projection names its columns by hand (UserModelRow.COLUMNS): each must land where the entity's view has it. */
    @Test
    void viewWithModelsCarriesEveryColumnAsTheEntitiesViewsDo(UniAsserter asserter) {
        asserter.execute(() -> user(Api.unique("every_")).invoke(user -> asserter.putData("owner", user.id)))
                .execute(() -> model(owner(asserter), "tagged").invoke(model -> {
                    model.accuracy = 0.75;
                    model.tags.put("team", "vision");
                    model.tags.put("task", "detection");
                }))
                .execute(this::forgetLoadedEntities)
                .execute(() -> users.findById(owner(asserter)).invoke(user -> asserter.putData("user", user)))
                .execute(() -> models.find("ownerId", owner(asserter)).firstResult()
                        .invoke(model -> asserter.putData("model", model)))
                .execute(this::forgetLoadedEntities)
                .assertThat(() -> users.viewWithModels(owner(asserter)), found -> {
                    UserView user = UserView.of((User) asserter.getData("user"));
                    ModelView model = ModelView.of((MLModel) asserter.getData("model"));
                    assertEquals(user, new UserView(found.id(), found.email(), found.username(), found.active(),
                            found.role(), found.createdAt(), found.updatedAt(), null));
                    assertEquals(List.of(model), found.models());
                    assertEquals(Map.of("task", "detection", "team", "vision"), model.tags());
                    assertEquals(0.75, model.accuracy());
                });
    }

    @Test
    void viewWithModelsGivesAUserWithoutModelsAnEmptyList(UniAsserter asserter) {
        asserter.execute(() -> user(Api.unique("lonely_")).invoke(user -> asserter.putData("owner", user.id)))
                .execute(this::forgetLoadedEntities)
                .assertThat(() -> users.viewWithModels(owner(asserter)),
                        found -> assertEquals(List.of(), found.models()));
    }

    @Test
    void viewWithModelsFindsNobodyForAnUnknownId(UniAsserter asserter) {
        asserter.assertNull(() -> users.viewWithModels(MISSING));
    }

    @Test
    void deleteWithoutLoadingDeletesTheUserAndItsModels(UniAsserter asserter) {
        asserter.execute(() -> user(Api.unique("leaving_")).invoke(user -> asserter.putData("owner", user.id)))
                .execute(() -> model(owner(asserter), "doomed"))
                .execute(() -> model(owner(asserter), "doomed too"))
                .execute(this::forgetLoadedEntities)
                .assertTrue(() -> users.deleteWithoutLoading(owner(asserter)))
                .assertFalse(() -> users.exists(owner(asserter)))
                .assertEquals(() -> models.count("ownerId", owner(asserter)), 0L);
    }

    @Test
    void deleteWithoutLoadingLeavesOtherUsersModels(UniAsserter asserter) {
        asserter.execute(() -> user(Api.unique("leaving_")).invoke(user -> asserter.putData("owner", user.id)))
                .execute(() -> user(Api.unique("staying_")).invoke(user -> asserter.putData("other", user.id)))
                .execute(() -> model(owner(asserter), "doomed"))
                .execute(() -> model((Long) asserter.getData("other"), "kept"))
                .execute(this::forgetLoadedEntities)
                .execute(() -> users.deleteWithoutLoading(owner(asserter)))
                .assertEquals(() -> models.count("ownerId", asserter.getData("other")), 1L);
    }

    @Test
    void deleteWithoutLoadingAnUnknownIdDeletesNothing(UniAsserter asserter) {
        asserter.assertFalse(() -> users.deleteWithoutLoading(MISSING));
    }

    /** The lock is the transaction's: PostgreSQL lists it among this connection's advisory locks until it ends. */
    @Test
    void lockForAdminAccountHoldsAnAdvisoryLockInTheTransaction(UniAsserter asserter) {
        asserter.assertEquals(this::advisoryLocksHeld, 0L)
                .execute(() -> users.lockForAdminAccount())
                .assertEquals(this::advisoryLocksHeld, 1L);
    }

    private Uni<Long> advisoryLocksHeld() {
        return users.getSession().chain(session -> session.createNativeQuery(
                "select count(*) from pg_locks where locktype = 'advisory' and pid = pg_backend_pid() and granted",
                Long.class).getSingleResult());
    }

    /**
     * Without this, a query would hand back the user the test stored, still in the session with the model list it
     * was stored with, instead of what the database holds.
     */
    private Uni<Void> forgetLoadedEntities() {
        return users.getSession().chain(session -> session.flush().invoke(session::clear));
    }

    private static long owner(UniAsserter asserter) {
        return (Long) asserter.getData("owner");
    }

    private Uni<User> user(String name) {
        User user = new User();
        user.email = name.toLowerCase(Locale.ROOT) + "@example.com";
        user.username = name;
        user.passwordHash = "x".repeat(60);
        return users.persist(user);
    }

    private Uni<MLModel> model(long ownerId, String name) {
        MLModel model = new MLModel();
        model.ownerId = ownerId;
        model.name = name;
        model.framework = "sklearn";
        return models.persist(model);
    }
}
