package com.modelregistry.testdb;

import com.modelregistry.devdb.EmbeddedDatabase;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** Starts a fresh embedded PostgreSQL for a test run and points the service (in-JVM or packaged) at it. */
public class PostgresResource implements QuarkusTestResourceLifecycleManager {

    private static volatile String jdbcUrl;
    private static volatile String reactiveUrl;
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
        return database.datasourceConfig();
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

    /** The test database's port, for tests that put something between it and the service. */
    public static int port() {
        return java.net.URI.create(reactiveUrl).getPort();
    }

    /** For tests that inspect the database directly, as a client of the service cannot. */
    public static String jdbcUrl() {
        return jdbcUrl;
    }
}
