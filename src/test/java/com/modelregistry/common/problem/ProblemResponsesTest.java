package com.modelregistry.common.problem;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
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
        for (String body : List.of("{", "{\"email\": }", "not json")) {
            isProblem(given().contentType(ContentType.JSON).body(body).when().post("/users").then(), 400)
                    .body("detail", equalTo("The request body is not well-formed JSON"));
        }
        for (String body : List.of("[1, 2]", "{} {}", "\"text\"")) {
            isProblem(given().contentType(ContentType.JSON).body(body).when().post("/users").then(), 400)
                    .body("detail", equalTo("The request body does not have the expected JSON shape"));
        }
    }

    @Test
    void aNumberPastJacksonsLengthLimitSaysSo() {
        Account user = Api.newUser();
        isProblem(user.request().contentType(ContentType.JSON)
                .body("{\"name\": \"long\", \"framework\": \"sklearn\", \"accuracy\": 0." + "5".repeat(1500) + "}")
                .when().post("/users/{id}/models", user.id()).then(), 400)
                .body("detail", containsString("JSON limits"));
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

    /** JSON can spell a lone UTF-16 surrogate; PostgreSQL's client would store it as "?" or fail with a 500. */
    @Test
    void textWithAnUnpairedSurrogateIsRefusedByFieldAndChangesNothing() {
        // the request a generated hostile run found answering 500
        isProblem(given().contentType(ContentType.JSON)
                .body("{\"username\": \"\\ud800\uc0ac\", \"password\": \"x\\udfb9y\"}")
                .when().post("/auth/token").then(), 400)
                .body("violations.field", equalTo(List.of("username")))
                .body("violations.message", everyItem(containsString("Unicode")));
        isProblem(given().contentType(ContentType.JSON)
                .body("{\"username\": \"someone\", \"password\": \"\\udc00\\ud800\"}")
                .when().post("/auth/token").then(), 400)
                .body("violations.field", equalTo(List.of("password")));

        String name = Api.unique("surrogate_");
        isProblem(given().contentType(ContentType.JSON)
                .body("{\"email\": \"" + name + "@example.com\", \"username\": \"" + name
                        + "\", \"password\": \"long enough \\ud800 password\"}")
                .when().post("/users").then(), 400)
                .body("violations.field", equalTo(List.of("password")))
                .body(not(containsString("long enough")));
        // nothing was stored: the same names are still free
        Account user = Api.newUser(name + "@example.com", name);

        String model = "{\"name\": \"%s\", \"framework\": \"sklearn\"}";
        isProblem(user.request().contentType(ContentType.JSON).body(model.formatted("half \\ud83d"))
                .when().post("/users/{id}/models", user.id()).then(), 400)
                .body("violations.field", equalTo(List.of("name")));
        user.request().when().get("/users/{id}/models", user.id()).then().statusCode(200).body("total", equalTo(0));
        // a whole pair is ordinary text, stored and answered as sent
        long id = user.request().contentType(ContentType.JSON).body(model.formatted("whole \\ud83d\\ude00"))
                .when().post("/users/{id}/models", user.id())
                .then().statusCode(201).body("name", equalTo("whole \ud83d\ude00"))
                .extract().jsonPath().getLong("id");
        isProblem(user.request().contentType(ContentType.JSON).body("{\"framework\": \"\\ude00torch\"}")
                .when().patch("/models/{id}", id).then(), 400)
                .body("violations.field", equalTo(List.of("framework")));
        user.request().when().get("/models/{id}", id).then().statusCode(200)
                .body("name", equalTo("whole \ud83d\ude00")).body("framework", equalTo("sklearn"));
        // an unknown property spelled with one is refused too, and the answer is still valid JSON
        isProblem(user.request().contentType(ContentType.JSON).body("{\"\\ud800\": 1}")
                .when().patch("/models/{id}", id).then(), 400);
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
