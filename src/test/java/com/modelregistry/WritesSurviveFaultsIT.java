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
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Issue 6, faults 2 and 3: clients write models without pause while the database goes away and comes back, or while
 * the service is killed with SIGKILL. Every model answered 201 must exist afterwards, and no partial row may.
 */
@QuarkusIntegrationTest
@WithTestResource(PostgresResource.class)
@WithTestResource(AuthResource.class)
class WritesSurviveFaultsIT {

    private static final int WRITERS = 4;

    @Test
    void everyAcknowledgedWriteSurvivesADatabaseOutageAndErrorsStayInsideIt() throws Exception {
        Api.Account owner = Api.newUser();
        int databasePort = URI.create(PostgresResource.jdbcUrl().substring("jdbc:".length())).getPort();
        try (CuttableProxy proxy = new CuttableProxy(databasePort);
                ServiceProcess instance = ServiceProcess.start(Map.of(
                        "quarkus.datasource.reactive.url", "postgresql://localhost:" + proxy.port() + "/postgres",
                        "quarkus.datasource.jdbc.url", "jdbc:postgresql://localhost:" + proxy.port() + "/postgres"))) {
            Writers writers = Writers.start(instance, owner, "outage");
            Thread.sleep(1500);
            long cut = System.nanoTime();
            proxy.cut();
            Thread.sleep(2000);
            proxy.restore();
            long restored = System.nanoTime();
            Thread.sleep(6000);
            writers.stop();

            List<Failure> failures = writers.failures;
            long lastFailure = failures.stream().mapToLong(Failure::atNanos).max().orElse(cut);
            System.out.printf("database outage of %d ms: %d writes acknowledged, %d refused (%s), last refusal %d ms "
                            + "after the database came back%n", (restored - cut) / 1_000_000, writers.acknowledged.size(),
                    failures.size(), failures.stream().collect(Collectors.groupingBy(Failure::status,
                            Collectors.counting())), (lastFailure - restored) / 1_000_000);
            assertTrue(writers.acknowledged.size() > 0);
            for (Failure failure : failures) {
                assertEquals(503, failure.status(), "a refused write during the outage must be a 503");
                assertTrue(failure.atNanos() >= cut && failure.atNanos() <= restored + Duration.ofSeconds(5).toNanos(),
                        "a write failed outside the outage window");
            }
            assertEveryAcknowledgedWriteExists(owner, writers.acknowledged);
        }
    }

    @Test
    void everyAcknowledgedWriteSurvivesSigkillAndTheRestartedServiceServesIt() throws Exception {
        Api.Account owner = Api.newUser();
        Set<Long> acknowledged;
        try (ServiceProcess instance = ServiceProcess.start(Map.of())) {
            Writers writers = Writers.start(instance, owner, "killed");
            Thread.sleep(2500);
            instance.kill();
            writers.stop();
            acknowledged = writers.acknowledged;
            System.out.printf("SIGKILL during writes: %d writes acknowledged before it%n", acknowledged.size());
        }
        assertTrue(acknowledged.size() > 0);
        assertEveryAcknowledgedWriteExists(owner, acknowledged);
        try (ServiceProcess restarted = ServiceProcess.start(Map.of())) {
            for (long id : acknowledged.stream().limit(50).toList()) {
                given().baseUri(restarted.baseUri()).header("Authorization", "Bearer " + owner.token())
                        .when().get("/models/{id}", id).then().statusCode(200);
            }
        }
    }

    @Test
    void sigtermUnderWriteLoadFinishesWhatWasAcceptedAndExitsWithinTheTimeout() throws Exception {
        Api.Account owner = Api.newUser();
        Writers writers;
        Integer exit;
        long exitMillis;
        try (ServiceProcess instance = ServiceProcess.start(Map.of(
                "registry.shutdown.readiness-delay", "1S", "registry.shutdown.timeout", "10S"))) {
            writers = Writers.start(instance, owner, "sigterm");
            Thread.sleep(2000);
            long terminated = System.nanoTime();
            instance.terminate();
            exit = instance.awaitExit(Duration.ofSeconds(20));
            exitMillis = (System.nanoTime() - terminated) / 1_000_000;
            writers.stop();
        }
        System.out.printf("SIGTERM under write load: %d acknowledged, refusals %s, exit %s after %d ms%n",
                writers.acknowledged.size(), writers.failures.stream().collect(Collectors.groupingBy(Failure::status,
                        Collectors.counting())), exit, exitMillis);
        assertEquals(Integer.valueOf(0), exit, "exit status");
        assertTrue(exitMillis <= 11_000, "exited after " + exitMillis + " ms, past delay plus timeout");
        for (Failure failure : writers.failures) {
            assertTrue(failure.status() == 503 || failure.status() == -1,
                    "a write during shutdown got " + failure.status() + " instead of 503 or a refused connection");
        }
        assertEveryAcknowledgedWriteExists(owner, writers.acknowledged);
    }

    /** Every acknowledged id is a complete row of this owner; every row of the owner is complete. */
    private static void assertEveryAcknowledgedWriteExists(Api.Account owner, Set<Long> acknowledged) throws Exception {
        try (Connection db = DriverManager.getConnection(PostgresResource.jdbcUrl(), "postgres", "postgres");
                Statement statement = db.createStatement();
                ResultSet rows = statement.executeQuery("select id, name, framework, created_at from models "
                        + "where owner_id = " + owner.id())) {
            Set<Long> stored = new java.util.HashSet<>();
            while (rows.next()) {
                stored.add(rows.getLong("id"));
                assertTrue(rows.getString("name").startsWith("w-") && rows.getString("framework").equals("sklearn")
                        && rows.getTimestamp("created_at") != null, "a partial row: " + rows.getLong("id"));
            }
            Set<Long> lost = acknowledged.stream().filter(id -> !stored.contains(id)).collect(Collectors.toSet());
            assertTrue(lost.isEmpty(), "acknowledged but lost: " + lost);
        }
    }

    private record Failure(int status, long atNanos) {
    }

    /** Clients that create models in a loop, remembering each id answered 201 and each other answer with its time. */
    private static final class Writers {

        final Set<Long> acknowledged = ConcurrentHashMap.newKeySet();
        final List<Failure> failures = new CopyOnWriteArrayList<>();
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final ExecutorService threads = Executors.newFixedThreadPool(WRITERS);

        static Writers start(ServiceProcess instance, Api.Account owner, String label) {
            Writers writers = new Writers();
            HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
            for (int w = 0; w < WRITERS; w++) {
                int writer = w;
                writers.threads.submit(() -> {
                    for (int n = 0; writers.running.get(); n++) {
                        HttpRequest create = HttpRequest.newBuilder(
                                        URI.create(instance.baseUri() + "/users/" + owner.id() + "/models"))
                                .header("Authorization", "Bearer " + owner.token())
                                .header("Content-Type", "application/json")
                                .timeout(Duration.ofSeconds(10))
                                .POST(HttpRequest.BodyPublishers.ofString(
                                        "{\"name\":\"w-" + label + "-" + writer + "-" + n + "\",\"framework\":\"sklearn\"}"))
                                .build();
                        try {
                            HttpResponse<String> response = client.send(create, HttpResponse.BodyHandlers.ofString());
                            if (response.statusCode() == 201) {
                                writers.acknowledged.add(Long.parseLong(
                                        response.body().replaceAll(".*\"id\":(\\d+).*", "$1")));
                            } else {
                                writers.failures.add(new Failure(response.statusCode(), System.nanoTime()));
                            }
                        } catch (Exception unreachable) {
                            // the service itself is gone (killed): nothing was acknowledged
                            writers.failures.add(new Failure(-1, System.nanoTime()));
                            try {
                                Thread.sleep(50);
                            } catch (InterruptedException e) {
                                return;
                            }
                        }
                    }
                });
            }
            return writers;
        }

        void stop() throws InterruptedException {
            running.set(false);
            threads.shutdown();
            assertTrue(threads.awaitTermination(30, TimeUnit.SECONDS));
        }
    }
}
