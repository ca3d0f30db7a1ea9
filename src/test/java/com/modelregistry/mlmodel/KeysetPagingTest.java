package com.modelregistry.mlmodel;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.modelregistry.Api.Account;
import com.modelregistry.Api;
import com.modelregistry.testdb.AuthResource;
import com.modelregistry.testdb.PostgresResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** ?after= cursors: the same rows in the same order as numbered pages, checked cursors, no total. */
@QuarkusTest
@WithTestResource(PostgresResource.class)
@WithTestResource(AuthResource.class)
class KeysetPagingTest {

    private static final List<String> ORDERS = List.of("-createdAt", "createdAt", "-accuracy", "accuracy", "-name",
            "name");

    @Test
    void followingNextWalksEveryOrderAsNumberedPagesDo() {
        String framework = Api.unique("fw-");
        Account owner = Api.newUser();
        // equal names and equal accuracies tie, two unscored models sort last: every boundary a cursor can cross
        Object[][] models = {{"b", 0.5}, {"a", null}, {"c", 0.9}, {"a", 0.5}, {"d", null}, {"a", 0.1}, {"e", 0.5}};
        for (Object[] model : models) {
            Api.createModel(owner, (String) model[0], framework, (Double) model[1]);
        }
        for (String order : ORDERS) {
            List<Integer> numbered = owner.request().queryParam("framework", framework).queryParam("sort", order)
                    .queryParam("size", 100).when().get("/models")
                    .then().statusCode(200).extract().jsonPath().getList("items.id");
            assertEquals(models.length, numbered.size());
            for (int size : new int[] {1, 2, 3, 7, 8}) {
                List<Integer> walked = walk(() -> owner.request().queryParam("framework", framework)
                        .queryParam("sort", order).queryParam("size", size), "/models");
                assertEquals(numbered, walked, "sort=" + order + " size=" + size);
            }
        }
    }

    @Test
    void aSliceHasItsSizeAndNextButNoTotal() {
        Account owner = Api.newUser();
        for (int i = 0; i < 3; i++) {
            Api.createModel(owner, "m" + i, "sklearn", 0.5);
        }
        String next = owner.request().when().get("/users/{id}/models?size=2&after=", owner.id())
                .then().statusCode(200)
                .body("size", equalTo(2))
                .body("items.size()", equalTo(2))
                .body("$", not(hasKey("total")))
                .body("$", not(hasKey("page")))
                .body("next", notNullValue())
                .extract().jsonPath().getString("next");
        owner.request().when().get("/users/{id}/models?size=2&after=" + next, owner.id())
                .then().statusCode(200)
                .body("items.size()", equalTo(1))
                .body("$", hasKey("next"))
                .body("next", nullValue());
        // numbered pages keep their shape and have no cursor
        owner.request().when().get("/users/{id}/models?size=2", owner.id())
                .then().statusCode(200).body("total", equalTo(3)).body("$", not(hasKey("next")));
    }

    @Test
    void aUsersModelsFollowCursorsNewestFirst() {
        Account owner = Api.newUser();
        List<Integer> created = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            created.add(0, (int) Api.createModel(owner, "m" + i, "sklearn", null));
        }
        Api.createModel(Api.newUser(), "not mine", "sklearn", 0.5);
        assertEquals(created, walk(() -> owner.request().queryParam("size", 2), "/users/" + owner.id() + "/models"));
        Api.asAdmin().when().get("/users/{id}/models?after=", 987654321).then().statusCode(404);
    }

    @Test
    void theUserListFollowsCursorsNewestFirst() {
        for (int i = 0; i < 3; i++) {
            Api.newUser();
        }
        List<Integer> numbered = new ArrayList<>();
        for (int page = 0; ; page++) {
            List<Integer> ids = Api.asAdmin().queryParam("size", 100).queryParam("page", page).when().get("/users")
                    .then().statusCode(200).extract().jsonPath().getList("items.id");
            if (ids.isEmpty()) {
                break;
            }
            numbered.addAll(ids);
        }
        assertTrue(numbered.size() >= 4);
        assertEquals(numbered, walk(() -> Api.asAdmin().queryParam("size", 7), "/users"));
        Account one = Api.newUser();
        Api.asAdmin().queryParam("email", one.email().toUpperCase()).queryParam("after", "").when().get("/users")
                .then().statusCode(200).body("items.id", equalTo(List.of((int) one.id()))).body("next", nullValue());
    }

    @Test
    void aCursorStillContinuesAfterItsRowIsDeleted() {
        Account owner = Api.newUser();
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            ids.add(0, Api.createModel(owner, "m" + i, "sklearn", 0.5));
        }
        String next = owner.request().when().get("/users/{id}/models?size=2&after=", owner.id())
                .then().extract().jsonPath().getString("next");
        owner.request().when().delete("/models/{id}", ids.get(1)).then().statusCode(204);
        owner.request().when().get("/users/{id}/models?size=2&after=" + next, owner.id())
                .then().statusCode(200)
                .body("items.id", equalTo(List.of(ids.get(2).intValue(), ids.get(3).intValue())));
    }

    @Test
    void badCursorsAreRefusedByName() {
        Account owner = Api.newUser();
        Api.createModel(owner, "a", "sklearn", 0.5);
        Api.createModel(owner, "b", "sklearn", 0.6);
        String byName = owner.request().queryParam("sort", "name").queryParam("ownerId", owner.id())
                .queryParam("size", 1).queryParam("after", "").when().get("/models")
                .then().statusCode(200).extract().jsonPath().getString("next");
        List<String> notCursors = List.of("!!!", "%00", "x".repeat(3000), encode("garbage"),
                encode("1\n-createdAt\n12\n=not a time"), encode("1\n-createdAt\n-4\n=2026-01-01T00:00:00Z"),
                encode("1\n-createdAt\n12\n"), encode("1\n-accuracy\n12\n=NaN"), encode("1\n-accuracy\n12\n=7"),
                encode("2\n-createdAt\n12\n=2026-01-01T00:00:00Z"), encode("1\nname\n12\n=a\u0000b"));
        for (String after : notCursors) {
            owner.request().queryParam("after", after)
                    .when().get("/models")
                    .then().statusCode(400)
                    .contentType("application/problem+json")
                    .body("violations.field", equalTo(List.of("after")));
        }
        for (String after : List.of(encode("1\n-accuracy\n12\n=NaN"), encode("1\n-accuracy\n12\n=7"),
                encode("1\n-createdAt\n12\n=not a time"), encode("1\n-createdAt\n12\n"))) {
            String order = new String(Base64.getUrlDecoder().decode(after), StandardCharsets.UTF_8).split("\n")[1];
            owner.request().queryParam("sort", order).queryParam("after", after).when().get("/models")
                    .then().statusCode(400).body("violations.field", equalTo(List.of("after")));
        }
        owner.request().queryParam("sort", "-accuracy").queryParam("after", byName).when().get("/models")
                .then().statusCode(400)
                .body("violations.field", equalTo(List.of("after")))
                .body("violations[0].message", equalTo("was made for the order name, not -accuracy"));
        owner.request().queryParam("sort", "name").queryParam("after", byName).queryParam("page", 1)
                .when().get("/models")
                .then().statusCode(400).body("violations.field", equalTo(List.of("page")));
        owner.request().queryParam("after", "").queryParam("size", 0).when().get("/users/{id}/models", owner.id())
                .then().statusCode(400).body("violations.field", equalTo(List.of("size")));
        Api.asAdmin().queryParam("after", byName).when().get("/users")
                .then().statusCode(400).body("violations.field", equalTo(List.of("after")));
    }

    @Test
    void cursorKeysPastTheTimesARowCanHaveAreRefusedOnEveryListing() {
        Account owner = Api.newUser();
        Api.createModel(owner, "a", "sklearn", 0.5);
        for (String time : List.of("+294277-01-01T00:00:00Z", "-300000-01-01T00:00:00Z", "+10000-01-01T00:00:00Z")) {
            for (String order : List.of("-createdAt", "createdAt")) {
                owner.request().queryParam("sort", order).queryParam("after", encode("1\n" + order + "\n5\n=" + time))
                        .when().get("/models")
                        .then().statusCode(400).body("violations.field", equalTo(List.of("after")));
            }
            owner.request().queryParam("after", encode("1\n-createdAt\n5\n=" + time))
                    .when().get("/users/{id}/models", owner.id())
                    .then().statusCode(400).body("violations.field", equalTo(List.of("after")));
            Api.asAdmin().queryParam("after", encode("1\nusers:-createdAt\n5\n=" + time)).when().get("/users")
                    .then().statusCode(400).body("violations.field", equalTo(List.of("after")));
        }
    }

    @Test
    void cursorNumbersAreJsonDecimalsOnly() {
        Account owner = Api.newUser();
        Api.createModel(owner, "a", "sklearn", 0.5);
        for (String key : List.of("0x1p-2", "0.5d", " 0.5", "+0.5", "0.5 ", ".5", "5e-1f")) {
            owner.request().queryParam("sort", "-accuracy").queryParam("after", encode("1\n-accuracy\n5\n=" + key))
                    .when().get("/models")
                    .then().statusCode(400).body("violations.field", equalTo(List.of("after")));
        }
        for (String id : List.of("+5", " 5", "05", "0x5")) {
            owner.request().queryParam("after", encode("1\n-createdAt\n" + id + "\n=2026-01-01T00:00:00Z"))
                    .when().get("/models")
                    .then().statusCode(400).body("violations.field", equalTo(List.of("after")));
        }
        owner.request().queryParam("sort", "-accuracy").queryParam("after", encode("1\n-accuracy\n5\n=5.0E-1"))
                .when().get("/models").then().statusCode(200);
    }

    /** Every id of a list, following next from an empty after= until next is null. */
    private static List<Integer> walk(Supplier<RequestSpecification> request, String path) {
        List<Integer> ids = new ArrayList<>();
        String after = "";
        for (int slices = 0; after != null; slices++) {
            assertTrue(slices < 100_000, "next never ends");
            JsonPath slice = request.get().queryParam("after", after).when().get(path)
                    .then().statusCode(200).extract().jsonPath();
            List<Integer> items = slice.getList("items.id");
            Map<String, Object> whole = slice.getMap("$");
            assertTrue(whole.containsKey("next"), "a slice always says what comes next");
            after = slice.getString("next");
            assertTrue(after == null || !items.isEmpty(), "a next cursor after an empty slice");
            ids.addAll(items);
        }
        return ids;
    }

    private static String encode(String cursor) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(cursor.getBytes(StandardCharsets.UTF_8));
    }
}
