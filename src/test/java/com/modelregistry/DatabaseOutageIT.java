package com.modelregistry;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.modelregistry.testdb.AuthResource;
import com.modelregistry.testdb.CuttableProxy;
import com.modelregistry.testdb.PostgresResource;
import com.modelregistry.testdb.ServiceProcess;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusIntegrationTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.IntSupplier;
import org.junit.jupiter.api.Test;

/** Readiness follows the database; liveness never does; the service recovers without a restart. */
@QuarkusIntegrationTest
@WithTestResource(PostgresResource.class)
@WithTestResource(AuthResource.class)
class DatabaseOutageIT {

    @Test
    void readinessIsDownWhileTheDatabaseIsUnreachableAndUpAgainAfter() throws Exception {
        try (CuttableProxy proxy = new CuttableProxy(PostgresResource.port());
                ServiceProcess instance = ServiceProcess.startThrough(proxy)) {
            assertEquals(200, instance.status("/q/health/ready"));

            proxy.cut();
            awaitStatus(503, () -> instance.status("/q/health/ready"), Duration.ofSeconds(20));
            assertEquals(200, instance.status("/q/health/live"));
            assertEquals(200, instance.status("/q/health/started"));

            proxy.restore();
            awaitStatus(200, () -> instance.status("/q/health/ready"), Duration.ofSeconds(20));
            assertEquals(200, instance.status("/q/health/live"));
        }
    }

    /**
     * Issue 6, fault 1: while the database is unreachable every API request is refused quickly with 503, a problem
     * body and Retry-After, never left hanging and never a 500; once it is back, requests succeed within 5 s.
     */
    @Test
    void apiRequestsAnswer503QuicklyWhileTheDatabaseIsDownAndSucceedSoonAfter() throws Exception {
        try (CuttableProxy proxy = new CuttableProxy(PostgresResource.port());
                ServiceProcess instance = ServiceProcess.startThrough(proxy)) {
            String token = given().baseUri(instance.baseUri()).contentType(ContentType.JSON)
                    .body(Map.of("username", AuthResource.ADMIN_USERNAME, "password", AuthResource.ADMIN_PASSWORD))
                    .when().post("/auth/token").then().statusCode(200).extract().jsonPath().getString("accessToken");
            long model = given().baseUri(instance.baseUri()).header("Authorization", "Bearer " + token)
                    .contentType(ContentType.JSON).body(Map.of("name", "outage", "framework", "sklearn"))
                    .when().post("/users/{id}/models", adminId(instance, token))
                    .then().statusCode(201).extract().jsonPath().getLong("id");

            // a user whose token this instance has never checked: its first request needs the database for that
            String stranger = Api.unique("outage_");
            given().baseUri(instance.baseUri()).contentType(ContentType.JSON)
                    .body(Map.of("email", stranger + "@example.com", "username", stranger, "password", Api.PASSWORD))
                    .when().post("/users").then().statusCode(201);
            String strangerToken = given().baseUri(instance.baseUri()).contentType(ContentType.JSON)
                    .body(Map.of("username", stranger, "password", Api.PASSWORD))
                    .when().post("/auth/token").then().statusCode(200).extract().jsonPath().getString("accessToken");

            proxy.cut();
            Response unchecked = given().baseUri(instance.baseUri()).header("Authorization", "Bearer " + strangerToken)
                    .when().get("/users/me");
            assertEquals(503, unchecked.statusCode(), "token check without the database: " + unchecked.asString());
            for (String path : List.of("/models/" + model, "/models?framework=sklearn", "/users/me", "/models/" + model)) {
                long started = System.nanoTime();
                Response response = given().baseUri(instance.baseUri()).header("Authorization", "Bearer " + token)
                        .when().get(path);
                long millis = (System.nanoTime() - started) / 1_000_000;
                assertEquals(503, response.statusCode(), path + ": " + response.asString());
                assertEquals("application/problem+json", response.contentType(), path);
                assertTrue(Integer.parseInt(response.header("Retry-After")) > 0, path);
                assertTrue(millis <= 2000, path + " took " + millis + " ms");
            }
            given().baseUri(instance.baseUri()).header("Authorization", "Bearer " + token)
                    .contentType(ContentType.JSON).body(Map.of("name", "lost", "framework", "sklearn"))
                    .when().post("/users/{id}/models", adminId(instance, token)).then().statusCode(503);
            // the login counts are in the database too: without it no try is let through, wrong or right
            for (int i = 0; i < 8; i++) {
                given().baseUri(instance.baseUri()).contentType(ContentType.JSON)
                        .body(Map.of("username", stranger, "password", i < 7 ? "guess " + i : Api.PASSWORD))
                        .when().post("/auth/token").then().statusCode(503).contentType("application/problem+json");
            }

            proxy.restore();
            long restored = System.nanoTime();
            int status;
            do {
                status = given().baseUri(instance.baseUri()).header("Authorization", "Bearer " + token)
                        .when().get("/models/{id}", model).statusCode();
            } while (status != 200 && System.nanoTime() - restored < Duration.ofSeconds(5).toNanos());
            assertEquals(200, status, "no success within 5 s of the database coming back");
        }
    }

    private static long adminId;

    private static long adminId(ServiceProcess instance, String token) {
        if (adminId == 0) {
            adminId = given().baseUri(instance.baseUri()).header("Authorization", "Bearer " + token)
                    .when().get("/users/me").then().statusCode(200).extract().jsonPath().getLong("id");
        }
        return adminId;
    }

    private static void awaitStatus(int expected, IntSupplier status, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        int last = status.getAsInt();
        while (last != expected && System.nanoTime() < deadline) {
            Thread.sleep(250);
            last = status.getAsInt();
        }
        assertEquals(expected, last);
    }
}
