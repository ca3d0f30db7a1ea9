package com.modelregistry.user;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.modelregistry.Api.Account;
import com.modelregistry.Api;
import com.modelregistry.testdb.AuthResource;
import com.modelregistry.testdb.PostgresResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(PostgresResource.class)
@WithTestResource(AuthResource.class)
class UserResourceTest {

    @Test
    void registeringAUserAnswersCreatedWithItsLocationAndNoPassword() {
        String name = Api.unique("Alice_");
        Response response = given().contentType(ContentType.JSON)
                .body(Map.of("email", "  " + name.toUpperCase() + "@Example.COM ", "username", name,
                        "password", Api.PASSWORD))
                .when().post("/users");

        response.then().statusCode(201)
                .contentType(ContentType.JSON)
                .header("Location", endsWith("/users/" + response.jsonPath().getLong("id")))
                .body("email", equalTo(name.toLowerCase() + "@example.com"))
                .body("username", equalTo(name))
                .body("active", equalTo(true))
                .body("role", equalTo("user"))
                .body("createdAt", matchesPattern("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(\\.\\d+)?Z"))
                .body("updatedAt", equalTo(response.jsonPath().getString("createdAt")))
                .body("$", not(hasKey("password")))
                .body("$", not(hasKey("passwordHash")))
                .body(not(containsString("$2a$")));
    }

    @Test
    void aTakenEmailOrUsernameIsAConflictIgnoringCase() {
        String name = Api.unique("bob_");
        Api.newUser(name + "@example.com", name);

        given().contentType(ContentType.JSON)
                .body(Map.of("email", name.toUpperCase() + "@EXAMPLE.com", "username", Api.unique("other_"),
                        "password", Api.PASSWORD))
                .when().post("/users")
                .then().statusCode(409)
                .contentType("application/problem+json")
                .body("status", equalTo(409))
                .body("violations.field", hasItem("email"));

        given().contentType(ContentType.JSON)
                .body(Map.of("email", Api.unique("x") + "@example.com", "username", name.toUpperCase(),
                        "password", Api.PASSWORD))
                .when().post("/users")
                .then().statusCode(409)
                .body("violations.field", hasItem("username"));
    }

    @Test
    void concurrentRegistrationsOfOneEmailHaveExactlyOneWinner() throws Exception {
        String email = Api.unique("race_") + "@example.com";
        int clients = 20;
        String base = RestAssured.baseURI + ":" + RestAssured.port;
        List<Integer> answers = Api.registerAtOnce(email, clients, i -> base);
        assertEquals(1, answers.stream().filter(s -> s == 201).count(), "answers: " + answers);
        assertEquals(clients - 1, answers.stream().filter(s -> s == 409).count(), "answers: " + answers);
        Api.asAdmin().queryParam("email", email).when().get("/users").then().body("total", equalTo(1));
    }

    @Test
    void registrationRejectsEachInvalidFieldByName() {
        given().contentType(ContentType.JSON)
                .body(Map.of("email", "not-an-address", "username", "ab", "password", "short"))
                .when().post("/users")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("violations.field", equalTo(List.of("email", "password", "username")));

        given().contentType(ContentType.JSON)
                .body(Map.of("email", "a@b.c", "username", "has space", "password", "x".repeat(73)))
                .when().post("/users")
                .then().statusCode(400)
                .body("violations.field", equalTo(List.of("password", "username")));

        // 25 three-byte characters are 75 bytes: too long for bcrypt although only 25 characters
        given().contentType(ContentType.JSON)
                .body(Map.of("email", Api.unique("u") + "@example.com", "username", Api.unique("u"),
                        "password", "€".repeat(25)))
                .when().post("/users")
                .then().statusCode(400)
                .body("violations.field", equalTo(List.of("password")));

        given().contentType(ContentType.JSON)
                .body(Map.of("email", "x".repeat(250) + "@example.com", "username", Api.unique("u"),
                        "password", Api.PASSWORD))
                .when().post("/users")
                .then().statusCode(400)
                .body("violations.field", hasItem("email"));

        given().contentType(ContentType.JSON)
                .body(Map.of("username", Api.unique("u"), "password", Api.PASSWORD))
                .when().post("/users")
                .then().statusCode(400)
                .body("violations.field", equalTo(List.of("email")));
    }

    @Test
    void registrationCannotSetServerOwnedFields() {
        for (String field : List.of("id", "role", "active", "createdAt", "passwordHash")) {
            String name = Api.unique("u_");
            given().contentType(ContentType.JSON)
                    .body(Map.of("email", name + "@example.com", "username", name, "password", Api.PASSWORD,
                            field, "admin"))
                    .when().post("/users")
                    .then().statusCode(400)
                    .body("violations.field", equalTo(List.of(field)));
        }
    }

    @Test
    void gettingAUserByIdAndUnknownIds() {
        Account user = Api.newUser();
        long id = user.id();
        user.request().when().get("/users/{id}", id)
                .then().statusCode(200)
                .body("id", equalTo((int) id))
                .body("$", not(hasKey("models")));

        Api.asAdmin().when().get("/users/{id}", 987654321).then().statusCode(404)
                .contentType("application/problem+json")
                .body("status", equalTo(404))
                .body("title", equalTo("Not Found"))
                .body("detail", notNullValue());
        user.request().when().get("/users/not-a-number").then().statusCode(404)
                .contentType("application/problem+json");
        user.request().when().get("/users/{id}?expand=everything", id).then().statusCode(400)
                .body("violations.field", equalTo(List.of("expand")));
    }

    @Test
    void expandModelsListsTheUsersModelsNewestFirst() {
        Account owner = Api.newUser();
        long first = Api.createModel(owner, "first", "sklearn", 0.5);
        long second = Api.createModel(owner, "second", "pytorch", null);
        Api.createModel(Api.newUser(), "someone else's", "sklearn", 0.9);

        owner.request().when().get("/users/{id}?expand=models", owner.id())
                .then().statusCode(200)
                .body("id", equalTo((int) owner.id()))
                .body("models.id", equalTo(List.of((int) second, (int) first)))
                .body("models[0].ownerId", equalTo((int) owner.id()))
                .body("models[1].accuracy", equalTo(0.5f));

        Account lonely = Api.newUser();
        lonely.request().when().get("/users/{id}?expand=models", lonely.id())
                .then().statusCode(200)
                .body("models", equalTo(List.of()));
        Api.asAdmin().when().get("/users/{id}?expand=models", 987654321).then().statusCode(404);
    }

    @Test
    void listingUsersIsNewestFirstWithTotals() {
        long a = Api.newUser().id();
        long b = Api.newUser().id();
        long c = Api.newUser().id();

        Api.asAdmin().when().get("/users?size=3")
                .then().statusCode(200)
                .body("items.id", equalTo(List.of((int) c, (int) b, (int) a)))
                .body("page", equalTo(0))
                .body("size", equalTo(3))
                .body(not(containsString("$2a$")));

        Response all = Api.asAdmin().when().get("/users?size=2&page=1");
        all.then().statusCode(200).body("items.id", hasItem((int) a)).body("page", equalTo(1));
        long total = all.jsonPath().getLong("total");
        assertEquals((total + 1) / 2, all.jsonPath().getLong("totalPages"));
    }

    @Test
    void findingAUserByEmailIgnoresCase() {
        String name = Api.unique("carol_");
        long id = Api.newUser(name + "@example.com", name).id();

        Api.asAdmin().queryParam("email", name.toUpperCase() + "@Example.com")
                .when().get("/users")
                .then().statusCode(200)
                .body("items.id", equalTo(List.of((int) id)))
                .body("total", equalTo(1))
                .body("totalPages", equalTo(1));
        Api.asAdmin().queryParam("email", "nobody-" + name + "@example.com")
                .when().get("/users")
                .then().statusCode(200)
                .body("items", equalTo(List.of()))
                .body("total", equalTo(0))
                .body("totalPages", equalTo(0));
    }

    @Test
    void pagingParametersOutOfRangeAreRejected() {
        for (String query : List.of("page=-1", "page=abc", "size=0", "size=101", "size=1.5", "page=99999999999")) {
            Api.asAdmin().when().get("/users?" + query)
                    .then().statusCode(400)
                    .contentType("application/problem+json")
                    .body("violations.field", hasItem(query.substring(0, query.indexOf('='))));
        }
        Api.asAdmin().when().get("/users?page=-1&size=0").then().statusCode(400)
                .body("violations.field", equalTo(List.of("page", "size")));
    }

    @Test
    void patchingAUserChangesOnlyTheGivenFields() {
        String name = Api.unique("dave_");
        Account user = Api.newUser(name + "@example.com", name);
        String created = user.request().get("/users/{id}", user.id()).jsonPath().getString("createdAt");

        user.request().contentType(ContentType.JSON)
                .body(Map.of("email", "NEW-" + name + "@example.com", "username", name + "_2"))
                .when().patch("/users/{id}", user.id())
                .then().statusCode(200)
                .body("email", equalTo("new-" + name + "@example.com"))
                .body("username", equalTo(name + "_2"))
                .body("active", equalTo(true))
                .body("createdAt", equalTo(created))
                .body("updatedAt", not(equalTo(created)));

        user.request().contentType(ContentType.JSON).body(Map.of("password", "another long password"))
                .when().patch("/users/{id}", user.id())
                .then().statusCode(200)
                .body(not(containsString("$2a$")));
        Api.login(name + "_2", "another long password");

        Api.asAdmin().contentType(ContentType.JSON).body(Map.of("active", false, "role", "admin"))
                .when().patch("/users/{id}", user.id())
                .then().statusCode(200)
                .body("active", equalTo(false))
                .body("role", equalTo("admin"));
        Api.asAdmin().when().get("/users/{id}", user.id())
                .then().body("email", equalTo("new-" + name + "@example.com")).body("active", equalTo(false));
    }

    @Test
    void patchingAUserRejectsTakenNamesNullsAndUnknownFields() {
        String taken = Api.unique("erin_");
        Api.newUser(taken + "@example.com", taken);
        Account user = Api.newUser();
        long id = user.id();

        user.request().contentType(ContentType.JSON).body(Map.of("email", taken + "@EXAMPLE.com"))
                .when().patch("/users/{id}", id)
                .then().statusCode(409).body("violations.field", equalTo(List.of("email")));
        user.request().contentType(ContentType.JSON).body(Map.of("username", taken.toUpperCase()))
                .when().patch("/users/{id}", id)
                .then().statusCode(409).body("violations.field", equalTo(List.of("username")));
        user.request().contentType(ContentType.JSON).body("{\"email\": null}")
                .when().patch("/users/{id}", id)
                .then().statusCode(400).body("violations.field", equalTo(List.of("email")));
        user.request().contentType(ContentType.JSON).body(Map.of("createdAt", "2020-01-01T00:00:00Z"))
                .when().patch("/users/{id}", id)
                .then().statusCode(400).body("violations.field", equalTo(List.of("createdAt")));
        user.request().contentType(ContentType.JSON).body(Map.of("password", "short"))
                .when().patch("/users/{id}", id)
                .then().statusCode(400).body("violations.field", equalTo(List.of("password")));
        user.request().contentType(ContentType.JSON).body(Map.of("active", "yes"))
                .when().patch("/users/{id}", id)
                .then().statusCode(400).body("violations.field", equalTo(List.of("active")));
        Api.asAdmin().contentType(ContentType.JSON).body(Map.of("role", "superuser"))
                .when().patch("/users/{id}", id)
                .then().statusCode(400).body("violations.field", equalTo(List.of("role")));
        Api.asAdmin().contentType(ContentType.JSON).body(Map.of("active", false))
                .when().patch("/users/{id}", 987654321)
                .then().statusCode(404);

        user.request().when().get("/users/{id}", id).then().body("role", equalTo("user")).body("active", equalTo(true));
    }

    @Test
    void deletingAUserDeletesItsModels() {
        Account owner = Api.newUser();
        long model = Api.createModel(owner, "doomed", "sklearn", 0.7);
        Account otherOwner = Api.newUser();
        long kept = Api.createModel(otherOwner, "kept", "sklearn", 0.7);

        owner.request().when().delete("/users/{id}", owner.id()).then().statusCode(204);

        Api.asAdmin().when().get("/users/{id}", owner.id()).then().statusCode(404);
        Api.asAdmin().when().get("/models/{id}", model).then().statusCode(404);
        Api.asAdmin().when().get("/users/{id}/models", owner.id()).then().statusCode(404);
        Api.asAdmin().when().get("/models/{id}", kept).then().statusCode(200);
        Api.asAdmin().when().delete("/users/{id}", owner.id()).then().statusCode(404);
    }
}
