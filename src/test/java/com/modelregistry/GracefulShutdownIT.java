package com.modelregistry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.modelregistry.testdb.AuthResource;
import com.modelregistry.testdb.PostgresResource;
import com.modelregistry.testdb.ServiceProcess;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusIntegrationTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * SIGTERM while a write is in flight: readiness goes DOWN first, the write still completes, new requests are
 * refused once shutdown begins, and the process exits 0 within the shutdown timeout.
 */
@QuarkusIntegrationTest
@WithTestResource(PostgresResource.class)
@WithTestResource(AuthResource.class)
class GracefulShutdownIT {

    @Test
    void inFlightRequestsFinishAndTheProcessExitsCleanly() throws Exception {
        Api.Account owner = Api.newUser();
        try (ServiceProcess instance = ServiceProcess.start(Map.of(
                "registry.shutdown.readiness-delay", "3S", "registry.shutdown.timeout", "20S"));
                Connection db = DriverManager.getConnection(PostgresResource.jdbcUrl(), "postgres", "postgres");
                Statement statement = db.createStatement()) {
            // hold the models table so that the next insert waits inside the service: a request in flight
            db.setAutoCommit(false);
            statement.execute("lock table models in access exclusive mode");
            HttpRequest create = HttpRequest.newBuilder(URI.create(instance.baseUri() + "/users/" + owner.id() + "/models"))
                    .header("Authorization", "Bearer " + owner.token())
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"in flight\",\"framework\":\"sklearn\"}"))
                    .build();
            CompletableFuture<HttpResponse<String>> inFlight = HttpClient.newHttpClient()
                    .sendAsync(create, HttpResponse.BodyHandlers.ofString());
            Thread.sleep(1000);

            instance.terminate();
            assertEquals(503, instance.awaitStatus("/q/health/ready", Duration.ofSeconds(10), 503),
                    "readiness goes down first");
            assertEquals(401, instance.status("/models"), "during the readiness delay requests are still served");
            int late = instance.awaitStatus("/models", Duration.ofSeconds(15), 503, -1);
            assertTrue(late == 503 || late == -1, "a new request once shutdown began got " + late);
            assertTrue(!inFlight.isDone(), "the held write is still in flight");

            db.commit();
            HttpResponse<String> finished = inFlight.get(20, TimeUnit.SECONDS);
            assertEquals(201, finished.statusCode(), finished.body());
            assertEquals(Integer.valueOf(0), instance.awaitExit(Duration.ofSeconds(25)));

            try (ResultSet rows = statement.executeQuery(
                    "select count(*) from models where owner_id = " + owner.id() + " and name = 'in flight'")) {
                rows.next();
                assertEquals(1, rows.getInt(1));
            }
        }
    }
}
