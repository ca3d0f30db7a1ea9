package com.modelregistry.user;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.modelregistry.Api.Account;
import com.modelregistry.Api;
import com.modelregistry.auth.TokenRevocation;
import com.modelregistry.testdb.AuthResource;
import com.modelregistry.testdb.PostgresResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import jakarta.validation.Validator;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Start-up's admin account: created when missing, brought back to the configured password, role and state. */
@QuarkusTest
@WithTestResource(PostgresResource.class)
@WithTestResource(AuthResource.class)
class AdminAccountTest {

    @Inject
    UserRepository users;

    @Inject
    Validator validator;

    @Inject
    TokenRevocation revocation;

    private void startUpWith(String username, String email, String password) throws Throwable {
        new AdminAccount(users, revocation, validator, Optional.ofNullable(username), Optional.ofNullable(email),
                Optional.ofNullable(password)).ensureAdmin(null);
    }

    private static int loginStatus(String username, String password) {
        return given().contentType(ContentType.JSON).body(Map.of("username", username, "password", password))
                .when().post("/auth/token").then().extract().statusCode();
    }

    @Test
    void theConfiguredAdminExistsAfterStartUp() {
        Api.asAdmin().when().get("/users/me").then().statusCode(200).body("role", equalTo("admin"));
    }

    @Test
    void aMissingAdminIsCreatedAndAChangedPasswordIsApplied() throws Throwable {
        String name = Api.unique("boss_");
        startUpWith(name, name + "@example.com", "first admin password");
        String token = Api.login(name, "first admin password");
        given().header("Authorization", "Bearer " + token).when().get("/users")
                .then().statusCode(200);

        startUpWith(name, name + "@example.com", "second admin password");
        assertTrue(loginStatus(name, "first admin password") == 401);
        assertTrue(loginStatus(name, "second admin password") == 200);
        given().header("Authorization", "Bearer " + token).when().get("/users").then().statusCode(401);
    }

    @Test
    void anExistingUserOfThatNameBecomesTheActiveAdmin() throws Throwable {
        Account user = Api.newUser();
        Api.asAdmin().contentType(ContentType.JSON).body(Map.of("active", false))
                .when().patch("/users/{id}", user.id()).then().statusCode(200);

        startUpWith(user.username(), user.email(), "the admin password");

        String token = Api.login(user.username(), "the admin password");
        given().header("Authorization", "Bearer " + token).when().get("/users/me")
                .then().statusCode(200).body("role", equalTo("admin")).body("active", equalTo(true));
    }

    @Test
    void incompleteOrInvalidSettingsStopStartUp() {
        assertThrows(IllegalStateException.class, () -> startUpWith("boss", null, "a long password"));
        assertThrows(IllegalStateException.class, () -> startUpWith("boss", "boss@example.com", "short"));
        assertThrows(IllegalStateException.class, () -> startUpWith("b", "boss@example.com", "a long password"));
    }

    @Test
    void withNoSettingsNothingHappens() throws Throwable {
        startUpWith(null, null, null);
    }
}
