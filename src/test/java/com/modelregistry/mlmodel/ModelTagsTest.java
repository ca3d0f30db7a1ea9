package com.modelregistry.mlmodel;

import static org.hamcrest.Matchers.anEmptyMap;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
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
import io.restassured.specification.RequestSpecification;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;

/** PUT and DELETE /models/{id}/tags/{key}, tags in every model view, and GET /models?tag=key:value. */
@QuarkusTest
@WithTestResource(PostgresResource.class)
@WithTestResource(AuthResource.class)
class ModelTagsTest {

    @Test
    void aNewModelHasAnEmptyTagObject() {
        Account owner = Api.newUser();
        long id = Api.createModel(owner, "untagged", "sklearn", 0.5);
        owner.request().when().get("/models/{id}", id).then().statusCode(200).body("tags", anEmptyMap());
    }

    @Test
    void puttingATagAnswersTheModelWithItAndARisenETag() {
        Account owner = Api.newUser();
        long id = Api.createModel(owner, "tagged", "sklearn", 0.5);
        String before = owner.request().when().get("/models/{id}", id).header("ETag");

        Response answer = putTag(owner.request(), id, "team", "vision");
        answer.then().statusCode(200).body("id", equalTo((int) id)).body("tags.team", equalTo("vision"));
        String after = answer.header("ETag");
        assertTrue(Long.parseLong(after.replace("\"", "")) > Long.parseLong(before.replace("\"", "")),
                before + " then " + after);

        owner.request().when().get("/models/{id}", id).then().statusCode(200)
                .header("ETag", after).body("tags", equalTo(Map.of("team", "vision")));
    }

    @Test
    void puttingAKeyAgainReplacesItsValue() {
        Account owner = Api.newUser();
        long id = Api.createModel(owner, "retagged", "sklearn", 0.5);
        putTag(owner.request(), id, "stage", "dev").then().statusCode(200);
        putTag(owner.request(), id, "stage", "prod").then().statusCode(200)
                .body("tags", equalTo(Map.of("stage", "prod")));
    }

    @Test
    void ifMatchIsHonouredAndAStaleTagAnswers412() {
        Account owner = Api.newUser();
        long id = Api.createModel(owner, "guarded", "sklearn", 0.5);
        String etag = owner.request().when().get("/models/{id}", id).header("ETag");
        putTag(owner.request().header("If-Match", etag), id, "a", "1").then().statusCode(200);
        putTag(owner.request().header("If-Match", etag), id, "b", "2").then().statusCode(412);
        owner.request().header("If-Match", etag).when().delete("/models/{id}/tags/{key}", id, "a")
                .then().statusCode(412);
        owner.request().when().get("/models/{id}", id).then().body("tags", equalTo(Map.of("a", "1")));
    }

    @Test
    void deletingATagAnswers204AndThen404() {
        Account owner = Api.newUser();
        long id = Api.createModel(owner, "untag", "sklearn", 0.5);
        putTag(owner.request(), id, "team", "vision").then().statusCode(200);
        owner.request().when().delete("/models/{id}/tags/{key}", id, "team").then().statusCode(204);
        owner.request().when().get("/models/{id}", id).then().body("tags", anEmptyMap());
        owner.request().when().delete("/models/{id}/tags/{key}", id, "team").then().statusCode(404)
                .contentType("application/problem+json");
    }

    @Test
    void onlyTheOwnerOrAnAdminChangesTags() {
        Account owner = Api.newUser();
        Account stranger = Api.newUser();
        long id = Api.createModel(owner, "mine", "sklearn", 0.5);
        putTag(stranger.request(), id, "team", "theirs").then().statusCode(403);
        putTag(Api.asAdmin(), id, "team", "admins").then().statusCode(200);
        stranger.request().when().delete("/models/{id}/tags/{key}", id, "team").then().statusCode(403);
        stranger.request().when().get("/models/{id}", id).then().body("tags", equalTo(Map.of("team", "admins")));
        Api.asAdmin().when().delete("/models/{id}/tags/{key}", id, "team").then().statusCode(204);
    }

    @Test
    void aMissingModelAnswers404() {
        Account owner = Api.newUser();
        putTag(owner.request(), Long.MAX_VALUE, "team", "vision").then().statusCode(404);
        owner.request().when().delete("/models/{id}/tags/{key}", Long.MAX_VALUE, "team").then().statusCode(404);
    }

    @Test
    void aBadKeyIsRefusedNamingThePathParameter() {
        Account owner = Api.newUser();
        long id = Api.createModel(owner, "keys", "sklearn", 0.5);
        for (String key : List.of("a b", "k".repeat(65), "tëam", "a:b")) {
            putTag(owner.request(), id, key, "v").then().statusCode(400)
                    .body("violations.field", hasItem("key"));
            owner.request().when().delete("/models/{id}/tags/{key}", id, key).then().statusCode(400)
                    .body("violations.field", hasItem("key"));
        }
        putTag(owner.request(), id, "k".repeat(64), "v").then().statusCode(200);
        putTag(owner.request(), id, "Az09_.-", "v").then().statusCode(200);
    }

    @Test
    void aBadValueIsRefusedNamingIt() {
        Account owner = Api.newUser();
        long id = Api.createModel(owner, "values", "sklearn", 0.5);
        putTag(owner.request(), id, "long", "v".repeat(501)).then().statusCode(400)
                .body("violations.field", hasItem("value"));
        putTag(owner.request(), id, "nul", "a\u0000b").then().statusCode(400)
                .body("violations.field", hasItem("value"));
        owner.request().contentType(ContentType.JSON).body("{}").when().put("/models/{id}/tags/{key}", id, "none")
                .then().statusCode(400).body("violations.field", hasItem("value"));
        putTag(owner.request(), id, "long", "v".repeat(500)).then().statusCode(200);
        putTag(owner.request(), id, "empty", "").then().statusCode(200);
    }

    @Test
    void theFiftyFirstKeyIsAConflictButAnExistingKeyMayChange() {
        Account owner = Api.newUser();
        long id = Api.createModel(owner, "full", "sklearn", 0.5);
        for (int i = 0; i < ModelTags.MAX_TAGS; i++) {
            putTag(owner.request(), id, "k" + i, "v").then().statusCode(200);
        }
        putTag(owner.request(), id, "k50", "v").then().statusCode(409).body("violations.field", hasItem("key"));
        putTag(owner.request(), id, "k0", "changed").then().statusCode(200).body("tags.k0", equalTo("changed"));
        owner.request().when().delete("/models/{id}/tags/{key}", id, "k1").then().statusCode(204);
        putTag(owner.request(), id, "k50", "v").then().statusCode(200);
    }

    @Test
    void concurrentPutsOfSixtyKeysNeverPassFiftyNorAnswer500() throws Exception {
        Account owner = Api.newUser();
        long id = Api.createModel(owner, "raced", "sklearn", 0.5);
        List<Callable<Integer>> puts = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            String key = "race" + i;
            puts.add(() -> putTag(owner.request(), id, key, "v").statusCode());
        }
        List<Integer> statuses = Api.atOnce(puts);
        assertEquals(50, statuses.stream().filter(status -> status == 200).count(), statuses.toString());
        assertEquals(10, statuses.stream().filter(status -> status == 409).count(), statuses.toString());
        Map<String, String> tags = owner.request().when().get("/models/{id}", id).then().statusCode(200)
                .extract().jsonPath().getMap("tags");
        assertEquals(50, tags.size(), tags.toString());
    }

    @Test
    void tagsShowInListsAndInAUsersExpandedModels() {
        Account owner = Api.newUser();
        long id = Api.createModel(owner, "shown", "sklearn", 0.5);
        putTag(owner.request(), id, "team", "vision").then().statusCode(200);
        owner.request().when().get("/users/{id}/models", owner.id()).then().statusCode(200)
                .body("items[0].tags.team", equalTo("vision"));
        owner.request().queryParam("expand", "models").when().get("/users/{id}", owner.id()).then().statusCode(200)
                .body("models[0].tags.team", equalTo("vision"));
        owner.request().queryParam("ownerId", owner.id()).queryParam("after", "").when().get("/models")
                .then().statusCode(200).body("items[0].tags.team", equalTo("vision"));
    }

    @Test
    void patchingAModelKeepsItsTags() {
        Account owner = Api.newUser();
        long id = Api.createModel(owner, "patched", "sklearn", 0.5);
        putTag(owner.request(), id, "team", "vision").then().statusCode(200);
        owner.request().contentType(ContentType.JSON).body(Map.of("accuracy", 0.9)).when().patch("/models/{id}", id)
                .then().statusCode(200).body("tags", equalTo(Map.of("team", "vision")));
    }

    @Test
    void searchByTagsMatchesAllOfThem() {
        Account owner = Api.newUser();
        String team = Api.unique("team-");
        long both = tagged(owner, "both", Map.of("team", team, "task", "detection"));
        long teamOnly = tagged(owner, "team only", Map.of("team", team, "task", "segmentation"));
        tagged(owner, "other team", Map.of("team", team + "x", "task", "detection"));

        assertEquals(List.of(teamOnly, both), ids(owner.request().queryParam("tag", "team:" + team)));
        assertEquals(List.of(both), ids(owner.request().queryParam("tag", "team:" + team)
                .queryParam("tag", "task:detection")));
        assertEquals(List.of(), ids(owner.request().queryParam("tag", "team:" + team)
                .queryParam("tag", "task:none")));
    }

    @Test
    void aTagValueIsSplitAtTheFirstColon() {
        Account owner = Api.newUser();
        String value = Api.unique("s3://bucket:") + ":x";
        long id = tagged(owner, "colons", Map.of("source", value));
        assertEquals(List.of(id), ids(owner.request().queryParam("tag", "source:" + value)));
    }

    @Test
    void searchByTagCombinesWithTheOtherFiltersSortsAndBothPagings() {
        Account owner = Api.newUser();
        String team = Api.unique("team-");
        long low = tagged(owner, "alpha low", Map.of("team", team));
        long high = tagged(owner, "beta high", Map.of("team", team));
        long untagged = Api.createModel(owner, "gamma untagged", "sklearn", 0.9);
        Api.asAdmin().contentType(ContentType.JSON).body(Map.of("accuracy", 0.2, "framework", "pytorch"))
                .when().patch("/models/{id}", low).then().statusCode(200);
        String tag = "team:" + team;

        assertEquals(List.of(high), ids(owner.request().queryParam("tag", tag).queryParam("framework", "sklearn")));
        assertEquals(List.of(high), ids(owner.request().queryParam("tag", tag).queryParam("minAccuracy", 0.5)));
        assertEquals(List.of(high, low), ids(owner.request().queryParam("tag", tag).queryParam("ownerId", owner.id())
                .queryParam("sort", "-accuracy")));
        assertEquals(List.of(low), ids(owner.request().queryParam("tag", tag).queryParam("q", "ALPHA")));
        assertEquals(List.of(low, high), ids(owner.request().queryParam("tag", tag).queryParam("sort", "name")));
        assertEquals(3, ids(owner.request().queryParam("ownerId", owner.id())).size(), "untagged " + untagged);

        owner.request().queryParam("tag", tag).queryParam("size", 1).when().get("/models").then().statusCode(200)
                .body("total", equalTo(2)).body("items.size()", equalTo(1)).body("items[0].id", equalTo((int) high));
        owner.request().queryParam("tag", tag).queryParam("size", 1).queryParam("page", 1).when().get("/models")
                .then().statusCode(200).body("total", equalTo(2)).body("items[0].id", equalTo((int) low));

        Response first = owner.request().queryParam("tag", tag).queryParam("size", 1).queryParam("after", "")
                .when().get("/models");
        first.then().statusCode(200).body("items[0].id", equalTo((int) high));
        Response second = owner.request().queryParam("tag", tag).queryParam("size", 1)
                .queryParam("after", first.jsonPath().getString("next")).when().get("/models");
        second.then().statusCode(200).body("items[0].id", equalTo((int) low));
    }

    @Test
    void aMalformedTagParameterIsRefusedNamingIt() {
        Account owner = Api.newUser();
        for (String tag : List.of("no-colon", ":value", "bad key:v", "k:" + "v".repeat(501), "k:a\u0000b", "")) {
            owner.request().queryParam("tag", tag).when().get("/models").then().statusCode(400)
                    .contentType("application/problem+json").body("violations.field", hasItem("tag"));
        }
        owner.request().queryParam("tag", "k:a").queryParam("tag", "k:b").when().get("/models").then()
                .statusCode(400).body("violations.field", hasItem("tag"));
    }

    @Test
    void atMostTenTagParametersAreRead() {
        Account owner = Api.newUser();
        RequestSpecification ten = owner.request();
        RequestSpecification eleven = owner.request();
        for (int i = 0; i < 11; i++) {
            if (i < 10) {
                ten.queryParam("tag", "k" + i + ":v");
            }
            eleven.queryParam("tag", "k" + i + ":v");
        }
        ten.when().get("/models").then().statusCode(200);
        eleven.when().get("/models").then().statusCode(400).body("violations.field", hasItem("tag"));
    }

    private static Response putTag(RequestSpecification request, long id, String key, String value) {
        return request.contentType(ContentType.JSON).body(Map.of("value", value))
                .when().put("/models/{id}/tags/{key}", id, key);
    }

    private static long tagged(Account owner, String name, Map<String, String> tags) {
        long id = Api.createModel(owner, name, "sklearn", 0.7);
        tags.forEach((key, value) -> putTag(owner.request(), id, key, value).then().statusCode(200));
        return id;
    }

    private static List<Long> ids(RequestSpecification search) {
        return search.when().get("/models").then().statusCode(200).extract().jsonPath()
                .getList("items.id", Long.class);
    }
}
