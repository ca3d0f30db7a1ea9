package com.modelregistry.auth;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.modelregistry.Api.Account;
import com.modelregistry.Api;
import com.modelregistry.testdb.AuthResource;
import com.modelregistry.testdb.PostgresResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A token stops working once its user is deleted, deactivated, or changes password or role: at once here, and
 * within {@code registry.auth.revocation-delay} (2 s in tests) when the change is made by another instance.
 */
@QuarkusTest
@WithTestResource(PostgresResource.class)
@WithTestResource(AuthResource.class)
class RevocationTest {

    @Test
    void deletingTheUserRevokesItsTokensAtOnce() {
        Account user = Api.newUser();
        user.request().when().get("/users/me").then().statusCode(200);

        user.request().when().delete("/users/{id}", user.id()).then().statusCode(204);

        user.request().when().get("/models").then().statusCode(401);
    }

    @Test
    void deactivatingTheUserRevokesItsTokensAtOnce() {
        Account user = Api.newUser();
        user.request().when().get("/users/me").then().statusCode(200);

        Api.asAdmin().contentType(ContentType.JSON).body(Map.of("active", false))
                .when().patch("/users/{id}", user.id()).then().statusCode(200);

        user.request().when().get("/users/me").then().statusCode(401);
        Api.asAdmin().contentType(ContentType.JSON).body(Map.of("active", true))
                .when().patch("/users/{id}", user.id()).then().statusCode(200);
        user.request().when().get("/users/me").then().statusCode(401);
        given().contentType(ContentType.JSON).body(Map.of("username", user.username(), "password", Api.PASSWORD))
                .when().post("/auth/token").then().statusCode(200);
    }

    @Test
    void changingThePasswordRevokesOldTokensButNotTheNewOnes() {
        Account user = Api.newUser();
        user.request().contentType(ContentType.JSON).body(Map.of("password", "a brand new password"))
                .when().patch("/users/{id}", user.id()).then().statusCode(200);

        user.request().when().get("/users/me").then().statusCode(401);
        String fresh = Api.login(user.username(), "a brand new password");
        given().header("Authorization", "Bearer " + fresh).when().get("/users/me").then().statusCode(200);
        given().contentType(ContentType.JSON).body(Map.of("username", user.username(), "password", Api.PASSWORD))
                .when().post("/auth/token").then().statusCode(401);
    }

    @Test
    void changingTheRoleRevokesTokensThatClaimTheOldRole() {
        Account user = Api.newUser();
        Api.asAdmin().contentType(ContentType.JSON).body(Map.of("role", "admin"))
                .when().patch("/users/{id}", user.id()).then().statusCode(200);
        user.request().when().get("/users").then().statusCode(401);
        String promoted = Api.login(user.username(), Api.PASSWORD);
        given().header("Authorization", "Bearer " + promoted).when().get("/users").then().statusCode(200);
    }

    @Test
    void aChangeMadeByAnotherInstanceIsSeenWithinTheRevocationDelay() throws Exception {
        Account user = Api.newUser();
        user.request().when().get("/users/me").then().statusCode(200);

        // another instance changes the password: this instance hears nothing, only the database changes
        try (Connection db = DriverManager.getConnection(PostgresResource.jdbcUrl(), "postgres", "postgres");
                PreparedStatement update = db.prepareStatement(
                        "update users set token_version = token_version + 1 where id = ?")) {
            update.setLong(1, user.id());
            assertEquals(1, update.executeUpdate());
        }

        long start = System.nanoTime();
        int status = 200;
        while (status == 200 && System.nanoTime() - start < 10_000_000_000L) {
            status = user.request().when().get("/users/me").then().extract().statusCode();
            if (status == 200) {
                Thread.sleep(200);
            }
        }
        assertEquals(401, status);
        double seconds = (System.nanoTime() - start) / 1e9;
        assertTrue(seconds < 5, "revoked after " + seconds + " s; the delay is 2 s");
    }
}
