package com.modelregistry.common.http;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import com.modelregistry.Api.Account;
import com.modelregistry.Api;
import com.modelregistry.testdb.AuthResource;
import com.modelregistry.testdb.PostgresResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;

/** ETags from the row version, If-Match on PATCH (412 when stale), and concurrent PATCHes that never lose or fail. */
@QuarkusTest
@WithTestResource(PostgresResource.class)
@WithTestResource(AuthResource.class)
class OptimisticConcurrencyTest {

    @Test
    void aModelPatchWithAStaleTagIsRefusedAndChangesNothing() {
        Account owner = Api.newUser();
        long id = Api.createModel(owner, "first", "sklearn", 0.5);
        String tag = owner.request().when().get("/models/{id}", id).then().statusCode(200).extract().header("ETag");

        String newer = patch(owner, "/models/" + id, Map.of("name", "second"), tag)
                .then().statusCode(200).body("name", equalTo("second")).header("ETag", not(tag))
                .extract().header("ETag");
        patch(owner, "/models/" + id, Map.of("name", "lost update"), tag)
                .then().statusCode(412)
                .contentType("application/problem+json")
                .body("violations.field", equalTo(List.of("If-Match")));
        owner.request().when().get("/models/{id}", id)
                .then().body("name", equalTo("second")).header("ETag", equalTo(newer));

        // If-Match compares strongly: a weak tag never matches, even with the current version
        patch(owner, "/models/" + id, Map.of("name", "weak"), "W/" + newer).then().statusCode(412);
        patch(owner, "/models/" + id, Map.of("name", "any"), "*").then().statusCode(200);
        for (String garbage : List.of("\"abc\"", "not a tag", "\"-1\"", "\"99999999999999999999\"")) {
            patch(owner, "/models/" + id, Map.of("name", "garbage"), garbage).then().statusCode(412);
        }
        patch(owner, "/models/" + id, Map.of("name", "listed"), "\"0\", " + owner.request().when()
                .get("/models/{id}", id).header("ETag")).then().statusCode(200).body("name", equalTo("listed"));
        patch(owner, "/models/" + 987654321, Map.of("name", "x"), "*").then().statusCode(404);
    }

    @Test
    void aUserPatchWithAStaleTagIsRefused() {
        Account user = Api.newUser();
        String tag = user.request().when().get("/users/{id}", user.id()).then().statusCode(200).extract().header("ETag");
        String newName = Api.unique("renamed_");
        patch(user, "/users/" + user.id(), Map.of("username", newName), tag).then().statusCode(200);
        patch(user, "/users/" + user.id(), Map.of("username", Api.unique("lost_")), tag)
                .then().statusCode(412).contentType("application/problem+json");
        user.request().when().get("/users/{id}", user.id()).then().body("username", equalTo(newName));
        user.request().when().get("/users/{id}?expand=models", user.id()).then().statusCode(200)
                .header("ETag", nullValue());
    }

    @Test
    void aTagWithLeadingZerosIsAnotherTag() {
        Account owner = Api.newUser();
        long id = Api.createModel(owner, "first", "sklearn", 0.5);
        String tag = owner.request().when().get("/models/{id}", id).header("ETag");
        patch(owner, "/models/" + id, Map.of("name", "zeros"), "\"0" + unquote(tag) + "\"").then().statusCode(412);
        patch(owner, "/models/" + id, Map.of("name", "zeros"), "\"00" + unquote(tag) + "\"").then().statusCode(412);
        owner.request().when().get("/models/{id}", id).then().body("name", equalTo("first"));
    }

    @Test
    void everyIfMatchHeaderCountsAsPartOfOneList() {
        Account owner = Api.newUser();
        long id = Api.createModel(owner, "first", "sklearn", 0.5);
        String current = owner.request().when().get("/models/{id}", id).header("ETag");
        String stale = "\"" + (Long.parseLong(unquote(current)) + 7) + "\"";
        owner.request().contentType(ContentType.JSON).body(Map.of("name", "second"))
                .header("If-Match", stale).header("If-Match", current)
                .when().patch("/models/{id}", id)
                .then().statusCode(200).body("name", equalTo("second"));
        owner.request().contentType(ContentType.JSON).body(Map.of("name", "third"))
                .header("If-Match", stale).header("If-Match", current)
                .when().patch("/models/{id}", id)
                .then().statusCode(412);
    }

    @Test
    void aDeleteWithAStaleTagIsRefusedAndDeletesNothing() {
        Account owner = Api.newUser();
        long id = Api.createModel(owner, "kept", "sklearn", 0.5);
        String stale = owner.request().when().get("/models/{id}", id).header("ETag");
        patch(owner, "/models/" + id, Map.of("name", "changed"), null).then().statusCode(200);
        owner.request().header("If-Match", stale).when().delete("/models/{id}", id)
                .then().statusCode(412).contentType("application/problem+json")
                .body("violations.field", equalTo(List.of("If-Match")));
        String current = owner.request().when().get("/models/{id}", id).then().statusCode(200).extract().header("ETag");
        owner.request().header("If-Match", current).when().delete("/models/{id}", id).then().statusCode(204);
        owner.request().when().get("/models/{id}", id).then().statusCode(404);

        String userTag = owner.request().when().get("/users/{id}", owner.id()).header("ETag");
        patch(owner, "/users/" + owner.id(), Map.of("username", Api.unique("moved_")), null).then().statusCode(200);
        owner.request().header("If-Match", userTag).when().delete("/users/{id}", owner.id())
                .then().statusCode(412).contentType("application/problem+json");
        Api.asAdmin().when().get("/users/{id}", owner.id()).then().statusCode(200);
        Api.asAdmin().header("If-Match", "*").when().delete("/users/{id}", owner.id()).then().statusCode(204);
        Api.asAdmin().header("If-Match", "*").when().delete("/users/{id}", owner.id()).then().statusCode(404);
    }

    @Test
    void concurrentPatchesWithoutIfMatchAllSucceedInTurn() throws Exception {
        Account owner = Api.newUser();
        long id = Api.createModel(owner, "start", "sklearn", 0.5);
        String before = owner.request().when().get("/models/{id}", id).header("ETag");
        List<Integer> statuses = concurrently(20, n -> () -> patch(owner, "/models/" + id,
                Map.of("name", "writer-" + n), null).statusCode());
        assertEquals(Collections.nCopies(20, 200), statuses);
        String after = owner.request().when().get("/models/{id}", id).header("ETag");
        assertEquals(Long.parseLong(unquote(before)) + 20, Long.parseLong(unquote(after)), "each patch its own version");
    }

    @Test
    void concurrentPatchesWithOneTagHaveExactlyOneWinner() throws Exception {
        Account owner = Api.newUser();
        long id = Api.createModel(owner, "start", "sklearn", 0.5);
        String tag = owner.request().when().get("/models/{id}", id).header("ETag");
        List<Integer> statuses = concurrently(12, n -> () -> patch(owner, "/models/" + id,
                Map.of("name", "writer-" + n), tag).statusCode());
        assertEquals(1, Collections.frequency(statuses, 200), statuses.toString());
        assertEquals(11, Collections.frequency(statuses, 412), statuses.toString());
        assertNotEquals(tag, owner.request().when().get("/models/{id}", id).header("ETag"));
    }

    private static Response patch(Account account, String path, Map<String, Object> body,
            String ifMatch) {
        var request = account.request().contentType(ContentType.JSON).body(body);
        if (ifMatch != null) {
            request.header("If-Match", ifMatch);
        }
        return request.when().patch(path);
    }

    private static List<Integer> concurrently(int clients, IntFunction<Callable<Integer>> call)
            throws Exception {
        List<Callable<Integer>> calls = new ArrayList<>();
        for (int n = 0; n < clients; n++) {
            calls.add(call.apply(n));
        }
        return Api.atOnce(calls);
    }

    private static String unquote(String tag) {
        return tag.replace("\"", "");
    }
}
