package com.modelregistry.version;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.modelregistry.Api;
import com.modelregistry.Api.Account;
import com.modelregistry.testdb.AuthResource;
import com.modelregistry.testdb.PostgresResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** GET /models/{id}/versions (filter, numbered and keyset pages) and GET /models/{id}?expand=versions. */
@QuarkusTest
@WithTestResource(PostgresResource.class)
@WithTestResource(AuthResource.class)
class VersionListingTest {

    @Test
    void theListIsNewestFirstWithTheAliasesOfEachVersion() {
        Account owner = Api.newUser();
        long model = model(owner, 3);
        VersionDatabase.alias(model, "production", 2);
        VersionDatabase.alias(model, "canary", 2);

        Api.newUser().request().when().get("/models/{id}/versions", model).then().statusCode(200)
                .body("items.version", equalTo(List.of(3, 2, 1)))
                .body("items[0].aliases", equalTo(List.of("latest")))
                .body("items[1].aliases", equalTo(List.of("canary", "production")))
                .body("items[2].aliases", equalTo(List.of()))
                .body("total", equalTo(3)).body("page", equalTo(0)).body("totalPages", equalTo(1));
    }

    @Test
    void theStatusFilterKeepsOnlyThatStatus() {
        Account owner = Api.newUser();
        long model = model(owner, 4);
        for (int number : List.of(1, 3)) {
            owner.request().contentType(ContentType.JSON).body(Map.of("status", "archived"))
                    .when().patch("/models/{id}/versions/{n}", model, number).then().statusCode(200);
        }

        owner.request().queryParam("status", "archived").when().get("/models/{id}/versions", model)
                .then().statusCode(200).body("items.version", equalTo(List.of(3, 1))).body("total", equalTo(2));
        owner.request().queryParam("status", "ready").when().get("/models/{id}/versions", model)
                .then().statusCode(200).body("items.version", equalTo(List.of(4, 2))).body("total", equalTo(2));
        owner.request().queryParam("status", "ready").queryParam("after", "").when().get("/models/{id}/versions", model)
                .then().statusCode(200).body("items.version", equalTo(List.of(4, 2))).body("next", nullValue());
    }

    @Test
    void numberedPagesSplitTheListAndCountItAll() {
        Account owner = Api.newUser();
        long model = model(owner, 5);
        owner.request().queryParam("size", 2).queryParam("page", 1).when().get("/models/{id}/versions", model)
                .then().statusCode(200).body("items.version", equalTo(List.of(3, 2)))
                .body("total", equalTo(5)).body("totalPages", equalTo(3));
        owner.request().queryParam("size", 2).queryParam("page", 3).when().get("/models/{id}/versions", model)
                .then().statusCode(200).body("items", equalTo(List.of())).body("total", equalTo(5));
    }

    @Test
    void cursorsWalkTheWholeListOnceNewestFirst() {
        Account owner = Api.newUser();
        long model = model(owner, 5);
        owner.request().when().delete("/models/{id}/versions/3", model).then().statusCode(204);
        List<Integer> walked = new ArrayList<>();
        String after = "";
        for (int slice = 0; slice < 10 && after != null; slice++) {
            JsonPath page = owner.request().queryParam("size", 2).queryParam("after", after)
                    .when().get("/models/{id}/versions", model).then().statusCode(200).extract().jsonPath();
            walked.addAll(page.getList("items.version", Integer.class));
            assertNull(page.get("total"));
            after = page.getString("next");
        }
        assertEquals(List.of(5, 4, 2, 1), walked);
        assertNull(after);
    }

    @Test
    void badListParametersAreRefusedByName() {
        Account owner = Api.newUser();
        long model = model(owner, 1);
        String modelCursor = owner.request().queryParam("after", "").queryParam("size", 1).when().get("/models")
                .then().statusCode(200).extract().jsonPath().getString("next");
        Map<String, Object[]> refused = Map.of(
                "status", new Object[] {"status", "deleted"},
                "size", new Object[] {"size", 0},
                "page", new Object[] {"page", -1},
                "after", new Object[] {"after", "not-a-cursor"});
        refused.forEach((field, parameter) -> owner.request().queryParam((String) parameter[0], parameter[1])
                .when().get("/models/{id}/versions", model)
                .then().statusCode(400).body("violations.field", hasItem(field)));
        if (modelCursor != null) {
            // a cursor of the model list does not continue a version list
            owner.request().queryParam("after", modelCursor).when().get("/models/{id}/versions", model)
                    .then().statusCode(400).body("violations.field", hasItem("after"));
        }
        owner.request().queryParam("after", "").queryParam("page", 0).when().get("/models/{id}/versions", model)
                .then().statusCode(400).body("violations.field", hasItem("page"));
    }

    @Test
    void theVersionsOfAMissingModelAreNotFound() {
        Account reader = Api.newUser();
        reader.request().when().get("/models/{id}/versions", Long.MAX_VALUE).then().statusCode(404);
        reader.request().queryParam("after", "").when().get("/models/{id}/versions", Long.MAX_VALUE)
                .then().statusCode(404);
        long empty = Api.createModel(reader, "no versions", "pytorch", null);
        reader.request().when().get("/models/{id}/versions", empty).then().statusCode(200)
                .body("items", equalTo(List.of())).body("total", equalTo(0));
    }

    @Test
    void aModelExpandedWithVersionsCarriesTheNewestHundredAndNoTag() {
        Account owner = Api.newUser();
        long model = model(owner, 101);
        VersionDatabase.alias(model, "production", 100);

        JsonPath expanded = Api.newUser().request().queryParam("expand", "versions").when().get("/models/{id}", model)
                .then().statusCode(200).header("ETag", nullValue())
                .body("id", equalTo((int) model)).body("name", equalTo("listed"))
                .body("versions.size()", equalTo(100))
                .body("versions[0].aliases", equalTo(List.of("latest")))
                .body("versions[1].aliases", equalTo(List.of("production")))
                .extract().jsonPath();
        assertEquals(IntStream.iterate(101, n -> n - 1).limit(100).boxed().toList(),
                expanded.getList("versions.version", Integer.class));

        owner.request().when().get("/models/{id}", model).then().statusCode(200)
                .header("ETag", notNullValue()).body("versions", nullValue());
    }

    @Test
    void anExpansionIsRefusedUnlessItNamesVersionsAndAMissingModelIsNotFound() {
        Account reader = Api.newUser();
        long model = Api.createModel(reader, "plain", "pytorch", null);
        reader.request().queryParam("expand", "versions").when().get("/models/{id}", model)
                .then().statusCode(200).body("versions", equalTo(List.of()));
        reader.request().queryParam("expand", "models").when().get("/models/{id}", model)
                .then().statusCode(400).body("violations.field", hasItem("expand"));
        reader.request().queryParam("expand", "versions").when().get("/models/{id}", Long.MAX_VALUE)
                .then().statusCode(404);
    }

    /** A model of the owner's with this many versions, numbered 1 to count. */
    private static long model(Account owner, int count) {
        long model = Api.createModel(owner, "listed", "pytorch", null);
        for (int i = 1; i <= count; i++) {
            assertEquals(i, Api.createVersion(owner, model, "s3://b/listed/" + model + "/" + i));
        }
        return model;
    }
}
