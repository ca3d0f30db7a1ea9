package com.modelregistry.login;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.modelregistry.Api;
import com.modelregistry.Api.Account;
import com.modelregistry.testdb.AuthResource;
import com.modelregistry.testdb.PostgresResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * What the fleet-wide login counts cost the database, counted by PostgreSQL itself (pg_stat_statements, which the
 * test database loads): one statement for a failed login, none for a request that carries a token. The counts go
 * through the reactive pool, which Hibernate's SQL log (testdb/SqlRecorder) does not see.
 */
@QuarkusTest
@WithTestResource(PostgresResource.class)
@WithTestResource(AuthResource.class)
class LoginStatementsTest {

    @Test
    void aFailedLoginCostsOneCountingStatementAndARequestWithATokenNone() throws SQLException {
        Account ada = Api.newUser();
        try (Connection db = DriverManager.getConnection(PostgresResource.jdbcUrl(), "postgres", "postgres");
                Statement sql = db.createStatement()) {
            sql.execute("create extension if not exists pg_stat_statements");

            sql.execute("select pg_stat_statements_reset()");
            login(ada.username(), "not the password").then().statusCode(401);
            assertEquals(Map.of("login_attempt", 1L), countingStatements(sql), "a failed login");

            sql.execute("select pg_stat_statements_reset()");
            ada.request().when().get("/users/me").then().statusCode(200);
            assertEquals(Map.of(), countingStatements(sql), "a request with a token");

            sql.execute("select pg_stat_statements_reset()");
            login(ada.username(), Api.PASSWORD).then().statusCode(200);
            assertEquals(Map.of("login_attempt", 1L, "login_succeeded", 1L), countingStatements(sql),
                    "a successful login: counted before its password is checked, then taken back");
        }
    }

    private static Response login(String username, String password) {
        return given().contentType(ContentType.JSON).body(Map.of("username", username, "password", password))
                .when().post("/auth/token");
    }

    /** Calls per statement that touches the login counts, by the function or table it names. */
    private static Map<String, Long> countingStatements(Statement sql) throws SQLException {
        Map<String, Long> calls = new TreeMap<>();
        try (ResultSet rows = sql.executeQuery("select query, calls from pg_stat_statements "
                + "where query ~ 'login_(attempt|succeeded|failures)' and query !~ 'pg_stat_statements'")) {
            while (rows.next()) {
                String query = rows.getString(1);
                String name = query.contains("login_attempt") ? "login_attempt"
                        : query.contains("login_succeeded") ? "login_succeeded" : query;
                calls.merge(name, rows.getLong(2), Long::sum);
            }
        }
        return calls;
    }
}
