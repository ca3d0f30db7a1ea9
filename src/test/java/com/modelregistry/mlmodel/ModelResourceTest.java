package com.modelregistry.mlmodel;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.anyOf;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.modelregistry.Api.Account;
import com.modelregistry.Api;
import com.modelregistry.testdb.AuthResource;
import com.modelregistry.testdb.PostgresResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(PostgresResource.class)
@WithTestResource(AuthResource.class)
class ModelResourceTest {

    @Test
    void recordingAModelAnswersCreatedWithItsLocation() {
        Account owner = Api.newUser();
        Response response = owner.request().contentType(ContentType.JSON)
                .body(Map.of("name", "resnet-50", "framework", "  PyTorch ", "accuracy", 0.91))
                .when().post("/users/{id}/models", owner.id());

        long id = response.jsonPath().getLong("id");
        response.then().statusCode(201)
                .header("Location", endsWith("/models/" + id))
                .body("name", equalTo("resnet-50"))
                .body("framework", equalTo("pytorch"))
                .body("accuracy", equalTo(0.91f))
                .body("ownerId", equalTo((int) owner.id()))
                .body("updatedAt", equalTo(response.jsonPath().getString("createdAt")));

        owner.request().when().get("/models/{id}", id)
                .then().statusCode(200)
                .body("framework", equalTo("pytorch"))
                .body("createdAt", equalTo(response.jsonPath().getString("createdAt")));
    }

    @Test
    void aModelMayBeRecordedWithoutAccuracy() {
        Account owner = Api.newUser();
        owner.request().contentType(ContentType.JSON).body(Map.of("name", "no score", "framework", "sklearn"))
                .when().post("/users/{id}/models", owner.id())
                .then().statusCode(201).body("accuracy", nullValue());
    }

    @Test
    void accuracyIsANumberFromZeroToOneInclusive() {
        Account owner = Api.newUser();
        for (double accuracy : new double[] {0.0, 1.0}) {
            owner.request().contentType(ContentType.JSON)
                    .body(Map.of("name", "edge", "framework", "sklearn", "accuracy", accuracy))
                    .when().post("/users/{id}/models", owner.id())
                    .then().statusCode(201);
        }
        for (String accuracy : List.of("-0.01", "1.0001", "1e309", "\"0.5\"", "true")) {
            owner.request().contentType(ContentType.JSON)
                    .body("{\"name\": \"bad\", \"framework\": \"sklearn\", \"accuracy\": " + accuracy + "}")
                    .when().post("/users/{id}/models", owner.id())
                    .then().statusCode(400)
                    .contentType("application/problem+json")
                    .body("violations.field", equalTo(List.of("accuracy")));
        }
    }

    @Test
    void recordingAModelRejectsEachInvalidFieldByNameAndStoresNothing() {
        Account owner = Api.newUser();
        owner.request().contentType(ContentType.JSON).body(Map.of("name", "", "framework", " "))
                .when().post("/users/{id}/models", owner.id())
                .then().statusCode(400)
                .body("violations.field", equalTo(List.of("framework", "name")));
        owner.request().contentType(ContentType.JSON).body(Map.of("name", "x".repeat(256), "framework", "f".repeat(51)))
                .when().post("/users/{id}/models", owner.id())
                .then().statusCode(400)
                .body("violations.field", equalTo(List.of("framework", "name")));
        owner.request().contentType(ContentType.JSON).body(Map.of("name", "nul\u0000name", "framework", "sklearn"))
                .when().post("/users/{id}/models", owner.id())
                .then().statusCode(400)
                .body("violations.field", equalTo(List.of("name")));
        for (String field : List.of("id", "ownerId", "createdAt", "owner")) {
            owner.request().contentType(ContentType.JSON)
                    .body(Map.of("name", "m", "framework", "sklearn", field, 1))
                    .when().post("/users/{id}/models", owner.id())
                    .then().statusCode(400)
                    .body("violations.field", equalTo(List.of(field)));
        }

        owner.request().when().get("/users/{id}/models", owner.id()).then().statusCode(200).body("total", equalTo(0));
    }

    @Test
    void recordingAModelForAnUnknownUserIs404() {
        Api.asAdmin().contentType(ContentType.JSON).body(Map.of("name", "orphan", "framework", "sklearn"))
                .when().post("/users/{id}/models", 987654321)
                .then().statusCode(404)
                .contentType("application/problem+json");
    }

    @Test
    void patchingAModelChangesOnlyTheGivenFieldsAndNullClearsAccuracy() {
        Account owner = Api.newUser();
        long id = Api.createModel(owner, "before", "sklearn", 0.4);

        owner.request().contentType(ContentType.JSON).body(Map.of("name", "after", "framework", "XGBoost "))
                .when().patch("/models/{id}", id)
                .then().statusCode(200)
                .body("name", equalTo("after"))
                .body("framework", equalTo("xgboost"))
                .body("accuracy", equalTo(0.4f))
                .body("ownerId", equalTo((int) owner.id()));

        owner.request().contentType(ContentType.JSON).body("{\"accuracy\": null}")
                .when().patch("/models/{id}", id)
                .then().statusCode(200)
                .body("accuracy", nullValue())
                .body("name", equalTo("after"));

        owner.request().contentType(ContentType.JSON).body("{}")
                .when().patch("/models/{id}", id)
                .then().statusCode(200).body("name", equalTo("after"));

        owner.request().when().get("/models/{id}", id)
                .then().body("accuracy", nullValue()).body("framework", equalTo("xgboost"))
                .body("updatedAt", not(equalTo(owner.request().get("/models/{id}", id).jsonPath().getString("createdAt"))));
    }

    @Test
    void patchingAModelRejectsEachBadValueByNameAndChangesNothing() {
        Account owner = Api.newUser();
        long id = Api.createModel(owner, "stable", "sklearn", 0.4);

        owner.request().contentType(ContentType.JSON).body("{\"name\": null}")
                .when().patch("/models/{id}", id)
                .then().statusCode(400).body("violations.field", equalTo(List.of("name")));
        owner.request().contentType(ContentType.JSON).body("{\"accuracy\": 2}")
                .when().patch("/models/{id}", id)
                .then().statusCode(400).body("violations.field", equalTo(List.of("accuracy")));
        owner.request().contentType(ContentType.JSON).body("{\"ownerId\": 1}")
                .when().patch("/models/{id}", id)
                .then().statusCode(400).body("violations.field", equalTo(List.of("ownerId")));
        owner.request().contentType(ContentType.JSON).body("{\"framework\": \"\"}")
                .when().patch("/models/{id}", id)
                .then().statusCode(400).body("violations.field", hasItem("framework"));

        owner.request().when().get("/models/{id}", id)
                .then().body("name", equalTo("stable")).body("accuracy", equalTo(0.4f));
    }

    @Test
    void patchingAnUnknownModelIs404() {
        Api.newUser().request().contentType(ContentType.JSON).body("{\"name\": \"x\"}")
                .when().patch("/models/{id}", 987654321)
                .then().statusCode(404);
    }

    @Test
    void unicodeWhoseCaseRulesDifferBetweenJavaAndPostgresqlIsStored() {
        Account owner = Api.newUser();
        for (String framework : List.of("\uA7C0", "\u2C2F", "Ǆ-lib", "İstanbul")) {
            owner.request().contentType(ContentType.JSON).body(Map.of("name", "unicode", "framework", framework))
                    .when().post("/users/{id}/models", owner.id())
                    .then().statusCode(201);
        }
        String local = "\uA7C0" + Api.unique("x");
        given().contentType(ContentType.JSON)
                .body(Map.of("email", local + "@example.com", "username", Api.unique("u_"), "password", Api.PASSWORD))
                .when().post("/users")
                .then().statusCode(anyOf(equalTo(201), equalTo(400)));
    }

    @Test
    void deletingAModelRemovesItAndNothingElse() {
        Account owner = Api.newUser();
        long id = Api.createModel(owner, "short-lived", "sklearn", null);
        long other = Api.createModel(owner, "stays", "sklearn", null);

        owner.request().when().delete("/models/{id}", id).then().statusCode(204);
        owner.request().when().get("/models/{id}", id).then().statusCode(404);
        owner.request().when().delete("/models/{id}", id).then().statusCode(404);
        owner.request().when().get("/models/{id}", other).then().statusCode(200);
        owner.request().when().get("/users/{id}", owner.id()).then().statusCode(200);
    }

    @Test
    void concurrentDeletesAllSucceed() throws Exception {
        Account owner = Api.newUser();
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            ids.add(Api.createModel(owner, "doomed-" + i, "sklearn", null));
        }
        ExecutorService clients = Executors.newFixedThreadPool(8);
        try {
            List<Future<Integer>> statuses = new ArrayList<>();
            for (long id : ids) {
                statuses.add(clients.submit(() -> owner.request().when().delete("/models/{id}", id).statusCode()));
            }
            for (Future<Integer> status : statuses) {
                assertEquals(204, status.get());
            }
        } finally {
            clients.shutdown();
        }
        owner.request().when().get("/users/{id}/models", owner.id()).then().statusCode(200).body("total", equalTo(0));
    }
}
