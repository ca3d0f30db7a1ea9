package com.modelregistry.mlmodel;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

import com.modelregistry.Api;
import com.modelregistry.testdb.PostgresResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(PostgresResource.class)
class ModelResourceTest {

    @Test
    void recordingAModelAnswersCreatedWithItsLocation() {
        long owner = Api.createUser();
        Response response = given().contentType(ContentType.JSON)
                .body(Map.of("name", "resnet-50", "framework", "  PyTorch ", "accuracy", 0.91))
                .when().post("/users/{id}/models", owner);

        long id = response.jsonPath().getLong("id");
        response.then().statusCode(201)
                .header("Location", endsWith("/models/" + id))
                .body("name", equalTo("resnet-50"))
                .body("framework", equalTo("pytorch"))
                .body("accuracy", equalTo(0.91f))
                .body("ownerId", equalTo((int) owner))
                .body("updatedAt", equalTo(response.jsonPath().getString("createdAt")));

        given().when().get("/models/{id}", id)
                .then().statusCode(200)
                .body("framework", equalTo("pytorch"))
                .body("createdAt", equalTo(response.jsonPath().getString("createdAt")));
    }

    @Test
    void accuracyIsOptionalAndBounded() {
        long owner = Api.createUser();
        given().contentType(ContentType.JSON).body(Map.of("name", "no score", "framework", "sklearn"))
                .when().post("/users/{id}/models", owner)
                .then().statusCode(201).body("accuracy", nullValue());
        for (double accuracy : new double[] {0.0, 1.0}) {
            given().contentType(ContentType.JSON)
                    .body(Map.of("name", "edge", "framework", "sklearn", "accuracy", accuracy))
                    .when().post("/users/{id}/models", owner)
                    .then().statusCode(201);
        }
        for (String accuracy : List.of("-0.01", "1.0001", "1e309", "\"0.5\"", "true")) {
            given().contentType(ContentType.JSON)
                    .body("{\"name\": \"bad\", \"framework\": \"sklearn\", \"accuracy\": " + accuracy + "}")
                    .when().post("/users/{id}/models", owner)
                    .then().statusCode(400)
                    .contentType("application/problem+json")
                    .body("violations.field", equalTo(List.of("accuracy")));
        }
    }

    @Test
    void recordingAModelRejectsInvalidFieldsAndUnknownOwners() {
        long owner = Api.createUser();
        given().contentType(ContentType.JSON).body(Map.of("name", "", "framework", " "))
                .when().post("/users/{id}/models", owner)
                .then().statusCode(400)
                .body("violations.field", equalTo(List.of("framework", "name")));
        given().contentType(ContentType.JSON).body(Map.of("name", "x".repeat(256), "framework", "f".repeat(51)))
                .when().post("/users/{id}/models", owner)
                .then().statusCode(400)
                .body("violations.field", equalTo(List.of("framework", "name")));
        given().contentType(ContentType.JSON).body(Map.of("name", "nul\u0000name", "framework", "sklearn"))
                .when().post("/users/{id}/models", owner)
                .then().statusCode(400)
                .body("violations.field", equalTo(List.of("name")));
        for (String field : List.of("id", "ownerId", "createdAt", "owner")) {
            given().contentType(ContentType.JSON)
                    .body(Map.of("name", "m", "framework", "sklearn", field, 1))
                    .when().post("/users/{id}/models", owner)
                    .then().statusCode(400)
                    .body("violations.field", equalTo(List.of(field)));
        }
        given().contentType(ContentType.JSON).body(Map.of("name", "orphan", "framework", "sklearn"))
                .when().post("/users/{id}/models", 987654321)
                .then().statusCode(404)
                .contentType("application/problem+json");

        given().when().get("/users/{id}/models", owner).then().statusCode(200).body("total", equalTo(0));
    }

    @Test
    void aUsersModelsArePagedNewestFirst() {
        long owner = Api.createUser();
        long[] ids = new long[5];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = Api.createModel(owner, "model-" + i, "sklearn", 0.1 * i);
        }
        Api.createModel(Api.createUser(), "not mine", "sklearn", 0.5);

        given().when().get("/users/{id}/models?size=2", owner)
                .then().statusCode(200)
                .body("items.id", equalTo(List.of((int) ids[4], (int) ids[3])))
                .body("page", equalTo(0)).body("size", equalTo(2))
                .body("total", equalTo(5)).body("totalPages", equalTo(3));
        given().when().get("/users/{id}/models?size=2&page=2", owner)
                .then().statusCode(200)
                .body("items.id", equalTo(List.of((int) ids[0])));
        given().when().get("/users/{id}/models?page=3&size=2", owner)
                .then().statusCode(200)
                .body("items", equalTo(List.of()))
                .body("total", equalTo(5));
        given().when().get("/users/{id}/models", owner)
                .then().body("size", equalTo(20)).body("items.size()", equalTo(5));
        given().when().get("/users/{id}/models?size=101", owner).then().statusCode(400);
        given().when().get("/users/{id}/models", 987654321).then().statusCode(404);
    }

    @Test
    void searchFiltersByFrameworkIgnoringCase() {
        String framework = Api.unique("fw-");
        long owner = Api.createUser();
        long a = Api.createModel(owner, "a", framework, 0.5);
        long b = Api.createModel(Api.createUser(), "b", framework.toUpperCase(), null);
        Api.createModel(owner, "c", framework + "x", 0.5);

        given().queryParam("framework", " " + framework.toUpperCase())
                .when().get("/models")
                .then().statusCode(200)
                .body("items.id", equalTo(List.of((int) b, (int) a)))
                .body("total", equalTo(2));
    }

    @Test
    void searchFiltersByMinimumAccuracyExcludingUnscored() {
        String framework = Api.unique("fw-");
        long owner = Api.createUser();
        long low = Api.createModel(owner, "low", framework, 0.3);
        long exact = Api.createModel(owner, "exact", framework, 0.8);
        long high = Api.createModel(owner, "high", framework, 0.95);
        Api.createModel(owner, "unscored", framework, null);

        given().queryParam("framework", framework).queryParam("minAccuracy", "0.8")
                .when().get("/models")
                .then().statusCode(200)
                .body("items.id", equalTo(List.of((int) high, (int) exact)));
        given().queryParam("framework", framework).queryParam("minAccuracy", "0")
                .when().get("/models")
                .then().body("items.id", equalTo(List.of((int) high, (int) exact, (int) low)));
    }

    @Test
    void searchFiltersByOwnerAndByNameSubstring() {
        long owner = Api.createUser();
        String word = Api.unique("Needle");
        long match = Api.createModel(owner, "big-" + word + "-v2", "sklearn", null);
        Api.createModel(owner, "haystack", "sklearn", null);
        long elsewhere = Api.createModel(Api.createUser(), word.toLowerCase(), "sklearn", null);

        given().queryParam("ownerId", owner).when().get("/models")
                .then().statusCode(200).body("total", equalTo(2));
        given().queryParam("q", word.toUpperCase()).when().get("/models")
                .then().statusCode(200).body("items.id", equalTo(List.of((int) elsewhere, (int) match)));
        given().queryParam("q", word).queryParam("ownerId", owner).when().get("/models")
                .then().body("items.id", equalTo(List.of((int) match)));
    }

    @Test
    void nameSearchTreatsWildcardsLiterally() {
        long owner = Api.createUser();
        String tag = Api.unique("t");
        long percent = Api.createModel(owner, tag + "100%_done", "sklearn", null);
        Api.createModel(owner, tag + "100x-done", "sklearn", null);

        given().queryParam("q", "100%_").queryParam("ownerId", owner).when().get("/models")
                .then().statusCode(200).body("items.id", equalTo(List.of((int) percent)));
        given().queryParam("q", "%").queryParam("ownerId", owner).when().get("/models")
                .then().body("items.id", equalTo(List.of((int) percent)));
        given().queryParam("q", "' OR 1=1 --").queryParam("ownerId", owner).when().get("/models")
                .then().statusCode(200).body("total", equalTo(0));
    }

    @Test
    void everySortOrderBreaksTiesByIdDescendingAndPutsNullAccuracyLast() {
        String framework = Api.unique("fw-");
        long owner = Api.createUser();
        long beta = Api.createModel(owner, "beta", framework, 0.5);
        long alpha = Api.createModel(owner, "alpha", framework, null);
        long gamma = Api.createModel(owner, "gamma", framework, 0.9);
        long alpha2 = Api.createModel(owner, "alpha", framework, 0.5);

        Map<String, List<Long>> expected = new HashMap<>();
        expected.put("-createdAt", List.of(alpha2, gamma, alpha, beta));
        expected.put("createdAt", List.of(beta, alpha, gamma, alpha2));
        expected.put("-accuracy", List.of(gamma, alpha2, beta, alpha));
        expected.put("accuracy", List.of(alpha2, beta, gamma, alpha));
        expected.put("name", List.of(alpha2, alpha, beta, gamma));
        expected.put("-name", List.of(gamma, beta, alpha2, alpha));
        expected.forEach((sort, ids) -> given().queryParam("framework", framework).queryParam("sort", sort)
                .when().get("/models")
                .then().statusCode(200)
                .body("items.id", equalTo(ids.stream().map(Long::intValue).toList())));

        given().queryParam("framework", framework).when().get("/models")
                .then().body("items.id", equalTo(expected.get("-createdAt").stream().map(Long::intValue).toList()));
    }

    @Test
    void searchRejectsBadParametersWithTheirNames() {
        Map<String, String> bad = Map.of(
                "sort", "id; drop table models",
                "minAccuracy", "1.5",
                "ownerId", "abc",
                "q", "x".repeat(256),
                "page", "-3",
                "size", "1000");
        bad.forEach((name, value) -> given().queryParam(name, value).when().get("/models")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("violations.field", equalTo(List.of(name))));
        given().queryParam("minAccuracy", "NaN").when().get("/models").then().statusCode(400);
        given().queryParam("sort", "password_hash").when().get("/models").then().statusCode(400);
    }

    @Test
    void patchingAModelChangesOnlyTheGivenFieldsAndNullClearsAccuracy() {
        long owner = Api.createUser();
        long id = Api.createModel(owner, "before", "sklearn", 0.4);

        given().contentType(ContentType.JSON).body(Map.of("name", "after", "framework", "XGBoost "))
                .when().patch("/models/{id}", id)
                .then().statusCode(200)
                .body("name", equalTo("after"))
                .body("framework", equalTo("xgboost"))
                .body("accuracy", equalTo(0.4f))
                .body("ownerId", equalTo((int) owner));

        given().contentType(ContentType.JSON).body("{\"accuracy\": null}")
                .when().patch("/models/{id}", id)
                .then().statusCode(200)
                .body("accuracy", nullValue())
                .body("name", equalTo("after"));

        given().contentType(ContentType.JSON).body("{}")
                .when().patch("/models/{id}", id)
                .then().statusCode(200).body("name", equalTo("after"));

        given().when().get("/models/{id}", id)
                .then().body("accuracy", nullValue()).body("framework", equalTo("xgboost"))
                .body("updatedAt", not(equalTo(given().get("/models/{id}", id).jsonPath().getString("createdAt"))));
    }

    @Test
    void patchingAModelRejectsBadValuesAndUnknownIds() {
        long owner = Api.createUser();
        long id = Api.createModel(owner, "stable", "sklearn", 0.4);

        given().contentType(ContentType.JSON).body("{\"name\": null}")
                .when().patch("/models/{id}", id)
                .then().statusCode(400).body("violations.field", equalTo(List.of("name")));
        given().contentType(ContentType.JSON).body("{\"accuracy\": 2}")
                .when().patch("/models/{id}", id)
                .then().statusCode(400).body("violations.field", equalTo(List.of("accuracy")));
        given().contentType(ContentType.JSON).body("{\"ownerId\": 1}")
                .when().patch("/models/{id}", id)
                .then().statusCode(400).body("violations.field", equalTo(List.of("ownerId")));
        given().contentType(ContentType.JSON).body("{\"framework\": \"\"}")
                .when().patch("/models/{id}", id)
                .then().statusCode(400).body("violations.field", hasItem("framework"));
        given().contentType(ContentType.JSON).body("{\"name\": \"x\"}")
                .when().patch("/models/{id}", 987654321)
                .then().statusCode(404);

        given().when().get("/models/{id}", id)
                .then().body("name", equalTo("stable")).body("accuracy", equalTo(0.4f));
    }

    @Test
    void deletingAModel() {
        long owner = Api.createUser();
        long id = Api.createModel(owner, "short-lived", "sklearn", null);
        long other = Api.createModel(owner, "stays", "sklearn", null);

        given().when().delete("/models/{id}", id).then().statusCode(204);
        given().when().get("/models/{id}", id).then().statusCode(404);
        given().when().delete("/models/{id}", id).then().statusCode(404);
        given().when().get("/models/{id}", other).then().statusCode(200);
        given().when().get("/users/{id}", owner).then().statusCode(200);
    }
}
