package com.modelregistry.user;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.modelregistry.Api.Account;
import com.modelregistry.Api;
import com.modelregistry.testdb.AuthResource;
import com.modelregistry.testdb.PostgresResource;
import com.modelregistry.testdb.SqlRecorder;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/** Counts the SQL statements Hibernate sends rather than assuming them. */
@QuarkusTest
@WithTestResource(PostgresResource.class)
@WithTestResource(AuthResource.class)
class UserStatementsTest {

    @Test
    void expandingModelsIssuesASingleStatement() {
        Account owner = Api.newUser();
        for (int i = 0; i < 5; i++) {
            Api.createModel(owner, "model-" + i, "sklearn", 0.5);
        }
        try (SqlRecorder sql = SqlRecorder.start()) {
            owner.request().when().get("/users/{id}?expand=models", owner.id())
                    .then().statusCode(200).body("models.size()", equalTo(5));

            assertEquals(1, sql.statements().size(), "statements: " + sql.statements());
            assertTrue(sql.statements().get(0).contains("join"), "statements: " + sql.statements());
            // a projection of the columns the view shows: the password hash is not even read
            assertFalse(sql.statements().get(0).contains("password_hash"), "statements: " + sql.statements());
        }
    }

    @Test
    void deletingAUserIsOneStatementThatLoadsNoModel() {
        Account owner = Api.newUser();
        for (int i = 0; i < 3; i++) {
            Api.createModel(owner, "model-" + i, "sklearn", 0.5);
        }
        try (SqlRecorder sql = SqlRecorder.start()) {
            owner.request().when().delete("/users/{id}", owner.id()).then().statusCode(204);

            assertEquals(1, sql.statements().size(), "statements: " + sql.statements());
            assertTrue(sql.statements().get(0).startsWith("delete from users"), "statements: " + sql.statements());
        }
        Api.asAdmin().queryParam("ownerId", owner.id()).when().get("/models").then().body("total", equalTo(0));
    }

    @Test
    void theRecorderSeesEveryStatementOfARequest() {
        Account owner = Api.newUser();
        try (SqlRecorder sql = SqlRecorder.start()) {
            owner.request().when().get("/users/{id}/models", owner.id()).then().statusCode(200);

            // existence check, page, count: proves that the single statement above is not a blind spot
            assertEquals(3, sql.statements().size(), "statements: " + sql.statements());
        }
    }
}
