package com.modelregistry.common;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;

import com.modelregistry.Api.Account;
import com.modelregistry.Api;
import com.modelregistry.testdb.AuthResource;
import com.modelregistry.testdb.PostgresResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every client mistake gets a problem+json answer with the right status, and never a stack trace. */
@QuarkusTest
@WithTestResource(PostgresResource.class)
@WithTestResource(AuthResource.class)
class ProblemResponsesTest {

    static ValidatableResponse isProblem(ValidatableResponse response, int status) {
        return response.statusCode(status)
                .contentType("application/problem+json")
                .body("type", notNullValue())
                .body("title", notNullValue())
                .body("status", equalTo(status))
                .body("detail", notNullValue())
                .body(not(containsString("Exception")))
                .body(not(containsString("at com.")))
                .body(not(containsString("select ")));
    }

    @Test
    void malformedJsonIsABadRequest() {
        for (String body : List.of("{", "{\"email\": }", "not json", "[1, 2]", "{} {}", "\"text\"")) {
            isProblem(given().contentType(ContentType.JSON).body(body).when().post("/users").then(), 400);
        }
    }

    @Test
    void aMissingBodyIsABadRequest() {
        isProblem(given().contentType(ContentType.JSON).when().post("/users").then(), 400)
                .body("violations.field", equalTo(List.of("body")));
        Account user = Api.newUser();
        isProblem(user.request().contentType(ContentType.JSON).when().patch("/users/{id}", user.id()).then(), 400);
        isProblem(user.request().contentType(ContentType.JSON).when().post("/users/{id}/models", user.id()).then(), 400);
    }

    @Test
    void valuesOfTheWrongJsonTypeAreRejectedByField() {
        isProblem(given().contentType(ContentType.JSON)
                .body("{\"email\": 42, \"username\": \"valid_name\", \"password\": \"long enough\"}")
                .when().post("/users").then(), 400)
                .body("violations.field", equalTo(List.of("email")));
        isProblem(given().contentType(ContentType.JSON)
                .body("{\"email\": [\"a@b.c\"], \"username\": \"valid_name\", \"password\": \"long enough\"}")
                .when().post("/users").then(), 400)
                .body("violations.field", equalTo(List.of("email")));
        Account user = Api.newUser();
        isProblem(user.request().contentType(ContentType.JSON)
                .body("{\"name\": {\"nested\": true}, \"framework\": \"sklearn\"}")
                .when().post("/users/{id}/models", user.id()).then(), 400)
                .body("violations.field", equalTo(List.of("name")));
    }

    @Test
    void aBodyThatIsNotJsonIsUnsupported() {
        isProblem(given().contentType(ContentType.TEXT).body("email=a@b.c")
                .when().post("/users").then(), 415);
        isProblem(given().contentType(ContentType.XML).body("<user/>")
                .when().post("/users").then(), 415);
    }

    @Test
    void unknownMethodsAndPathsAreProblems() {
        isProblem(given().when().put("/users/1").then(), 405);
        isProblem(given().when().delete("/users").then(), 405);
        isProblem(given().when().get("/no-such-thing").then(), 404);
        isProblem(Api.asAdmin().when().get("/models/-1").then(), 404);
        isProblem(Api.asAdmin().when().get("/models/99999999999999999999").then(), 404);
    }
}
