package com.modelregistry.auth;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.modelregistry.Api;
import com.modelregistry.testdb.AuthResource;
import com.modelregistry.testdb.PostgresResource;
import com.modelregistry.testdb.ServiceProcess;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusIntegrationTest;
import io.restassured.http.ContentType;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two packaged instances, A and B, on one database: a token revoked through A is refused by B within 1 s, through the
 * notice PostgreSQL sends on commit, not through B's cache expiring (10 s here, so that the difference shows). When
 * B's listening connection is killed, the cache's lifetime bounds the lag until B listens again.
 */
@QuarkusIntegrationTest
@WithTestResource(PostgresResource.class)
@WithTestResource(AuthResource.class)
class RevocationNoticesIT {

    /** The application_name of the listening connections (auth/RevocationNotices). */
    private static final String LISTENER = "model-registry revocation notices";
    private static final Duration CACHE_LIFETIME = Duration.ofSeconds(10);
    private static final Duration AT_ONCE = Duration.ofSeconds(1);
    /** B waits this long before listening again after its connection is killed, so a revocation falls in the gap. */
    private static final Duration B_RECONNECT_DELAY = Duration.ofSeconds(5);

    private static ServiceProcess a;
    private static ServiceProcess b;

    /** A user registered and logged in through A. */
    record User(long id, String token) {
    }

    @BeforeAll
    static void twoInstances() throws Exception {
        String lifetime = CACHE_LIFETIME.toSeconds() + "S";
        a = ServiceProcess.start(Map.of("registry.auth.revocation-delay", lifetime));
        b = ServiceProcess.start(Map.of("registry.auth.revocation-delay", lifetime,
                "registry.auth.revocation-notices.reconnect-delay", B_RECONNECT_DELAY.toSeconds() + "S"));
    }

    @AfterAll
    static void stop() throws Exception {
        a.close();
        b.close();
    }

    @Test
    void aPasswordChangedThroughOneInstanceRevokesOnTheOtherWithinOneSecond() {
        long slowest = 0;
        for (int trial = 0; trial < 20; trial++) {
            User user = userKnownToB();
            changePasswordThroughA(user);
            long millis = millisUntilBRefuses(user, CACHE_LIFETIME.plusSeconds(5));
            assertTrue(millis < AT_ONCE.toMillis(), "trial " + trial + ": B refused the old token after " + millis + " ms");
            slowest = Math.max(slowest, millis);
        }
        System.out.println("RevocationNoticesIT: over 20 password changes through A, B refused the old token after at"
                + " most " + slowest + " ms");
    }

    @Test
    void deletingAUserThroughOneInstanceRevokesOnTheOtherWithinOneSecond() {
        User user = userKnownToB();
        given().baseUri(a.baseUri()).header("Authorization", "Bearer " + user.token())
                .when().delete("/users/{id}", user.id()).then().statusCode(204);
        long millis = millisUntilBRefuses(user, CACHE_LIFETIME.plusSeconds(5));
        assertTrue(millis < AT_ONCE.toMillis(), "B refused the deleted user's token after " + millis + " ms");
    }

    @Test
    void whileTheListenerIsDownTheCacheLifetimeBoundsTheLagAndAfterItReconnectsNoticesArriveAgain() throws Exception {
        int listeners = listenerCount(new Timestamp(0));
        assertTrue(listeners >= 2, "listening connections of A and B: " + listeners);
        User missed = userKnownToB();

        Timestamp killed;
        try (Connection db = database(); Statement statement = db.createStatement()) {
            try (ResultSet now = statement.executeQuery("select now()")) {
                now.next();
                killed = now.getTimestamp(1);
            }
            statement.execute("select pg_terminate_backend(pid) from pg_stat_activity where application_name = '"
                    + LISTENER + "'");
        }
        changePasswordThroughA(missed);
        assertEquals(200, b.status("/q/health/ready"), "readiness does not depend on the listener");
        long millis = millisUntilBRefuses(missed, CACHE_LIFETIME.plusSeconds(5));
        System.out.println("RevocationNoticesIT: with its listener killed, B refused the old token after " + millis
                + " ms (cache lifetime " + CACHE_LIFETIME.toMillis() + " ms)");

        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (listenerCount(killed) < listeners && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertEquals(listeners, listenerCount(killed), "listening connections opened since the kill");
        User heard = userKnownToB();
        changePasswordThroughA(heard);
        long again = millisUntilBRefuses(heard, CACHE_LIFETIME.plusSeconds(5));
        assertTrue(again < AT_ONCE.toMillis(), "after reconnecting, B refused the old token after " + again + " ms");
    }

    @Test
    void aFloodOfNoticesNeitherStopsTheOtherInstanceServingNorDelaysTheNextRevocation() throws Exception {
        User bystander = userKnownToB();
        String tag = Api.unique("").toLowerCase();
        int users = 10_000;
        int batch = 1_000;
        try (Connection db = database(); Statement statement = db.createStatement()) {
            statement.executeUpdate("insert into users (email, username, password_hash, created_at, updated_at)"
                    + " select 'flood-" + tag + "-' || g || '@example.com', 'flood_" + tag + "_' || g,"
                    + " 'not a hash', now(), now() from generate_series(1, " + users + ") g");
            long start = System.nanoTime();
            try (PreparedStatement raise = db.prepareStatement("update users set token_version = token_version + 1"
                    + " where id in (select id from users where username like ? order by id offset ? limit ?)")) {
                for (int offset = 0; offset < users; offset += batch) {
                    raise.setString(1, "flood\\_" + tag + "\\_%");
                    raise.setInt(2, offset);
                    raise.setInt(3, batch);
                    assertEquals(batch, raise.executeUpdate());
                    // each batch commits on its own: a notice per raised user
                    given().baseUri(b.baseUri()).header("Authorization", "Bearer " + bystander.token())
                            .when().get("/users/me").then().statusCode(200);
                }
            }
            System.out.println("RevocationNoticesIT: " + users + " token versions raised in "
                    + (System.nanoTime() - start) / 1_000_000 + " ms while B kept serving");
            User user = userKnownToB();
            changePasswordThroughA(user);
            long millis = millisUntilBRefuses(user, CACHE_LIFETIME.plusSeconds(5));
            assertTrue(millis < AT_ONCE.toMillis(), "after the flood, B refused the old token after " + millis + " ms");
            statement.executeUpdate("delete from users where username like 'flood\\_" + tag + "\\_%'");
        }
    }

    private static User userKnownToB() {
        String name = Api.unique("notice_");
        long id = given().baseUri(a.baseUri()).contentType(ContentType.JSON)
                .body(Map.of("email", name + "@example.com", "username", name, "password", Api.PASSWORD))
                .when().post("/users").then().statusCode(201).extract().jsonPath().getLong("id");
        String token = given().baseUri(a.baseUri()).contentType(ContentType.JSON)
                .body(Map.of("username", name, "password", Api.PASSWORD))
                .when().post("/auth/token").then().statusCode(200).extract().jsonPath().getString("accessToken");
        // B reads and caches the user's token version now: only a notice makes it forget before the lifetime ends
        given().baseUri(b.baseUri()).header("Authorization", "Bearer " + token)
                .when().get("/users/me").then().statusCode(200);
        return new User(id, token);
    }

    private static void changePasswordThroughA(User user) {
        given().baseUri(a.baseUri()).header("Authorization", "Bearer " + user.token())
                .contentType(ContentType.JSON).body(Map.of("password", "another " + Api.PASSWORD))
                .when().patch("/users/{id}", user.id()).then().statusCode(200);
    }

    /** Milliseconds from now (A has answered, so the change is committed) until B answers 401 to the user's token. */
    private static long millisUntilBRefuses(User user, Duration timeout) {
        long start = System.nanoTime();
        long deadline = start + timeout.toNanos();
        int status;
        do {
            status = given().baseUri(b.baseUri()).header("Authorization", "Bearer " + user.token())
                    .when().get("/users/me").then().extract().statusCode();
            // a deleted user's token that B still accepts gets 404 from /users/me, not 401
        } while (status != 401 && System.nanoTime() < deadline);
        assertEquals(401, status, "B still accepts the revoked token after " + timeout);
        return (System.nanoTime() - start) / 1_000_000;
    }

    /** Listening connections (of every instance on the test database) opened after {@code since}. */
    private static int listenerCount(Timestamp since) throws SQLException {
        try (Connection db = database(); PreparedStatement count = db.prepareStatement(
                "select count(*) from pg_stat_activity where application_name = ? and backend_start > ?")) {
            count.setString(1, LISTENER);
            count.setTimestamp(2, since);
            try (ResultSet rows = count.executeQuery()) {
                rows.next();
                return rows.getInt(1);
            }
        }
    }

    private static Connection database() throws SQLException {
        return DriverManager.getConnection(PostgresResource.jdbcUrl(), "postgres", "postgres");
    }
}
