package com.modelregistry;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.lessThanOrEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.modelregistry.testdb.AuthResource;
import com.modelregistry.testdb.PostgresResource;
import com.modelregistry.testdb.ServiceProcess;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusIntegrationTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Two instances of the packaged jar on two ports against one database behave as one service, login limits too. */
@QuarkusIntegrationTest
@WithTestResource(PostgresResource.class)
@WithTestResource(AuthResource.class)
class MultipleInstancesIT {

    private static ServiceProcess first;
    private static ServiceProcess second;

    @BeforeAll
    static void twoInstances() throws Exception {
        // every request of the run comes from 127.0.0.1: its address limit must not refuse the rest (AuthResource)
        first = ServiceProcess.start(Map.of("quarkus.log.console.json.enabled", "true",
                "registry.auth.login.address.max-failures", "100000"));
        second = ServiceProcess.start(Map.of("registry.auth.login.address.max-failures", "100000"));
    }

    @AfterAll
    static void stop() throws Exception {
        first.close();
        second.close();
    }

    @Test
    void bothInstancesServeTheSameDataAndTrustTheSameTokens() {
        String name = Api.unique("twin_");
        long id = given().baseUri(first.baseUri()).contentType(ContentType.JSON)
                .body(Map.of("email", name + "@example.com", "username", name, "password", Api.PASSWORD))
                .when().post("/users").then().statusCode(201).extract().jsonPath().getLong("id");
        String token = given().baseUri(second.baseUri()).contentType(ContentType.JSON)
                .body(Map.of("username", name, "password", Api.PASSWORD))
                .when().post("/auth/token").then().statusCode(200).extract().jsonPath().getString("accessToken");

        long model = given().baseUri(second.baseUri()).header("Authorization", "Bearer " + token)
                .contentType(ContentType.JSON).body(Map.of("name", "shared", "framework", "sklearn"))
                .when().post("/users/{id}/models", id).then().statusCode(201).extract().jsonPath().getLong("id");
        given().baseUri(first.baseUri()).header("Authorization", "Bearer " + token)
                .when().get("/users/{id}?expand=models", id)
                .then().statusCode(200).body("models[0].id", equalTo((int) model));
    }

    @Test
    void failedLoginsAlternatingBetweenInstancesMeetOneLimitAndASuccessOnOneClearsItForBoth() {
        String name = Api.unique("fleet_");
        given().baseUri(first.baseUri()).contentType(ContentType.JSON)
                .body(Map.of("email", name + "@example.com", "username", name, "password", Api.PASSWORD))
                .when().post("/users").then().statusCode(201);

        for (int i = 0; i < 4; i++) {
            login(i % 2 == 0 ? first : second, name, "guess " + i).then().statusCode(401);
        }
        login(second, name, Api.PASSWORD).then().statusCode(200);
        // cleared everywhere: without it, the second of these would already be the sixth failure
        for (int i = 0; i < 5; i++) {
            login(i % 2 == 0 ? first : second, name, "guess again " + i).then().statusCode(401);
        }
        for (ServiceProcess instance : List.of(first, second)) {
            for (String password : List.of("one more guess", Api.PASSWORD)) {
                login(instance, name, password).then().statusCode(429).contentType("application/problem+json")
                        .header("Retry-After", h -> Integer.parseInt(h), allOf(greaterThan(0), lessThanOrEqualTo(900)));
            }
        }
    }

    private static Response login(ServiceProcess instance, String username, String password) {
        return given().baseUri(instance.baseUri()).contentType(ContentType.JSON)
                .body(Map.of("username", username, "password", password)).when().post("/auth/token");
    }

    @Test
    void productionLogsAreJsonLines() throws Exception {
        List<String> lines = Files.readAllLines(first.log()).stream()
                .filter(line -> line.startsWith("{")).toList();
        assertFalse(lines.isEmpty(), "no JSON log line in " + first.log());
        ObjectMapper json = new ObjectMapper();
        for (String line : lines) {
            JsonNode entry = json.readTree(line);
            assertTrue(entry.hasNonNull("timestamp") && entry.hasNonNull("level")
                    && entry.hasNonNull("message"), line);
        }
        assertTrue(lines.stream().anyMatch(line -> line.contains("started in")));
    }

    @Test
    void uniquenessHoldsAcrossInstances() throws Exception {
        int clients = 20;
        List<Integer> answers = Api.registerAtOnce(Api.unique("both_") + "@example.com", clients,
                i -> (i % 2 == 0 ? first : second).baseUri());
        assertEquals(1, answers.stream().filter(s -> s == 201).count(), "answers: " + answers);
        assertEquals(clients - 1, answers.stream().filter(s -> s == 409).count(), "answers: " + answers);
    }
}
