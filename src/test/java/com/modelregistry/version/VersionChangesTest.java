package com.modelregistry.version;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.modelregistry.Api;
import com.modelregistry.Api.Account;
import com.modelregistry.testdb.AuthResource;
import com.modelregistry.testdb.PostgresResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** PATCH and DELETE of a version: what they change, whom they refuse, and how they end when requests race. */
@QuarkusTest
@WithTestResource(PostgresResource.class)
@WithTestResource(AuthResource.class)
class VersionChangesTest {

    @Test
    void aPatchChangesTheDescriptionStatusAndMetricsAndRaisesTheTag() {
        Account owner = Api.newUser();
        long model = Api.createModel(owner, "patched", "pytorch", null);
        Response created = owner.request().contentType(ContentType.JSON)
                .body(Map.of("artifactUri", "s3://b/patched/1", "description", "first",
                        "metrics", Map.of("accuracy", 0.9, "f1", 0.8)))
                .when().post("/models/{id}/versions", model);
        String tag = created.header("ETag");

        Response patched = owner.request().contentType(ContentType.JSON).header("If-Match", tag)
                .body(Map.of("description", "second", "status", "archived", "metrics", Map.of("loss", 0.1)))
                .when().patch("/models/{id}/versions/1", model);

        patched.then().statusCode(200)
                .header("ETag", not(equalTo(tag)))
                .body("description", equalTo("second"))
                .body("status", equalTo("archived"))
                .body("metrics", equalTo(Map.of("loss", 0.1f)))   // replaced whole: accuracy and f1 are gone
                .body("artifactUri", equalTo("s3://b/patched/1"))
                .body("aliases", equalTo(List.of()));   // archived: no longer the latest ready version
        assertTrue(Instant.parse(patched.jsonPath().getString("updatedAt"))
                .isAfter(Instant.parse(created.jsonPath().getString("updatedAt"))));
        owner.request().when().get("/models/{id}/versions/1", model)
                .then().statusCode(200).header("ETag", equalTo(patched.header("ETag")))
                .body("status", equalTo("archived")).body("metrics", equalTo(Map.of("loss", 0.1f)));
    }

    @Test
    void anAbsentFieldIsLeftAloneAndANullDescriptionClearsIt() {
        Account owner = Api.newUser();
        long model = Api.createModel(owner, "partial", "pytorch", null);
        owner.request().contentType(ContentType.JSON)
                .body(Map.of("artifactUri", "s3://b/p", "description", "kept", "metrics", Map.of("f1", 0.5)))
                .when().post("/models/{id}/versions", model).then().statusCode(201);

        owner.request().contentType(ContentType.JSON).body(Map.of("status", "archived"))
                .when().patch("/models/{id}/versions/1", model)
                .then().statusCode(200).body("description", equalTo("kept")).body("metrics.f1", equalTo(0.5f));
        Map<String, Object> clear = new HashMap<>();
        clear.put("description", null);
        owner.request().contentType(ContentType.JSON).body(clear).when().patch("/models/{id}/versions/1", model)
                .then().statusCode(200).body("description", nullValue()).body("status", equalTo("archived"));
        owner.request().contentType(ContentType.JSON).body(Map.of("status", "ready", "metrics", Map.of()))
                .when().patch("/models/{id}/versions/1", model)
                .then().statusCode(200).body("status", equalTo("ready")).body("metrics", equalTo(Map.of()))
                .body("aliases", equalTo(List.of("latest")));
    }

    @Test
    void theArtifactCannotBeChangedAndTheRefusalSaysToRecordANewVersion() {
        Account owner = Api.newUser();
        long model = Api.createModel(owner, "fixed", "pytorch", null);
        Api.createVersion(owner, model, "s3://b/fixed/1");
        for (String body : List.of("{\"artifactUri\": \"s3://b/fixed/2\"}", "{\"artifactUri\": null}",
                "{\"artifactUri\": 7, \"description\": \"x\"}")) {
            owner.request().contentType(ContentType.JSON).body(body).when().patch("/models/{id}/versions/1", model)
                    .then().statusCode(400)
                    .body("violations.field", equalTo(List.of("artifactUri")))
                    .body("violations[0].message", containsString("cannot be changed"))
                    .body("violations[0].message", containsString("record a new version"));
        }
        owner.request().when().get("/models/{id}/versions/1", model)
                .then().body("artifactUri", equalTo("s3://b/fixed/1")).body("description", nullValue());
    }

    @Test
    void aBadPatchIsRefusedNamingEachField() {
        Account owner = Api.newUser();
        long model = Api.createModel(owner, "refusals", "pytorch", null);
        Api.createVersion(owner, model, "s3://b/refusals/1");
        Map<String, String> bodies = Map.of(
                "{\"status\": \"deleted\"}", "status",
                "{\"status\": null}", "status",
                "{\"metrics\": null}", "metrics",
                "{\"metrics\": {\"bad name\": 1}}", "metrics",
                "{\"metrics\": {\"f1\": \"0.5\"}}", "metrics.f1",
                "{\"description\": \"" + "d".repeat(2001) + "\"}", "description",
                "{\"version\": 2}", "version");
        bodies.forEach((body, field) -> owner.request().contentType(ContentType.JSON).body(body)
                .when().patch("/models/{id}/versions/1", model)
                .then().statusCode(400).body("violations.field", hasItem(containsString(field))));
        owner.request().contentType(ContentType.JSON).body("{}").when().patch("/models/{id}/versions/0", model)
                .then().statusCode(400).body("violations.field", hasItem("version"));
        owner.request().when().delete("/models/{id}/versions/-1", model)
                .then().statusCode(400).body("violations.field", hasItem("version"));
    }

    @Test
    void onlyTheOwnerOrAnAdminChangesOrDeletesAVersion() {
        Account owner = Api.newUser();
        long model = Api.createModel(owner, "guarded", "pytorch", null);
        Api.createVersion(owner, model, "s3://b/guarded/1");
        Api.createVersion(owner, model, "s3://b/guarded/2");
        Account stranger = Api.newUser();
        stranger.request().contentType(ContentType.JSON).body(Map.of("description", "mine"))
                .when().patch("/models/{id}/versions/1", model).then().statusCode(403);
        stranger.request().when().delete("/models/{id}/versions/1", model).then().statusCode(403);
        // 403 whether or not the version exists: a stranger learns nothing from the answer
        stranger.request().when().delete("/models/{id}/versions/99", model).then().statusCode(403);
        owner.request().when().get("/models/{id}/versions/1", model).then().body("description", nullValue());

        Api.asAdmin().contentType(ContentType.JSON).body(Map.of("description", "by the admin"))
                .when().patch("/models/{id}/versions/1", model)
                .then().statusCode(200).body("description", equalTo("by the admin"));
        Api.asAdmin().when().delete("/models/{id}/versions/2", model).then().statusCode(204);
        owner.request().when().get("/models/{id}/versions/2", model).then().statusCode(404);
    }

    @Test
    void aMissingModelOrVersionIsNotFound() {
        Account owner = Api.newUser();
        long model = Api.createModel(owner, "missing", "pytorch", null);
        Api.createVersion(owner, model, "s3://b/missing/1");
        owner.request().contentType(ContentType.JSON).body(Map.of("description", "x"))
                .when().patch("/models/{id}/versions/2", model).then().statusCode(404);
        owner.request().when().delete("/models/{id}/versions/2", model).then().statusCode(404);
        owner.request().header("If-Match", "*").when().delete("/models/{id}/versions/2", model)
                .then().statusCode(404);
        Api.asAdmin().contentType(ContentType.JSON).body(Map.of("description", "x"))
                .when().patch("/models/{id}/versions/1", Long.MAX_VALUE).then().statusCode(404);
        Api.asAdmin().when().delete("/models/{id}/versions/1", Long.MAX_VALUE).then().statusCode(404);
    }

    @Test
    void aStaleIfMatchIsRefusedAndChangesNothing() {
        Account owner = Api.newUser();
        long model = Api.createModel(owner, "stale", "pytorch", null);
        Api.createVersion(owner, model, "s3://b/stale/1");
        String tag = owner.request().when().get("/models/{id}/versions/1", model).header("ETag");
        owner.request().contentType(ContentType.JSON).body(Map.of("description", "first"))
                .when().patch("/models/{id}/versions/1", model).then().statusCode(200);

        owner.request().contentType(ContentType.JSON).header("If-Match", tag).body(Map.of("description", "late"))
                .when().patch("/models/{id}/versions/1", model)
                .then().statusCode(412).body("violations.field", hasItem("If-Match"));
        owner.request().header("If-Match", tag).when().delete("/models/{id}/versions/1", model)
                .then().statusCode(412);
        String current = owner.request().when().get("/models/{id}/versions/1", model)
                .then().statusCode(200).body("description", equalTo("first")).extract().header("ETag");
        owner.request().header("If-Match", current).when().delete("/models/{id}/versions/1", model)
                .then().statusCode(204);
    }

    @Test
    void archivingAVersionAnAliasPointsAtIsAConflict() {
        Account owner = Api.newUser();
        long model = Api.createModel(owner, "aliased", "pytorch", null);
        Api.createVersion(owner, model, "s3://b/aliased/1");
        // the alias endpoints are another change's: the alias is written as PUT /aliases will write it
        VersionDatabase.alias(model, "production", 1);

        owner.request().contentType(ContentType.JSON).body(Map.of("status", "archived", "description", "gone"))
                .when().patch("/models/{id}/versions/1", model)
                .then().statusCode(409).body("violations.field", equalTo(List.of("status")))
                .body("detail", containsString("alias"));
        owner.request().when().get("/models/{id}/versions/1", model)
                .then().body("status", equalTo("ready")).body("description", nullValue())
                .body("aliases", equalTo(List.of("latest", "production")));
    }

    @Test
    void deletingAVersionTakesItsAliasesAndGivesLatestToTheNextReadyOne() {
        Account owner = Api.newUser();
        long model = Api.createModel(owner, "deleted", "pytorch", null);
        Api.createVersion(owner, model, "s3://b/deleted/1");
        Api.createVersion(owner, model, "s3://b/deleted/2");
        VersionDatabase.alias(model, "production", 2);

        owner.request().when().delete("/models/{id}/versions/2", model).then().statusCode(204);

        assertEquals(0, VersionDatabase.aliasCount(model));
        owner.request().when().get("/models/{id}/versions/2", model).then().statusCode(404);
        owner.request().when().get("/models/{id}/versions/1", model).then().body("aliases", equalTo(List.of("latest")));
    }

    @Test
    void deletingAModelOrItsOwnerDeletesItsVersions() {
        Account owner = Api.newUser();
        long first = Api.createModel(owner, "first", "pytorch", null);
        long second = Api.createModel(owner, "second", "pytorch", null);
        for (long model : List.of(first, second)) {
            Api.createVersion(owner, model, "s3://b/" + model + "/1");
            Api.createVersion(owner, model, "s3://b/" + model + "/2");
            VersionDatabase.alias(model, "production", 1);
        }
        assertEquals(2, VersionDatabase.versionCount(first));

        owner.request().when().delete("/models/{id}", first).then().statusCode(204);
        assertEquals(0, VersionDatabase.versionCount(first));
        assertEquals(0, VersionDatabase.aliasCount(first));
        assertEquals(2, VersionDatabase.versionCount(second));

        owner.request().when().delete("/users/{id}", owner.id()).then().statusCode(204);
        assertEquals(0, VersionDatabase.versionCount(second));
        assertEquals(0, VersionDatabase.aliasCount(second));
    }

    @Test
    void concurrentPatchesWithOneTagLetExactlyOneThrough() throws Exception {
        Account owner = Api.newUser();
        long model = Api.createModel(owner, "raced patches", "pytorch", null);
        Api.createVersion(owner, model, "s3://b/raced/1");
        String tag = owner.request().when().get("/models/{id}/versions/1", model).header("ETag");
        List<Callable<Integer>> patches = IntStream.range(0, 8).<Callable<Integer>>mapToObj(i -> () -> owner.request()
                .contentType(ContentType.JSON).header("If-Match", tag).body(Map.of("description", "racer " + i))
                .when().patch("/models/{id}/versions/1", model).statusCode()).toList();

        List<Integer> statuses = Api.atOnce(patches);

        assertEquals(1, Collections.frequency(statuses, 200), statuses.toString());
        assertEquals(7, Collections.frequency(statuses, 412), statuses.toString());
    }

    @Test
    void patchesAndDeletesRacingEndIn2xxOr404() throws Exception {
        Account owner = Api.newUser();
        long model = Api.createModel(owner, "patch or delete", "pytorch", null);
        Api.createVersion(owner, model, "s3://b/pd/1");
        List<Callable<Integer>> calls = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            String description = "racer " + i;
            calls.add(() -> owner.request().contentType(ContentType.JSON).body(Map.of("description", description))
                    .when().patch("/models/{id}/versions/1", model).statusCode());
            calls.add(() -> owner.request().when().delete("/models/{id}/versions/1", model).statusCode());
        }

        List<Integer> statuses = Api.atOnce(calls);

        assertTrue(statuses.stream().allMatch(status -> status == 200 || status == 204 || status == 404),
                statuses.toString());
        assertEquals(1, Collections.frequency(statuses, 204), statuses.toString());
        owner.request().when().get("/models/{id}/versions/1", model).then().statusCode(404);
    }

    @Test
    void deletingAModelWhileVersionsAreRecordedEndsIn201Or404() throws Exception {
        Account owner = Api.newUser();
        long model = Api.createModel(owner, "vanishing", "pytorch", null);
        List<Callable<Integer>> calls = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            String uri = "s3://b/vanishing/" + i;
            calls.add(() -> owner.request().contentType(ContentType.JSON).body(Map.of("artifactUri", uri))
                    .when().post("/models/{id}/versions", model).statusCode());
            if (i == 4) {
                calls.add(() -> owner.request().when().delete("/models/{id}", model).statusCode());
            }
        }

        List<Integer> statuses = Api.atOnce(calls);

        assertEquals(204, statuses.get(5), statuses.toString());
        assertTrue(statuses.stream().allMatch(status -> status == 201 || status == 204 || status == 404),
                statuses.toString());
        assertEquals(0, VersionDatabase.versionCount(model));
    }
}
