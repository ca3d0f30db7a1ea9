package com.modelregistry;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.modelregistry.devdb.EmbeddedDatabase;
import com.modelregistry.testdb.ModelWriters;
import com.modelregistry.testdb.ServiceProcess;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 6, faults 1 and 2 with PostgreSQL itself stopped ({@code pg_ctl stop -m fast}) and started again on the same
 * port and data. Unlike the cut network of DatabaseOutageIT, the server ends every session itself (SQLSTATE 57P01),
 * rolls back what was in flight, and refuses connections until it is back.
 */
class DatabaseRestartIT {

    private static Path dataDirectory;
    private static EmbeddedDatabase database;

    @BeforeAll
    static void startTheDatabase() throws IOException {
        dataDirectory = Files.createTempDirectory("model-registry-restart-db");
        database = EmbeddedDatabase.start(dataDirectory, true);
    }

    @AfterAll
    static void stopTheDatabase() throws IOException {
        try {
            database.stop();
        } finally {
            try (Stream<Path> files = Files.walk(dataDirectory)) {
                files.sorted(Comparator.reverseOrder()).forEach(file -> file.toFile().delete());
            }
        }
    }

    private interface WhileDown {
        void run() throws Exception;
    }

    /** Stops PostgreSQL, runs {@code whileDown}, and starts it again even when that fails. */
    private static void restartAround(WhileDown whileDown) throws Exception {
        database.stop();
        try {
            whileDown.run();
        } finally {
            database = database.startAgain();
        }
    }

    @AfterEach
    void forgetTheInstance() {
        RestAssured.reset();
    }

    /** Fault 1: 503 problem+json with Retry-After within 2 s while it is down; success within 5 s of its return. */
    @Test
    void apiRequestsAnswer503WhilePostgresIsStoppedAndSucceedSoonAfterItStartsAgain() throws Exception {
        try (ServiceProcess instance = startService()) {
            Api.Account owner = Api.newUser();
            long model = Api.createModel(owner, "restart", "sklearn", 0.5);

            long stopping = System.nanoTime();
            long[] stopped = new long[1];
            restartAround(() -> {
                stopped[0] = System.nanoTime();
                for (String path : List.of("/models/" + model, "/models?framework=sklearn", "/users/me")) {
                    long started = System.nanoTime();
                    Response response = owner.request().when().get(path);
                    long millis = (System.nanoTime() - started) / 1_000_000;
                    assertEquals(503, response.statusCode(), path + ": " + response.asString());
                    assertEquals("application/problem+json", response.contentType(), path);
                    assertTrue(Integer.parseInt(response.header("Retry-After")) > 0, path);
                    assertTrue(millis <= 2000, path + " took " + millis + " ms");
                }
                owner.request().contentType(ContentType.JSON).body(Map.of("name", "lost", "framework", "sklearn"))
                        .when().post("/users/{id}/models", owner.id()).then().statusCode(503);
                assertEquals(503, instance.awaitStatus("/q/health/ready", Duration.ofSeconds(10), 503));
                assertEquals(200, instance.status("/q/health/live"));
            });
            long back = System.nanoTime();
            int status;
            do {
                status = owner.request().when().get("/models/{id}", model).statusCode();
            } while (status != 200 && System.nanoTime() - back < Duration.ofSeconds(5).toNanos());
            long recovered = System.nanoTime();
            assertEquals(200, status, "no success within 5 s of PostgreSQL coming back");
            assertEquals(200, instance.awaitStatus("/q/health/ready", Duration.ofSeconds(5), 200));
            assertEquals(List.of("restart"), owner.request().when().get("/users/{id}/models", owner.id())
                    .then().statusCode(200).extract().jsonPath().getList("items.name"),
                    "the write refused during the outage was stored");
            System.out.printf("PostgreSQL stopped in %d ms, down for %d ms; first success %d ms after it was back%n",
                    (stopped[0] - stopping) / 1_000_000, (back - stopped[0]) / 1_000_000, (recovered - back) / 1_000_000);
        }
    }

    /** Fault 2: every model answered 201 exists afterwards; refusals are 503 and only around the restart. */
    @Test
    void everyAcknowledgedWriteSurvivesAPostgresRestartUnderLoad() throws Exception {
        try (ServiceProcess instance = startService()) {
            Api.Account owner = Api.newUser();
            ModelWriters writers = ModelWriters.start(instance, owner, "restart", 4);
            long stopping;
            long back;
            try {
                Thread.sleep(1500);
                stopping = System.nanoTime();
                restartAround(() -> Thread.sleep(1000));
                back = System.nanoTime();
                Thread.sleep(6000);
            } finally {
                writers.stop();
            }
            long lastFailure = writers.failures.stream().mapToLong(ModelWriters.Failure::atNanos).max().orElse(back);
            System.out.printf("PostgreSQL restart under write load, %d ms from stop to running again: %d writes "
                            + "acknowledged, %d refused %s, last refusal %d ms after it was back%n",
                    (back - stopping) / 1_000_000, writers.acknowledged.size(), writers.failures.size(),
                    writers.failuresByStatus(), (lastFailure - back) / 1_000_000);
            assertTrue(writers.acknowledged.size() > 0);
            for (ModelWriters.Failure failure : writers.failures) {
                assertEquals(503, failure.status(), "a refused write around the restart must be a 503");
                assertTrue(failure.atNanos() >= stopping && failure.atNanos() <= back + Duration.ofSeconds(5).toNanos(),
                        "a write failed outside the restart window");
            }
            writers.assertEveryAcknowledgedWriteExists(database.jdbcUrl(), owner);
            Api.createModel(owner, "after the restart", "sklearn", null);
        }
    }

    private static ServiceProcess startService() throws Exception {
        ServiceProcess instance = ServiceProcess.startOn(database);
        RestAssured.baseURI = "http://localhost";
        RestAssured.port = instance.port();
        return instance;
    }
}
