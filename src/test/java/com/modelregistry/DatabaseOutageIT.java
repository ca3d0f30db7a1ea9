package com.modelregistry;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.modelregistry.testdb.AuthResource;
import com.modelregistry.testdb.CuttableProxy;
import com.modelregistry.testdb.PostgresResource;
import com.modelregistry.testdb.ServiceProcess;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusIntegrationTest;
import java.net.URI;
import java.time.Duration;
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
        int databasePort = URI.create(PostgresResource.jdbcUrl().substring("jdbc:".length())).getPort();
        try (CuttableProxy proxy = new CuttableProxy(databasePort);
                ServiceProcess instance = ServiceProcess.start(Map.of(
                        "quarkus.datasource.reactive.url", "postgresql://localhost:" + proxy.port() + "/postgres",
                        "quarkus.datasource.jdbc.url", "jdbc:postgresql://localhost:" + proxy.port() + "/postgres"))) {
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
