package com.modelregistry.user;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
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

    /** Issue 12: a stranger who registered the admin's email before the first start-up stopped every start. */
    @Test
    void anAdminWhoseEmailAStrangerHoldsStartsAnywayAndTheStrangerIsUntouched() throws Throwable {
        Account squatter = Api.newUser();
        String name = Api.unique("ops_");

        startUpWith(name, squatter.email().toUpperCase(Locale.ROOT), "the admin password");

        assertEquals(401, loginStatus(name, "the admin password"));
        squatter.request().when().get("/users/me").then().statusCode(200).body("role", equalTo("user"));
    }

    /** Issue 12: the admin moved to a new email, someone registered the old one, and the next start-up failed. */
    @Test
    void anAdminWhoseOldEmailWasRegisteredMeanwhileStartsAnyway() throws Throwable {
        String name = Api.unique("boss_");
        startUpWith(name, name + "@example.com", "first admin password");
        long id = adminId(name, "first admin password");
        Api.asAdmin().contentType(ContentType.JSON).body(Map.of("email", name + "@elsewhere.example.com"))
                .when().patch("/users/{id}", id).then().statusCode(200);
        Account squatter = Api.newUser(name + "@example.com", Api.unique("squatter_"));

        startUpWith(name, name + "@example.com", "second admin password");

        assertEquals(200, loginStatus(name, "second admin password"), "the rest of the admin step still applies");
        squatter.request().when().get("/users/me").then().statusCode(200)
                .body("email", equalTo(name + "@example.com")).body("role", equalTo("user"));
    }

    /** Someone else's account of the configured username is not handed to the admin's password and role. */
    @Test
    void aStrangersAccountOfTheConfiguredUsernameIsNotTakenOver() throws Throwable {
        Account stranger = Api.newUser();

        startUpWith(stranger.username(), Api.unique("ops_") + "@example.com", "the admin password");

        assertEquals(401, loginStatus(stranger.username(), "the admin password"));
        stranger.request().when().get("/users/me").then().statusCode(200).body("role", equalTo("user"));
    }

    /** Issue 12: instances started at the same moment raced to insert the admin; the loser failed to start. */
    @Test
    void startUpsAtTheSameMomentMakeOneAdmin() throws Exception {
        String name = Api.unique("racing_admin_");
        List<Callable<Integer>> startUps = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            startUps.add(() -> {
                try {
                    startUpWith(name, name + "@example.com", "the admin password");
                    return 0;
                } catch (Throwable failed) {
                    failed.printStackTrace();
                    return 1;
                }
            });
        }
        assertEquals(List.of(0, 0, 0, 0), Api.atOnce(startUps), "start-ups that failed (1)");
        assertEquals(200, loginStatus(name, "the admin password"));
        Api.asAdmin().queryParam("email", name + "@example.com").when().get("/users")
                .then().statusCode(200).body("total", equalTo(1));
    }

    /**
     * Issue 12: registration and a user's own change refuse the configured admin's email and username, in any letter
     * case, even while no account holds them (here: the admin moved to other ones), with the answer a taken one gets.
     */
    @Test
    void nobodyElseMayClaimTheConfiguredAdminsEmailOrUsername() {
        long admin = Api.admin().id();
        String away = Api.unique("away_");
        Api.asAdmin().contentType(ContentType.JSON).body(Map.of("email", away + "@example.com", "username", away))
                .when().patch("/users/{id}", admin).then().statusCode(200);
        try {
            given().contentType(ContentType.JSON).body(Map.of("email", "Test-Admin@Example.COM",
                            "username", Api.unique("claim_"), "password", Api.PASSWORD))
                    .when().post("/users").then().statusCode(409).contentType("application/problem+json")
                    .body("violations[0].field", equalTo("email"));
            given().contentType(ContentType.JSON).body(Map.of("email", Api.unique("claim_") + "@example.com",
                            "username", AuthResource.ADMIN_USERNAME.toUpperCase(Locale.ROOT),
                            "password", Api.PASSWORD))
                    .when().post("/users").then().statusCode(409).contentType("application/problem+json")
                    .body("violations[0].field", equalTo("username"));
            Account user = Api.newUser();
            user.request().contentType(ContentType.JSON).body(Map.of("email", "test-admin@example.com"))
                    .when().patch("/users/{id}", user.id()).then().statusCode(409)
                    .body("violations[0].field", equalTo("email"));
            user.request().contentType(ContentType.JSON).body(Map.of("username", AuthResource.ADMIN_USERNAME))
                    .when().patch("/users/{id}", user.id()).then().statusCode(409)
                    .body("violations[0].field", equalTo("username"));
        } finally {
            Api.asAdmin().contentType(ContentType.JSON)
                    .body(Map.of("email", "test-admin@example.com", "username", AuthResource.ADMIN_USERNAME))
                    .when().patch("/users/{id}", admin).then().statusCode(200);
        }
    }

    private static long adminId(String username, String password) {
        return given().header("Authorization", "Bearer " + Api.login(username, password)).when().get("/users/me")
                .then().statusCode(200).extract().jsonPath().getLong("id");
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
