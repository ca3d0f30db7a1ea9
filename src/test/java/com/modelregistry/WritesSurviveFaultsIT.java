package com.modelregistry;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.modelregistry.testdb.AuthResource;
import com.modelregistry.testdb.CuttableProxy;
import com.modelregistry.testdb.ModelWriters;
import com.modelregistry.testdb.PostgresResource;
import com.modelregistry.testdb.ServiceProcess;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusIntegrationTest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Issue 6, faults 2 to 4: clients write models without pause while the network to the database is cut and restored
 * (a real PostgreSQL restart is in DatabaseRestartIT), while the service is killed with SIGKILL, or while it is
 * stopped with SIGTERM. Every model answered 201 must exist afterwards, and no partial row may.
 */
@QuarkusIntegrationTest
@WithTestResource(PostgresResource.class)
@WithTestResource(AuthResource.class)
class WritesSurviveFaultsIT {

    private static final int WRITERS = 4;

    @Test
    void everyAcknowledgedWriteSurvivesADatabaseOutageAndErrorsStayInsideIt() throws Exception {
        Api.Account owner = Api.newUser();
        try (CuttableProxy proxy = new CuttableProxy(PostgresResource.port());
                ServiceProcess instance = ServiceProcess.startThrough(proxy)) {
            ModelWriters writers = ModelWriters.start(instance, owner, "outage", WRITERS);
            Thread.sleep(1500);
            long cut = System.nanoTime();
            proxy.cut();
            Thread.sleep(2000);
            proxy.restore();
            long restored = System.nanoTime();
            Thread.sleep(6000);
            writers.stop();

            List<ModelWriters.Failure> failures = writers.failures;
            long lastFailure = failures.stream().mapToLong(ModelWriters.Failure::atNanos).max().orElse(cut);
            System.out.printf("database outage of %d ms: %d writes acknowledged, %d refused (%s), last refusal %d ms "
                            + "after the database came back%n", (restored - cut) / 1_000_000, writers.acknowledged.size(),
                    failures.size(), writers.failuresByStatus(), (lastFailure - restored) / 1_000_000);
            assertTrue(writers.acknowledged.size() > 0);
            for (ModelWriters.Failure failure : failures) {
                assertEquals(503, failure.status(), "a refused write during the outage must be a 503");
                assertTrue(failure.atNanos() >= cut && failure.atNanos() <= restored + Duration.ofSeconds(5).toNanos(),
                        "a write failed outside the outage window");
            }
            writers.assertEveryAcknowledgedWriteExists(PostgresResource.jdbcUrl(), owner);
        }
    }

    @Test
    void everyAcknowledgedWriteSurvivesSigkillAndTheRestartedServiceServesIt() throws Exception {
        Api.Account owner = Api.newUser();
        ModelWriters writers;
        try (ServiceProcess instance = ServiceProcess.start(Map.of())) {
            writers = ModelWriters.start(instance, owner, "killed", WRITERS);
            // kill while writes are in flight, once some are acknowledged: a loaded machine may take seconds for that
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (writers.acknowledged.size() < 20 && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            Thread.sleep(500);
            instance.kill();
            writers.stop();
            System.out.printf("SIGKILL during writes: %d writes acknowledged before it%n", writers.acknowledged.size());
        }
        assertTrue(writers.acknowledged.size() > 0);
        writers.assertEveryAcknowledgedWriteExists(PostgresResource.jdbcUrl(), owner);
        try (ServiceProcess restarted = ServiceProcess.start(Map.of())) {
            for (long id : writers.acknowledged.stream().limit(50).toList()) {
                given().baseUri(restarted.baseUri()).header("Authorization", "Bearer " + owner.token())
                        .when().get("/models/{id}", id).then().statusCode(200);
            }
        }
    }

    @Test
    void sigtermUnderWriteLoadFinishesWhatWasAcceptedAndExitsWithinTheTimeout() throws Exception {
        Api.Account owner = Api.newUser();
        ModelWriters writers;
        Integer exit;
        long exitMillis;
        try (ServiceProcess instance = ServiceProcess.start(Map.of(
                "registry.shutdown.readiness-delay", "1S", "registry.shutdown.timeout", "10S"))) {
            writers = ModelWriters.start(instance, owner, "sigterm", WRITERS);
            Thread.sleep(2000);
            long terminated = System.nanoTime();
            instance.terminate();
            exit = instance.awaitExit(Duration.ofSeconds(20));
            exitMillis = (System.nanoTime() - terminated) / 1_000_000;
            writers.stop();
        }
        System.out.printf("SIGTERM under write load: %d acknowledged, refusals %s, exit %s after %d ms%n",
                writers.acknowledged.size(), writers.failuresByStatus(), exit, exitMillis);
        assertEquals(Integer.valueOf(0), exit, "exit status");
        assertTrue(exitMillis <= 11_000, "exited after " + exitMillis + " ms, past delay plus timeout");
        for (ModelWriters.Failure failure : writers.failures) {
            assertTrue(failure.status() == 503 || failure.status() == -1,
                    "a write during shutdown got " + failure.status() + " instead of 503 or a refused connection");
        }
        writers.assertEveryAcknowledgedWriteExists(PostgresResource.jdbcUrl(), owner);
    }
}
