package com.modelregistry.mlmodel;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.modelregistry.Api.Account;
import com.modelregistry.Api;
import com.modelregistry.testdb.AuthResource;
import com.modelregistry.testdb.PostgresResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * The totals of GET /models and GET /models?framework= come from the database's running count (V4 migration); after
 * every kind of write, one by one and concurrently, they must equal a real count of the rows.
 */
@QuarkusTest
@WithTestResource(PostgresResource.class)
@WithTestResource(AuthResource.class)
class ModelCountsTest {

    @Test
    void totalsFollowCreatesMovesDeletesAndCascades() throws Exception {
        String framework = Api.unique("fw-");
        String other = Api.unique("fw-");
        Account owner = Api.newUser();
        Account leaving = Api.newUser();
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            ids.add(Api.createModel(owner, "m" + i, framework, 0.5));
            Api.createModel(leaving, "l" + i, framework, null);
        }
        assertTotalsAreRealCounts(framework, other);
        assertEquals(10, totalOf(framework));

        owner.request().contentType(ContentType.JSON).body(Map.of("framework", other))
                .when().patch("/models/{id}", ids.get(0)).then().statusCode(200);
        owner.request().contentType(ContentType.JSON).body(Map.of("name", "renamed"))
                .when().patch("/models/{id}", ids.get(1)).then().statusCode(200);
        assertTotalsAreRealCounts(framework, other);
        assertEquals(1, totalOf(other));

        owner.request().when().delete("/models/{id}", ids.get(2)).then().statusCode(204);
        leaving.request().when().delete("/users/{id}", leaving.id()).then().statusCode(204);
        assertTotalsAreRealCounts(framework, other);
        assertEquals(3, totalOf(framework));
    }

    @Test
    void totalsStayExactUnderConcurrentWrites() throws Exception {
        String framework = Api.unique("fw-");
        Account owner = Api.newUser();
        ExecutorService clients = Executors.newFixedThreadPool(8);
        try {
            List<Future<Long>> created = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                int n = i;
                created.add(clients.submit(() -> Api.createModel(owner, "c" + n, framework, null)));
            }
            List<Future<Integer>> deleted = new ArrayList<>();
            for (int i = 0; i < 40; i += 2) {
                long id = created.get(i).get();
                deleted.add(clients.submit(() -> owner.request().when().delete("/models/{id}", id).statusCode()));
            }
            for (Future<Integer> status : deleted) {
                assertEquals(204, status.get());
            }
        } finally {
            clients.shutdown();
        }
        assertTotalsAreRealCounts(framework);
        assertEquals(20, totalOf(framework));
    }

    private static long totalOf(String framework) {
        return Api.asAdmin().queryParam("framework", framework).when().get("/models")
                .then().statusCode(200).extract().jsonPath().getLong("total");
    }

    private static void assertTotalsAreRealCounts(String... frameworks) throws Exception {
        try (Connection db = DriverManager.getConnection(PostgresResource.jdbcUrl(), "postgres", "postgres")) {
            for (String framework : frameworks) {
                assertEquals(count(db, "select count(*) from models where framework = ?", framework), totalOf(framework),
                        framework);
            }
            long all = Api.asAdmin().when().get("/models").then().statusCode(200).extract().jsonPath().getLong("total");
            assertEquals(count(db, "select count(*) from models", null), all, "all models");
        }
    }

    private static long count(Connection db, String sql, String parameter) throws Exception {
        try (PreparedStatement statement = db.prepareStatement(sql)) {
            if (parameter != null) {
                statement.setString(1, parameter);
            }
            try (ResultSet row = statement.executeQuery()) {
                row.next();
                return row.getLong(1);
            }
        }
    }
}
