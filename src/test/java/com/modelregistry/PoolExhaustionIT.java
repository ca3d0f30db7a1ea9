package com.modelregistry;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.modelregistry.testdb.AuthResource;
import com.modelregistry.testdb.PostgresResource;
import com.modelregistry.testdb.ServiceProcess;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusIntegrationTest;
import io.restassured.config.HttpClientConfig;
import io.restassured.config.RestAssuredConfig;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Issue 6, fault 5: when slow statements hold every pooled connection, a further request waits at most
 * registry.database.acquire-timeout and then answers 503; once the statements end, the service works again.
 */
@QuarkusIntegrationTest
@WithTestResource(PostgresResource.class)
@WithTestResource(AuthResource.class)
class PoolExhaustionIT {

    private static final int POOL = 3;

    /** Waits until that many statements of other sessions wait for a lock: the held requests have their connections. */
    private static void awaitLockWaiters(Connection db, int count) throws Exception {
        try (Connection observer = DriverManager.getConnection(PostgresResource.jdbcUrl(), "postgres", "postgres");
                Statement statement = observer.createStatement()) {
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (true) {
                try (ResultSet row = statement.executeQuery(
                        "select count(*) from pg_stat_activity where wait_event_type = 'Lock'")) {
                    row.next();
                    if (row.getInt(1) >= count) {
                        return;
                    }
                }
                assertTrue(System.nanoTime() < deadline, "the held requests never reached the lock");
                Thread.sleep(50);
            }
        }
    }

    @Test
    void requestsBeyondAFullPoolGet503AfterTheBoundedWaitAndTheServiceRecovers() throws Exception {
        try (ServiceProcess instance = ServiceProcess.start(Map.of(
                "quarkus.datasource.reactive.max-size", Integer.toString(POOL),
                "registry.database.acquire-timeout", "1S"))) {
            String token = given().baseUri(instance.baseUri()).contentType(ContentType.JSON)
                    .body(Map.of("username", AuthResource.ADMIN_USERNAME, "password", AuthResource.ADMIN_PASSWORD))
                    .when().post("/auth/token").then().statusCode(200).extract().jsonPath().getString("accessToken");
            long admin = given().baseUri(instance.baseUri()).header("Authorization", "Bearer " + token)
                    .when().get("/users/me").then().statusCode(200).extract().jsonPath().getLong("id");
            long model = given().baseUri(instance.baseUri()).header("Authorization", "Bearer " + token)
                    .contentType(ContentType.JSON).body(Map.of("name", "slow", "framework", "sklearn"))
                    .when().post("/users/{id}/models", admin).then().statusCode(201).extract().jsonPath().getLong("id");

            HttpClient client = HttpClient.newHttpClient();
            HttpRequest read = HttpRequest.newBuilder(URI.create(instance.baseUri() + "/models/" + model))
                    .header("Authorization", "Bearer " + token).timeout(Duration.ofSeconds(60)).build();
            List<CompletableFuture<HttpResponse<String>>> held = new ArrayList<>();
            try (Connection db = DriverManager.getConnection(PostgresResource.jdbcUrl(), "postgres", "postgres");
                    Statement statement = db.createStatement()) {
                db.setAutoCommit(false);
                // every read of models now waits for this transaction: each such request holds its connection
                statement.execute("lock table models in access exclusive mode");
                for (int i = 0; i < POOL; i++) {
                    held.add(client.sendAsync(read, HttpResponse.BodyHandlers.ofString()));
                }
                awaitLockWaiters(db, POOL);

                long started = System.nanoTime();
                Response refused = given().baseUri(instance.baseUri()).header("Authorization", "Bearer " + token)
                        .config(RestAssuredConfig.config().httpClient(
                                HttpClientConfig.httpClientConfig()
                                        .setParam("http.socket.timeout", 20_000)))
                        .when().get("/models/{id}", model);
                long millis = (System.nanoTime() - started) / 1_000_000;
                assertEquals(503, refused.statusCode(), refused.asString());
                assertEquals("application/problem+json", refused.contentType());
                assertTrue(Integer.parseInt(refused.header("Retry-After")) > 0);
                assertTrue(millis >= 900 && millis <= 3000, "waited " + millis + " ms for a 1 s bound");
                db.commit();
            }
            for (CompletableFuture<HttpResponse<String>> response : held) {
                assertEquals(200, response.get(30, TimeUnit.SECONDS).statusCode(), "a held request after the lock");
            }
            given().baseUri(instance.baseUri()).header("Authorization", "Bearer " + token)
                    .when().get("/models/{id}", model).then().statusCode(200);
        }
    }
}
