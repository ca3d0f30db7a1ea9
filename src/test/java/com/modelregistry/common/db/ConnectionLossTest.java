package com.modelregistry.common.db;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.modelregistry.Api.Account;
import com.modelregistry.Api;
import com.modelregistry.testdb.AuthResource;
import com.modelregistry.testdb.PostgresResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Issue 6, fault 6: PostgreSQL closes the service's connections (pg_terminate_backend); the next requests succeed. */
@QuarkusTest
@WithTestResource(PostgresResource.class)
@WithTestResource(AuthResource.class)
class ConnectionLossTest {

    @Test
    void requestsSucceedAfterTheServerKillsEveryConnection() throws Exception {
        Account owner = Api.newUser();
        long model = Api.createModel(owner, "survivor", "sklearn", 0.5);
        for (int round = 0; round < 3; round++) {
            // warm the pool so that there are connections to kill
            for (int i = 0; i < 10; i++) {
                owner.request().when().get("/models/{id}", model).then().statusCode(200);
            }
            assertTrue(terminateOtherBackends() > 0, "no connection of the service was found to kill");
            // the pool notices the closed connections on its event loop: allow it a moment, then every request works
            long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
            while (owner.request().when().get("/models/{id}", model).statusCode() != 200) {
                assertTrue(System.nanoTime() < deadline, "no success within 5 s of the connections being killed");
                Thread.sleep(50);
            }
            for (int i = 0; i < 10; i++) {
                assertEquals(200, owner.request().when().get("/models/{id}", model).statusCode(), "round " + round);
            }
            Api.createModel(owner, "after-kill-" + round, "sklearn", null);
            given().baseUri(PostgresResource.managementUri()).when().get("/q/health/ready").then().statusCode(200);
        }
    }

    private static int terminateOtherBackends() throws Exception {
        try (Connection db = DriverManager.getConnection(PostgresResource.jdbcUrl(), "postgres", "postgres");
                Statement statement = db.createStatement();
                ResultSet killed = statement.executeQuery("select count(*) filter (where pg_terminate_backend(pid)) "
                        + "from pg_stat_activity where backend_type = 'client backend' and pid <> pg_backend_pid() "
                        + "and datname = current_database()")) {
            killed.next();
            return killed.getInt(1);
        }
    }
}
