package com.modelregistry.user;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.modelregistry.Api;
import com.modelregistry.devdb.EmbeddedDatabase;
import com.modelregistry.testdb.ServiceProcess;
import io.restassured.http.ContentType;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 12: start-up's admin step against the packaged jar. Nothing a user can write may stop an instance from
 * starting, and instances started together make one admin.
 */
class AdminStartUpIT {

    private EmbeddedDatabase database;
    private final List<ServiceProcess> instances = new ArrayList<>();

    @BeforeEach
    void emptyDatabase() throws Exception {
        database = EmbeddedDatabase.start(Files.createTempDirectory("model-registry-admin-db"), false);
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
    void threeInstancesStartedAtOnceOnAnEmptyDatabaseMakeOneAdminAndAllGetReady() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try {
            List<Future<ServiceProcess>> starting = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                starting.add(pool.submit(() -> ServiceProcess.startOn(database)));
            }
            List<Throwable> failures = new ArrayList<>();
            for (Future<ServiceProcess> start : starting) {
                try {
                    instances.add(start.get(120, TimeUnit.SECONDS));
                } catch (Exception failed) {
                    failures.add(failed);
                }
            }
            assertEquals(List.of(), failures.stream().map(Throwable::toString).toList(), "instances that did not start");
        } finally {
            pool.shutdownNow();
        }
        assertEquals(1, count("select count(*) from users where role = 'admin'"));
        for (ServiceProcess instance : instances) {
            assertEquals(200, instance.status("/q/health/ready"));
        }
    }

    /** The steps: a stranger registers ops@example.com, then an instance configured with it starts. */
    @Test
    void anInstanceWhoseAdminEmailAStrangerRegisteredStartsAndSaysWhatToDo() throws Exception {
        ServiceProcess first = ServiceProcess.startOn(database, Map.of());
        instances.add(first);
        String email = Api.unique("ops_") + "@example.com";
        given().baseUri(first.baseUri()).contentType(ContentType.JSON)
                .body(Map.of("email", email, "username", Api.unique("squatter_"), "password", Api.PASSWORD))
                .when().post("/users").then().statusCode(201);

        ServiceProcess configured = ServiceProcess.startOn(database,
                Map.of("registry.admin.username", "ops-admin", "registry.admin.email", email));
        instances.add(configured);

        assertEquals(200, configured.awaitStatus("/q/health/ready", Duration.ofSeconds(5), 200));
        List<String> errors = Files.readAllLines(configured.log()).stream()
                .filter(line -> line.contains("ERROR") && line.contains("REGISTRY_ADMIN_EMAIL")).toList();
        assertTrue(!errors.isEmpty(), "no ERROR saying what to do in " + configured.log());
        assertEquals(0, count("select count(*) from users where username = 'ops-admin'"));
    }

    private long count(String query) throws Exception {
        try (Connection db = DriverManager.getConnection(database.jdbcUrl(), "postgres", "postgres");
                Statement statement = db.createStatement();
                ResultSet row = statement.executeQuery(query)) {
            row.next();
            return row.getLong(1);
        }
    }
}
