package com.modelregistry.user;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.modelregistry.Api.Account;
import com.modelregistry.Api;
import com.modelregistry.testdb.AuthResource;
import com.modelregistry.testdb.PostgresResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
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
    void aUserIsReadByIdWithoutItsModels() {
        Account user = Api.newUser();
        long id = user.id();
        user.request().when().get("/users/{id}", id)
                .then().statusCode(200)
                .body("id", equalTo((int) id))
                .body("$", not(hasKey("models")));
    }

    @Test
    void anUnknownUserIdIsA404Problem() {
        Api.asAdmin().when().get("/users/{id}", 987654321).then().statusCode(404)
                .contentType("application/problem+json")
                .body("status", equalTo(404))
                .body("title", equalTo("Not Found"))
                .body("detail", notNullValue());
    }

    @Test
    void aUserIdThatIsNotANumberIsA404Problem() {
        Api.newUser().request().when().get("/users/not-a-number").then().statusCode(404)
                .contentType("application/problem+json");
    }

    @Test
    void anUnknownExpansionIsRefusedByName() {
        Account user = Api.newUser();
        user.request().when().get("/users/{id}?expand=everything", user.id()).then().statusCode(400)
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
    }

    @Test
    void expandModelsGivesAUserWithoutModelsAnEmptyList() {
        Account lonely = Api.newUser();
        lonely.request().when().get("/users/{id}?expand=models", lonely.id())
                .then().statusCode(200)
                .body("models", equalTo(List.of()));
    }

    @Test
    void expandModelsOfAnUnknownUserIs404() {
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
        Api.asAdmin().when().get("/users/{id}", user.id())
                .then().body("email", equalTo("new-" + name + "@example.com")).body("role", equalTo("user"));
    }

    @Test
    void aPatchedPasswordIsTheOneThatLogsInAndIsNeverAnswered() {
        Account user = Api.newUser();

        user.request().contentType(ContentType.JSON).body(Map.of("password", "another long password"))
                .when().patch("/users/{id}", user.id())
                .then().statusCode(200)
                .body(not(containsString("$2a$")));
        Api.login(user.username(), "another long password");
    }

    @Test
    void anAdminPatchesActiveAndRole() {
        Account user = Api.newUser();

        Api.asAdmin().contentType(ContentType.JSON).body(Map.of("active", false, "role", "admin"))
                .when().patch("/users/{id}", user.id())
                .then().statusCode(200)
                .body("active", equalTo(false))
                .body("role", equalTo("admin"));
        Api.asAdmin().when().get("/users/{id}", user.id())
                .then().body("active", equalTo(false)).body("role", equalTo("admin"));
    }

    @Test
    void patchingAUserToATakenEmailOrUsernameIsAConflictIgnoringCase() {
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

        user.request().when().get("/users/{id}", id).then().body("username", equalTo(user.username()));
    }

    @Test
    void patchingAUserRejectsEachInvalidValueByNameAndChangesNothing() {
        Account user = Api.newUser();
        long id = user.id();

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

        user.request().when().get("/users/{id}", id).then().body("role", equalTo("user")).body("active", equalTo(true));
    }

    @Test
    void patchingAnUnknownUserIs404() {
        Api.asAdmin().contentType(ContentType.JSON).body(Map.of("active", false))
                .when().patch("/users/{id}", 987654321)
                .then().statusCode(404);
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
