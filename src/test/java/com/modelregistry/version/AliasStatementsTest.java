package com.modelregistry.version;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.modelregistry.Api;
import com.modelregistry.Api.Account;
import com.modelregistry.testdb.AuthResource;
import com.modelregistry.testdb.PostgresResource;
import com.modelregistry.testdb.SqlRecorder;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Resolving an alias is what a deployment does on every start: the statements are counted, not assumed. */
@QuarkusTest
@WithTestResource(PostgresResource.class)
@WithTestResource(AuthResource.class)
class AliasStatementsTest {

    @Test
    void resolvingAnAliasIsOneStatement() {
        Account owner = Api.newUser();
        long model = Api.createModel(owner, "deployed", "pytorch", null);
        for (int i = 1; i <= 3; i++) {
            Api.createVersion(owner, model, "s3://models/deployed/" + i);
        }
        owner.request().contentType(ContentType.JSON).body(Map.of("version", 2))
                .when().put("/models/{id}/aliases/production", model).then().statusCode(200);
        owner.request().contentType(ContentType.JSON).body(Map.of("version", 3))
                .when().put("/models/{id}/aliases/staging", model).then().statusCode(200);

        try (SqlRecorder sql = SqlRecorder.start()) {
            owner.request().when().get("/models/{id}/aliases/production", model)
                    .then().statusCode(200).body("version", equalTo(2)).body("aliases", equalTo(List.of("production")));
            assertEquals(1, sql.statements().size(), "statements: " + sql.statements());

            sql.clear();
            owner.request().when().get("/models/{id}/aliases/staging", model)
                    .then().statusCode(200).body("version", equalTo(3))
                    .body("aliases", equalTo(List.of("latest", "staging")));
            assertEquals(1, sql.statements().size(), "statements: " + sql.statements());
        }
    }

    @Test
    void resolvingLatestIsOneStatement() {
        Account owner = Api.newUser();
        long model = Api.createModel(owner, "newest", "pytorch", null);
        for (int i = 1; i <= 3; i++) {
            Api.createVersion(owner, model, "s3://models/newest/" + i);
        }
        try (SqlRecorder sql = SqlRecorder.start()) {
            owner.request().when().get("/models/{id}/aliases/latest", model)
                    .then().statusCode(200).body("version", equalTo(3)).body("aliases", equalTo(List.of("latest")));
            assertEquals(1, sql.statements().size(), "statements: " + sql.statements());
        }
    }

    @Test
    void pointingAnAliasIsOneWriteBetweenTheOwnerCheckAndTheAnswer() {
        Account owner = Api.newUser();
        long model = Api.createModel(owner, "pointed", "pytorch", null);
        Api.createVersion(owner, model, "s3://models/pointed/1");
        try (SqlRecorder sql = SqlRecorder.start()) {
            owner.request().contentType(ContentType.JSON).body(Map.of("version", 1))
                    .when().put("/models/{id}/aliases/production", model).then().statusCode(200);
            List<String> statements = sql.statements();
            assertEquals(3, statements.size(), "statements: " + statements);
            assertEquals(1, statements.stream().filter(s -> s.startsWith("insert into model_aliases")).count(),
                    "statements: " + statements);
        }
    }
}
