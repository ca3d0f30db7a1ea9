package com.modelregistry.user;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;

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
/** Registering a user: what is stored and answered, conflicts, and what is refused. */
class UserRegistrationTest {

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
}
