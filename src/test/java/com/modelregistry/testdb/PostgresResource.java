package com.modelregistry.testdb;

import com.modelregistry.devdb.EmbeddedDatabase;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.util.HashMap;
import java.util.Map;

/**
 * Starts a fresh embedded PostgreSQL for a test run and points the service (in-JVM or packaged) at it. Also gives the
 * service a free management port (health, metrics), as every test application starts one and a fixed port would clash
 * with other test runs on the machine.
 */
public class PostgresResource implements QuarkusTestResourceLifecycleManager {

    private static volatile String jdbcUrl;
    private static volatile String reactiveUrl;
    private static volatile int managementPort;
    private EmbeddedDatabase database;

    @Override
    public Map<String, String> start() {
        try {
            database = EmbeddedDatabase.start(Files.createTempDirectory("model-registry-test-db"), false);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        jdbcUrl = database.jdbcUrl();
        reactiveUrl = database.reactiveUrl();
        try {
            managementPort = ServiceProcess.freePort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, String> settings = new HashMap<>(database.datasourceConfig());
        // the in-JVM application reads the test port, the packaged one the port
        settings.put("quarkus.management.test-port", Integer.toString(managementPort));
        settings.put("quarkus.management.port", Integer.toString(managementPort));
        return settings;
    }

    @Override
    public void stop() {
        if (database != null) {
            database.stop();
        }
    }

    /** For tests that start more instances of the service on the same database. */
    public static String reactiveUrl() {
        return reactiveUrl;
    }

    /** Where the service under test serves health and metrics, e.g. {@code managementUri() + "/q/metrics"}. */
    public static String managementUri() {
        return "http://localhost:" + managementPort;
    }

    /** The test database's port, for tests that put something between it and the service. */
    public static int port() {
        return URI.create(reactiveUrl).getPort();
    }

    /** For tests that inspect the database directly, as a client of the service cannot. */
    public static String jdbcUrl() {
        return jdbcUrl;
    }
}
