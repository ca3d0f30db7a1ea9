package com.modelregistry.auth;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.modelregistry.Api.Account;
import com.modelregistry.Api;
import com.modelregistry.testdb.AuthResource;
import com.modelregistry.testdb.PostgresResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.filter.Filter;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Walks the table of who may do what with two users and an admin: every allowed cell succeeds; every forbidden one
 * is refused with 403 (401 without a token) and leaves the database exactly as it was. No response body in this
 * suite may contain a bcrypt hash.
 */
@QuarkusTest
@WithTestResource(PostgresResource.class)
@WithTestResource(AuthResource.class)
class AuthorizationTest {

    private static final Pattern BCRYPT = Pattern.compile("\\$2[aby]\\$");
    private static final Filter NO_HASHES = (request, response, context) -> {
        Response answer = context.next(request, response);
        assertFalse(BCRYPT.matcher(answer.asString()).find(),
                request.getMethod() + " " + request.getURI() + " leaked a bcrypt hash: " + answer.asString());
        return answer;
    };

    private Account alice;
    private Account bob;
    private long aliceModel;

    @BeforeEach
    void twoUsers() {
        RestAssured.filters(NO_HASHES);
        alice = Api.newUser();
        bob = Api.newUser();
        aliceModel = Api.createModel(alice, "alice's model", "sklearn", 0.8);
    }

    @AfterEach
    void dropFilter() {
        RestAssured.replaceFiltersWith(List.of());
    }

    private static RequestSpecification anonymous() {
        return given();
    }

    private static RequestSpecification json(RequestSpecification request, Object body) {
        return request.contentType(ContentType.JSON).body(body);
    }

    /** Sends the request, expects the refusal, and checks that nothing in the database changed. */
    private static void refused(int status, RequestSpecification request, String method, String path, Object... params)
            throws Exception {
        List<String> before = snapshot();
        request.when().request(method, path, params)
                .then().statusCode(status)
                .contentType("application/problem+json");
        assertEquals(before, snapshot(), method + " " + path + " changed the database although refused");
    }

    private static List<String> snapshot() throws Exception {
        List<String> rows = new ArrayList<>();
        try (Connection db = DriverManager.getConnection(PostgresResource.jdbcUrl(), "postgres", "postgres");
                Statement statement = db.createStatement()) {
            for (String query : List.of(
                    "select id, email, username, password_hash, active, role, token_version, updated_at from users order by id",
                    "select id, name, framework, accuracy, owner_id, updated_at from models order by id")) {
                try (ResultSet result = statement.executeQuery(query)) {
                    int columns = result.getMetaData().getColumnCount();
                    while (result.next()) {
                        StringBuilder row = new StringBuilder();
                        for (int i = 1; i <= columns; i++) {
                            row.append(result.getString(i)).append('|');
                        }
                        rows.add(row.toString());
                    }
                }
            }
        }
        return rows;
    }

    @Test
    void anyoneMayRegisterAndLogIn() {
        String name = Api.unique("anyone_");
        json(anonymous(), Map.of("email", name + "@example.com", "username", name, "password", Api.PASSWORD))
                .when().post("/users").then().statusCode(201);
        json(anonymous(), Map.of("username", name, "password", Api.PASSWORD))
                .when().post("/auth/token").then().statusCode(200);
    }

    @Test
    void theOwnAccountIsForItsUserOrAnAdmin() throws Exception {
        alice.request().when().get("/users/me").then().statusCode(200);
        Api.asAdmin().when().get("/users/me").then().statusCode(200);
        refused(401, anonymous(), "GET", "/users/me");

        for (String path : List.of("/users/{id}", "/users/{id}?expand=models")) {
            alice.request().when().get(path, alice.id()).then().statusCode(200);
            Api.asAdmin().when().get(path, alice.id()).then().statusCode(200);
            refused(403, bob.request(), "GET", path, alice.id());
            refused(401, anonymous(), "GET", path, alice.id());
        }
    }

    @Test
    void onlyAnAdminListsUsersOrLooksThemUpByEmail() throws Exception {
        Api.asAdmin().when().get("/users").then().statusCode(200);
        Api.asAdmin().queryParam("email", alice.email()).when().get("/users").then().statusCode(200);
        refused(403, alice.request(), "GET", "/users");
        refused(403, alice.request().queryParam("email", bob.email()), "GET", "/users");
        refused(401, anonymous(), "GET", "/users");
    }

    @Test
    void aUserChangesTheirOwnAccountButNotActiveOrRole() throws Exception {
        json(alice.request(), Map.of("username", alice.username() + "_x"))
                .when().patch("/users/{id}", alice.id()).then().statusCode(200);
        json(Api.asAdmin(), Map.of("username", alice.username() + "_y"))
                .when().patch("/users/{id}", alice.id()).then().statusCode(200);

        refused(403, json(bob.request(), Map.of("username", Api.unique("taken_"))), "PATCH", "/users/{id}", alice.id());
        refused(401, json(anonymous(), Map.of("username", Api.unique("taken_"))), "PATCH", "/users/{id}", alice.id());
        refused(403, json(alice.request(), Map.of("active", false)), "PATCH", "/users/{id}", alice.id());
        refused(403, json(alice.request(), Map.of("role", "admin")), "PATCH", "/users/{id}", alice.id());
        refused(403, json(alice.request(), Map.of("role", "admin", "username", Api.unique("sneaky_"))),
                "PATCH", "/users/{id}", alice.id());

        json(Api.asAdmin(), Map.of("active", false)).when().patch("/users/{id}", bob.id()).then().statusCode(200);
        json(Api.asAdmin(), Map.of("active", true, "role", "admin"))
                .when().patch("/users/{id}", bob.id()).then().statusCode(200);
    }

    @Test
    void aUserOrAnAdminDeletesTheAccount() throws Exception {
        refused(403, bob.request(), "DELETE", "/users/{id}", alice.id());
        refused(401, anonymous(), "DELETE", "/users/{id}", alice.id());

        alice.request().when().delete("/users/{id}", alice.id()).then().statusCode(204);
        Api.asAdmin().when().delete("/users/{id}", bob.id()).then().statusCode(204);
    }

    @Test
    void aUserOrAnAdminRecordsModelsForThatUser() throws Exception {
        Map<String, Object> model = Map.of("name", "new", "framework", "sklearn");
        json(alice.request(), model).when().post("/users/{id}/models", alice.id()).then().statusCode(201);
        json(Api.asAdmin(), model).when().post("/users/{id}/models", alice.id()).then().statusCode(201);
        refused(403, json(bob.request(), model), "POST", "/users/{id}/models", alice.id());
        refused(401, json(anonymous(), model), "POST", "/users/{id}/models", alice.id());
    }

    @Test
    void anyLoggedInUserReadsModels() throws Exception {
        for (Account reader : List.of(alice, bob, Api.admin())) {
            reader.request().when().get("/users/{id}/models", alice.id()).then().statusCode(200);
            reader.request().when().get("/models").then().statusCode(200);
            reader.request().when().get("/models/{id}", aliceModel).then().statusCode(200);
        }
        refused(401, anonymous(), "GET", "/users/{id}/models", alice.id());
        refused(401, anonymous(), "GET", "/models");
        refused(401, anonymous(), "GET", "/models/{id}", aliceModel);
    }

    @Test
    void theOwnerOrAnAdminChangesAndDeletesAModel() throws Exception {
        refused(403, json(bob.request(), Map.of("name", "stolen")), "PATCH", "/models/{id}", aliceModel);
        refused(401, json(anonymous(), Map.of("name", "stolen")), "PATCH", "/models/{id}", aliceModel);
        refused(403, bob.request(), "DELETE", "/models/{id}", aliceModel);
        refused(401, anonymous(), "DELETE", "/models/{id}", aliceModel);

        json(alice.request(), Map.of("name", "renamed")).when().patch("/models/{id}", aliceModel)
                .then().statusCode(200);
        json(Api.asAdmin(), Map.of("accuracy", 0.9)).when().patch("/models/{id}", aliceModel)
                .then().statusCode(200);
        alice.request().when().delete("/models/{id}", aliceModel).then().statusCode(204);
        long another = Api.createModel(alice, "another", "sklearn", null);
        Api.asAdmin().when().delete("/models/{id}", another).then().statusCode(204);
    }

    @Test
    void theApiDescriptionIsOpenAndHealthIsOpenOnTheManagementPort() {
        for (String path : List.of("/q/openapi", "/q/swagger-ui/")) {
            anonymous().when().get(path).then().statusCode(200);
        }
        for (String path : List.of("/q/health/live", "/q/health/ready", "/q/health/started", "/q/health")) {
            anonymous().baseUri(PostgresResource.managementUri()).when().get(path).then().statusCode(200);
        }
    }

    /** Health and metrics are for the orchestrator and Prometheus, which reach the management port. */
    @Test
    void healthAndMetricsAreNotOnThePublicPort() {
        for (String path : List.of("/q/health/live", "/q/health/ready", "/q/health", "/q/metrics")) {
            anonymous().when().get(path).then().statusCode(404);
        }
    }
}
