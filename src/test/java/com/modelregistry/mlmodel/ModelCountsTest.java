package com.modelregistry.mlmodel;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
 * The totals of GET /models, GET /models?framework= and GET /models?tag= with one tag come from the database's running
 * counts (V4 and V8 migrations); after every kind of write, one by one and concurrently, they must equal a real count
 * of the rows.
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

    @Test
    void tagTotalsFollowTagWritesMovesDeletesAndCascades() throws Exception {
        String value = Api.unique("v-");
        String moved = Api.unique("v-");
        Account owner = Api.newUser();
        Account leaving = Api.newUser();
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            ids.add(Api.createModel(owner, "t" + i, "sklearn", 0.5));
        }
        for (int i = 0; i < 3; i++) {
            ids.add(Api.createModel(leaving, "l" + i, "pytorch", null));
        }
        for (int i = 0; i < ids.size(); i++) {
            tag(i < 4 ? owner : leaving, ids.get(i), "team", value);
        }
        assertEquals(7, tagTotal("team", value));

        tag(owner, ids.get(0), "team", moved);
        owner.request().when().delete("/models/{id}/tags/{key}", ids.get(1), "team").then().statusCode(204);
        owner.request().contentType(ContentType.JSON).body(Map.of("name", "renamed"))
                .when().patch("/models/{id}", ids.get(3)).then().statusCode(200);
        tag(owner, ids.get(3), "task", "detection");
        assertEquals(5, tagTotal("team", value));
        assertEquals(1, tagTotal("team", moved));

        owner.request().when().delete("/models/{id}", ids.get(2)).then().statusCode(204);
        leaving.request().when().delete("/users/{id}", leaving.id()).then().statusCode(204);
        assertEquals(1, tagTotal("team", value));
        owner.request().when().delete("/models/{id}", ids.get(0)).then().statusCode(204);
        assertEquals(0, tagTotal("team", moved));

        // the running count answers only one tag alone; with more filters the rows are counted, and must agree
        Api.asAdmin().queryParam("tag", "team:" + value).queryParam("framework", "sklearn").when().get("/models")
                .then().statusCode(200).body("total", equalTo(1));
        try (Connection db = DriverManager.getConnection(PostgresResource.jdbcUrl(), "postgres", "postgres")) {
            assertEquals(0, count(db, "select count(*) from tag_counts where value = ?", moved),
                    "a tag no model has leaves no row");
            assertEquals(0, count(db, "select count(*) from tag_counts where models <= 0", null));
        }
    }

    @Test
    void oneTagAloneIsAnsweredFromTheRunningCount() throws Exception {
        String value = Api.unique("v-");
        Account owner = Api.newUser();
        tag(owner, Api.createModel(owner, "counted", "sklearn", null), "team", value);
        try (Connection db = DriverManager.getConnection(PostgresResource.jdbcUrl(), "postgres", "postgres");
                PreparedStatement statement = db.prepareStatement(
                        "update tag_counts set models = ? where key = 'team' and value = ?")) {
            // a count no row matches: only the running count can give it
            statement.setLong(1, 1000);
            statement.setString(2, value);
            assertEquals(1, statement.executeUpdate());
            try {
                Api.asAdmin().queryParam("tag", "team:" + value).when().get("/models")
                        .then().statusCode(200).body("total", equalTo(1000));
                Api.asAdmin().queryParam("tag", "team:" + value).queryParam("ownerId", owner.id()).when().get("/models")
                        .then().statusCode(200).body("total", equalTo(1));
            } finally {
                statement.setLong(1, 1);
                statement.executeUpdate();
            }
        }
    }

    @Test
    void tagTotalsStayExactUnderConcurrentWrites() throws Exception {
        String value = Api.unique("v-");
        String other = Api.unique("v-");
        Account owner = Api.newUser();
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            ids.add(Api.createModel(owner, "c" + i, "sklearn", null));
        }
        ExecutorService clients = Executors.newFixedThreadPool(8);
        try {
            List<Future<Integer>> answers = new ArrayList<>();
            for (long id : ids) {
                answers.add(clients.submit(() -> tagStatus(owner, id, "team", value)));
            }
            for (Future<Integer> status : answers) {
                assertEquals(200, status.get());
            }
            answers.clear();
            for (int i = 0; i < ids.size(); i++) {
                long id = ids.get(i);
                answers.add(clients.submit(i % 3 == 0
                        ? () -> owner.request().when().delete("/models/{id}/tags/{key}", id, "team").statusCode()
                        : i % 3 == 1 ? () -> tagStatus(owner, id, "team", other)
                        : () -> owner.request().when().delete("/models/{id}", id).statusCode()));
            }
            for (Future<Integer> status : answers) {
                int answer = status.get();
                assertTrue(answer == 200 || answer == 204, "status " + answer);
            }
        } finally {
            clients.shutdown();
        }
        assertEquals(0, tagTotal("team", value));
        assertEquals(10, tagTotal("team", other));
    }

    private static void tag(Account account, long model, String key, String value) {
        assertEquals(200, tagStatus(account, model, key, value));
    }

    private static int tagStatus(Account account, long model, String key, String value) {
        return account.request().contentType(ContentType.JSON).body(Map.of("value", value))
                .when().put("/models/{id}/tags/{key}", model, key).statusCode();
    }

    /** The total GET /models?tag= answers, checked against a real count of the models with the tag. */
    private static long tagTotal(String key, String value) throws Exception {
        long total = Api.asAdmin().queryParam("tag", key + ":" + value).when().get("/models")
                .then().statusCode(200).extract().jsonPath().getLong("total");
        try (Connection db = DriverManager.getConnection(PostgresResource.jdbcUrl(), "postgres", "postgres");
                PreparedStatement statement = db.prepareStatement(
                        "select count(*) from models where tags @> jsonb_build_object(?::text, ?::text)")) {
            statement.setString(1, key);
            statement.setString(2, value);
            try (ResultSet row = statement.executeQuery()) {
                row.next();
                assertEquals(row.getLong(1), total, key + ":" + value);
            }
        }
        return total;
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
