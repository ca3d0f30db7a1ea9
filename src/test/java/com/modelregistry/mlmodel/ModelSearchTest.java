package com.modelregistry.mlmodel;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import com.modelregistry.Api.Account;
import com.modelregistry.Api;
import com.modelregistry.testdb.AuthResource;
import com.modelregistry.testdb.PostgresResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(PostgresResource.class)
@WithTestResource(AuthResource.class)
/** Listing models: a user's models, the search filters, the sort orders and their parameters. */
class ModelSearchTest {

    @Test
    void aUsersModelsArePagedNewestFirst() {
        Account owner = Api.newUser();
        long[] ids = new long[5];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = Api.createModel(owner, "model-" + i, "sklearn", 0.1 * i);
        }
        Api.createModel(Api.newUser(), "not mine", "sklearn", 0.5);

        owner.request().when().get("/users/{id}/models?size=2", owner.id())
                .then().statusCode(200)
                .body("items.id", equalTo(List.of((int) ids[4], (int) ids[3])))
                .body("page", equalTo(0)).body("size", equalTo(2))
                .body("total", equalTo(5)).body("totalPages", equalTo(3));
        owner.request().when().get("/users/{id}/models?size=2&page=2", owner.id())
                .then().statusCode(200)
                .body("items.id", equalTo(List.of((int) ids[0])));
        owner.request().when().get("/users/{id}/models?page=3&size=2", owner.id())
                .then().statusCode(200)
                .body("items", equalTo(List.of()))
                .body("total", equalTo(5));
        owner.request().when().get("/users/{id}/models", owner.id())
                .then().body("size", equalTo(20)).body("items.size()", equalTo(5));
        owner.request().when().get("/users/{id}/models?size=101", owner.id()).then().statusCode(400);
        Api.asAdmin().when().get("/users/{id}/models", 987654321).then().statusCode(404);
    }

    @Test
    void searchFiltersByFrameworkIgnoringCase() {
        String framework = Api.unique("fw-");
        Account owner = Api.newUser();
        long a = Api.createModel(owner, "a", framework, 0.5);
        long b = Api.createModel(Api.newUser(), "b", framework.toUpperCase(), null);
        Api.createModel(owner, "c", framework + "x", 0.5);

        owner.request().queryParam("framework", " " + framework.toUpperCase())
                .when().get("/models")
                .then().statusCode(200)
                .body("items.id", equalTo(List.of((int) b, (int) a)))
                .body("total", equalTo(2));
    }

    @Test
    void searchFiltersByMinimumAccuracyExcludingUnscored() {
        String framework = Api.unique("fw-");
        Account owner = Api.newUser();
        long low = Api.createModel(owner, "low", framework, 0.3);
        long exact = Api.createModel(owner, "exact", framework, 0.8);
        long high = Api.createModel(owner, "high", framework, 0.95);
        Api.createModel(owner, "unscored", framework, null);

        owner.request().queryParam("framework", framework).queryParam("minAccuracy", "0.8")
                .when().get("/models")
                .then().statusCode(200)
                .body("items.id", equalTo(List.of((int) high, (int) exact)));
        owner.request().queryParam("framework", framework).queryParam("minAccuracy", "0")
                .when().get("/models")
                .then().body("items.id", equalTo(List.of((int) high, (int) exact, (int) low)));
    }

    @Test
    void searchFiltersByOwner() {
        Account owner = Api.newUser();
        long first = Api.createModel(owner, "first", "sklearn", null);
        long second = Api.createModel(owner, "second", "pytorch", 0.5);
        Api.createModel(Api.newUser(), "not mine", "sklearn", null);

        owner.request().queryParam("ownerId", owner.id()).when().get("/models")
                .then().statusCode(200)
                .body("items.id", equalTo(List.of((int) second, (int) first)))
                .body("total", equalTo(2));
    }

    @Test
    void searchFiltersByNameSubstringIgnoringCase() {
        Account owner = Api.newUser();
        String word = Api.unique("Needle");
        long match = Api.createModel(owner, "big-" + word + "-v2", "sklearn", null);
        Api.createModel(owner, "haystack", "sklearn", null);
        long elsewhere = Api.createModel(Api.newUser(), word.toLowerCase(), "sklearn", null);

        owner.request().queryParam("q", word.toUpperCase()).when().get("/models")
                .then().statusCode(200).body("items.id", equalTo(List.of((int) elsewhere, (int) match)));
        owner.request().queryParam("q", word).queryParam("ownerId", owner.id()).when().get("/models")
                .then().body("items.id", equalTo(List.of((int) match)));
    }

    @Test
    void nameSearchTreatsWildcardsLiterally() {
        Account owner = Api.newUser();
        String tag = Api.unique("t");
        long percent = Api.createModel(owner, tag + "100%_done", "sklearn", null);
        Api.createModel(owner, tag + "100x-done", "sklearn", null);

        owner.request().queryParam("q", "100%_").queryParam("ownerId", owner.id()).when().get("/models")
                .then().statusCode(200).body("items.id", equalTo(List.of((int) percent)));
        owner.request().queryParam("q", "%").queryParam("ownerId", owner.id()).when().get("/models")
                .then().body("items.id", equalTo(List.of((int) percent)));
        owner.request().queryParam("q", "' OR 1=1 --").queryParam("ownerId", owner.id()).when().get("/models")
                .then().statusCode(200).body("total", equalTo(0));
    }

    @Test
    void everySortOrderBreaksTiesByIdDescendingAndPutsNullAccuracyLast() {
        String framework = Api.unique("fw-");
        Account owner = Api.newUser();
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
        expected.forEach((sort, ids) -> owner.request().queryParam("framework", framework).queryParam("sort", sort)
                .when().get("/models")
                .then().statusCode(200)
                .body("items.id", equalTo(ids.stream().map(Long::intValue).toList())));

        owner.request().queryParam("framework", framework).when().get("/models")
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
        bad.forEach((name, value) -> Api.asAdmin().queryParam(name, value).when().get("/models")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("violations.field", equalTo(List.of(name))));
        Api.asAdmin().queryParam("minAccuracy", "NaN").when().get("/models").then().statusCode(400);
        Api.asAdmin().queryParam("sort", "password_hash").when().get("/models").then().statusCode(400);
    }
}
