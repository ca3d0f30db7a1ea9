package com.modelregistry.version;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.modelregistry.Api;
import com.modelregistry.common.paging.KeysetPage;
import com.modelregistry.common.paging.KeysetRequest;
import com.modelregistry.common.paging.PageRequest;
import com.modelregistry.testdb.PostgresResource;
import io.quarkus.test.TestReactiveTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.vertx.RunOnVertxContext;
import io.quarkus.test.vertx.UniAsserter;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The version queries of {@link VersionRepository} against the real database, each test in a transaction that is
 * rolled back. The model and its owner are written by plain SQL: this package knows no model or user entity.
 */
@QuarkusTest
@WithTestResource(PostgresResource.class)
@RunOnVertxContext
@TestReactiveTransaction
class VersionRepositoryTest {

    @Inject
    VersionRepository versions;

    @Test
    void aListIsNewestFirstFilteredByStatusAndCounted(UniAsserter asserter) {
        long[] model = new long[1];
        asserter.execute(() -> model(4, 1, 3).invoke(id -> model[0] = id))
                .assertThat(() -> numbers(versions.listOf(model[0], null, new PageRequest(0, 10))),
                        found -> assertEquals(List.of(4, 3, 2, 1), found))
                .assertThat(() -> numbers(versions.listOf(model[0], VersionStatus.ARCHIVED, new PageRequest(0, 10))),
                        found -> assertEquals(List.of(3, 1), found))
                .assertThat(() -> numbers(versions.listOf(model[0], VersionStatus.READY, new PageRequest(1, 1))),
                        found -> assertEquals(List.of(2), found))
                .assertEquals(() -> versions.countOf(model[0], null), 4L)
                .assertEquals(() -> versions.countOf(model[0], VersionStatus.READY), 2L);
    }

    @Test
    void aCursorContinuesAfterTheLastVersionSeen(UniAsserter asserter) {
        long[] model = new long[1];
        asserter.execute(() -> model(5).invoke(id -> model[0] = id))
                .assertThat(() -> slice(model[0], null, null, 2)
                        .chain(first -> slice(model[0], null, first.next(), 2)
                                .chain(second -> slice(model[0], null, second.next(), 2)
                                        .map(third -> List.of(first, second, third)))), slices -> {
                    assertEquals(List.of(5, 4), numbersOf(slices.get(0)));
                    assertEquals(List.of(3, 2), numbersOf(slices.get(1)));
                    assertEquals(List.of(1), numbersOf(slices.get(2)));
                    assertNotNull(slices.get(1).next());
                    assertNull(slices.get(2).next());
                });
    }

    @Test
    void aFilteredCursorSkipsTheOtherStatus(UniAsserter asserter) {
        long[] model = new long[1];
        asserter.execute(() -> model(5, 4, 2).invoke(id -> model[0] = id))
                .assertThat(() -> slice(model[0], VersionStatus.READY, null, 1)
                        .chain(first -> slice(model[0], VersionStatus.READY, first.next(), 5)), page -> {
                    assertEquals(List.of(3, 1), numbersOf(page));
                    assertNull(page.next());
                });
    }

    @Test
    void theNewestAreTheHighestNumbersUpToTheLimit(UniAsserter asserter) {
        long[] model = new long[1];
        asserter.execute(() -> model(4).invoke(id -> model[0] = id))
                .assertThat(() -> numbers(versions.newestOf(model[0], 3)), found -> assertEquals(List.of(4, 3, 2), found));
    }

    @Test
    void aDeleteByNumberRemovesThatVersionAndItsAliasesOnly(UniAsserter asserter) {
        long[] model = new long[1];
        asserter.execute(() -> model(2).invoke(id -> model[0] = id))
                .execute(() -> sql("insert into model_aliases (model_id, name, version_id, created_at, updated_at)"
                        + " select model_id, 'production', id, now(), now() from model_versions"
                        + " where model_id = ?1 and number = 2", model[0]))
                .assertThat(() -> versions.aliasesOf(model[0]), aliases -> assertEquals(
                        List.of(List.of("latest", "production")), List.copyOf(aliases.values())))
                .assertEquals(() -> versions.deleteByNumber(model[0], 2), 1L)
                .assertEquals(() -> versions.deleteByNumber(model[0], 2), 0L)
                .assertThat(() -> numbers(versions.listOf(model[0], null, new PageRequest(0, 10))),
                        found -> assertEquals(List.of(1), found))
                .assertThat(() -> versions.aliasesOf(model[0]),
                        aliases -> assertEquals(List.of(List.of("latest")), List.copyOf(aliases.values())));
    }

    @Test
    void deletingTheModelRowDeletesItsVersionsAndAliases(UniAsserter asserter) {
        long[] model = new long[1];
        asserter.execute(() -> model(3).invoke(id -> model[0] = id))
                .execute(() -> sql("insert into model_aliases (model_id, name, version_id, created_at, updated_at)"
                        + " select model_id, 'production', id, now(), now() from model_versions"
                        + " where model_id = ?1 and number = 1", model[0]))
                .execute(() -> sql("delete from models where id = ?1", model[0]))
                .assertEquals(() -> versions.count("modelId", model[0]), 0L)
                .assertThat(() -> versions.aliasesOf(model[0]), aliases -> assertEquals(Map.of(), aliases));
    }

    @Test
    void theLockedReadFindsTheVersionOrNothing(UniAsserter asserter) {
        long[] model = new long[1];
        asserter.execute(() -> model(1).invoke(id -> model[0] = id))
                .assertThat(() -> versions.findByNumberForUpdate(model[0], 1), found -> assertEquals(1, found.number))
                .assertThat(() -> versions.findByNumberForUpdate(model[0], 2), found -> assertNull(found));
    }

    /** A new model with versions 1 to count, the given numbers archived; its id. */
    private Uni<Long> model(int count, int... archived) {
        String name = Api.unique("vrepo_");
        return single("insert into users (email, username, password_hash, created_at, updated_at)"
                + " values (?1, ?2, ?3, now(), now()) returning id", name + "@example.com", name, "x".repeat(60))
                .chain(owner -> single("insert into models (name, framework, owner_id, created_at, updated_at)"
                        + " values ('versioned', 'sklearn', ?1, now(), now()) returning id", owner))
                .call(model -> {
                    Uni<Void> all = Uni.createFrom().voidItem();
                    for (int number = 1; number <= count; number++) {
                        ModelVersion version = new ModelVersion();
                        version.modelId = model;
                        version.number = number;
                        version.artifactUri = "s3://b/" + model + "/" + number;
                        version.metrics = Map.of();
                        version.status = contains(archived, number) ? VersionStatus.ARCHIVED : VersionStatus.READY;
                        version.createdBy = 1L;
                        all = all.call(() -> versions.persistAndFlush(version));
                    }
                    return all;
                });
    }

    private static boolean contains(int[] numbers, int number) {
        for (int n : numbers) {
            if (n == number) {
                return true;
            }
        }
        return false;
    }

    private Uni<KeysetPage<ModelVersion>> slice(long model, VersionStatus status, String after, int size) {
        return versions.listAfter(model, status,
                new KeysetRequest<>(VersionRepository.NEWEST, VersionRepository.NEWEST.positionAfter(after), size));
    }

    private Uni<Long> single(String sql, Object... parameters) {
        return versions.getSession().chain(session -> {
            var query = session.createNativeQuery(sql, Long.class);
            for (int i = 0; i < parameters.length; i++) {
                query.setParameter(i + 1, parameters[i]);
            }
            return query.getSingleResult();
        });
    }

    private Uni<Void> sql(String sql, Object... parameters) {
        return versions.getSession().chain(session -> {
            var query = session.createNativeQuery(sql);
            for (int i = 0; i < parameters.length; i++) {
                query.setParameter(i + 1, parameters[i]);
            }
            return query.executeUpdate();
        }).replaceWithVoid();
    }

    private static Uni<List<Integer>> numbers(Uni<List<ModelVersion>> found) {
        return found.map(list -> list.stream().map(version -> version.number).toList());
    }

    private static List<Integer> numbersOf(KeysetPage<ModelVersion> page) {
        return page.items().stream().map(version -> version.number).toList();
    }
}
