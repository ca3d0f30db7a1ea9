package com.modelregistry;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.modelregistry.devdb.EmbeddedDatabase;
import com.modelregistry.testdb.AuthResource;
import com.modelregistry.testdb.ServiceProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 15: three packaged instances started at the same moment on an empty database, as a Deployment's replicas start
 * on a new install, migrate it once, make the admin once and all get ready.
 */
class StartingTogetherIT {

    private static final int INSTANCES = 3;

    private EmbeddedDatabase database;
    private final List<ServiceProcess> instances = new ArrayList<>();

    @BeforeEach
    void emptyDatabase() throws Exception {
        database = EmbeddedDatabase.start(Files.createTempDirectory("model-registry-together-db"), false);
    }

    @AfterEach
    void stopAll() throws Exception {
        try {
            for (ServiceProcess instance : instances) {
                instance.close();
            }
        } finally {
            database.stop();
        }
    }

    @Test
    void threeInstancesStartedAtOnceOnAnEmptyDatabaseMigrateOnceMakeOneAdminAndAllGetReady() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(INSTANCES);
        CountDownLatch go = new CountDownLatch(1);
        try {
            List<Future<ServiceProcess>> starting = new ArrayList<>();
            for (int i = 0; i < INSTANCES; i++) {
                starting.add(pool.submit(() -> {
                    go.await();
                    return ServiceProcess.startOn(database);
                }));
            }
            go.countDown();
            List<String> failures = new ArrayList<>();
            for (Future<ServiceProcess> start : starting) {
                try {
                    instances.add(start.get(240, TimeUnit.SECONDS));
                } catch (Exception failed) {
                    failures.add(failed.toString());
                }
            }
            if (!failures.isEmpty()) {
                List<String> sessions = new ArrayList<>();
                query("select pid, state, wait_event_type, wait_event, left(query, 120) from pg_stat_activity "
                        + "where datname = current_database() and pid <> pg_backend_pid()",
                        row -> sessions.add(row.getInt(1) + " " + row.getString(2) + " " + row.getString(3) + "/"
                                + row.getString(4) + ": " + row.getString(5)));
                failures.add("database sessions then: " + sessions);
            }
            assertEquals(List.of(), failures, "instances that did not start");
        } finally {
            pool.shutdownNow();
        }

        Map<String, String> history = new TreeMap<>();
        query("select version, count(*), bool_and(success) from flyway_schema_history where version is not null "
                + "group by version", row -> history.put(row.getString(1), row.getLong(2) + (row.getBoolean(3)
                        ? " success" : " failed")));
        Map<String, String> once = new TreeMap<>();
        migrationVersions().forEach(version -> once.put(version, "1 success"));
        assertEquals(once, history, "flyway_schema_history: applications per version");

        List<Long> admins = new ArrayList<>();
        query("select count(*) from users where username = '" + AuthResource.ADMIN_USERNAME + "'",
                row -> admins.add(row.getLong(1)));
        assertEquals(List.of(1L), admins, "admin accounts");

        for (ServiceProcess instance : instances) {
            assertEquals(200, instance.status("/q/health/ready"), "readiness of " + instance.managementUri());
            // each made sure of the admin in its turn; without the turns, one of them hits the unique username,
            // skips the admin step and says so at ERROR, which is what an operator would then see
            List<String> log = Files.readAllLines(instance.log());
            assertEquals(List.of(), log.stream().filter(line -> line.contains("ERROR")).toList(),
                    "errors in " + instance.log());
            assertEquals(1, log.stream().filter(line -> line.contains(
                    "Admin account " + AuthResource.ADMIN_USERNAME + " is ready")).count(), instance.log().toString());
        }
    }

    /** The versions of the migrations this build ships ("1", "2", ...). */
    private static List<String> migrationVersions() throws Exception {
        try (Stream<Path> files = Files.list(Path.of("src", "main", "resources", "db", "migration"))) {
            return files.map(file -> file.getFileName().toString())
                    .filter(name -> name.matches("V\\d+__.*\\.sql"))
                    .map(name -> name.substring(1, name.indexOf("__")))
                    .toList();
        }
    }

    private interface RowReader {
        void read(ResultSet row) throws Exception;
    }

    private void query(String sql, RowReader reader) throws Exception {
        try (Connection db = DriverManager.getConnection(database.jdbcUrl(), EmbeddedDatabase.USER,
                EmbeddedDatabase.USER);
                Statement statement = db.createStatement();
                ResultSet rows = statement.executeQuery(sql)) {
            while (rows.next()) {
                reader.read(rows);
            }
        }
    }
}
