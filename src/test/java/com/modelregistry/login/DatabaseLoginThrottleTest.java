package com.modelregistry.login;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.modelregistry.Api;
import com.modelregistry.common.db.DatabaseFailures;
import com.modelregistry.testdb.AuthResource;
import com.modelregistry.testdb.PostgresResource;
import com.modelregistry.testdb.ServiceProcess;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The counts in PostgreSQL, with the default limits: each test names its own accounts and addresses, and moves a
 * count's time back in the table where it needs time to pass.
 */
@QuarkusTest
@WithTestResource(PostgresResource.class)
@WithTestResource(AuthResource.class)
class DatabaseLoginThrottleTest {

    private static final LoginLimits LIMITS = new LoginLimits(
            FailureLimit.untilTheWindowEnds(50, Duration.ofMinutes(15)),
            FailureLimit.untilTheWindowEnds(5, Duration.ofMinutes(15)),
            new FailureLimit(100, Duration.ofHours(1), Duration.ofSeconds(1), Duration.ofSeconds(60)));

    @Inject
    Pool pool;

    @Inject
    Vertx vertx;

    private DatabaseLoginThrottle throttle;
    private String ada;
    private String grace;
    private String address;
    private String otherAddress;

    @BeforeEach
    void fresh() {
        throttle = new DatabaseLoginThrottle(pool, LIMITS, Clock.systemUTC());
        ada = Api.unique("ada_");
        grace = Api.unique("grace_");
        address = Api.unique("192.0.2.");
        otherAddress = Api.unique("192.0.2.");
    }

    @Test
    void afterFiveFailuresTheAccountWaitsAtThatAddressUntilItsWindowEnds() {
        for (int i = 0; i < 5; i++) {
            assertEquals(Optional.empty(), attempt(ada, address), "attempt " + (i + 1));
        }
        Duration wait = attempt(ada, address).orElseThrow();
        assertTrue(wait.compareTo(Duration.ofMinutes(14)) > 0 && wait.compareTo(Duration.ofMinutes(15)) <= 0, "" + wait);
        assertEquals(5, failures("pair|" + address + "|" + ada), "a refused attempt counts nothing");
        assertEquals(Optional.empty(), attempt(ada, otherAddress), "another address is not refused");
        assertEquals(Optional.empty(), attempt(grace, address), "nor another account");

        age("pair|" + address + "|" + ada, Duration.ofMinutes(15));
        assertEquals(Optional.empty(), attempt(ada, address), "a new window");
        assertEquals(1, failures("pair|" + address + "|" + ada));
    }

    @Test
    void fiftyFailuresFromOneAddressRefuseItWhateverNameItTriesAndThisInstanceRemembers() {
        for (int i = 0; i < 49; i++) {
            assertEquals(Optional.empty(), attempt(ada + i, address), "attempt " + (i + 1));
        }
        assertEquals(Optional.empty(), throttle.addressWait(address), "below its limit");
        assertEquals(Optional.empty(), attempt(ada + 49, address), "the fiftieth failure is counted");
        assertTrue(throttle.addressWait(address).orElseThrow().compareTo(Duration.ofMinutes(14)) > 0,
                "and reported: this instance refuses the address without asking again");
        DatabaseLoginThrottle anotherInstance = new DatabaseLoginThrottle(pool, LIMITS, Clock.systemUTC());
        assertEquals(Optional.empty(), anotherInstance.addressWait(address), "another instance has to ask");
        assertTrue(anotherInstance.attempt(grace, address).await().indefinitely().isPresent());
        assertTrue(anotherInstance.addressWait(address).isPresent(), "and then knows too");
        assertEquals(Optional.empty(), throttle.addressWait(otherAddress));
        assertEquals(Optional.empty(), attempt(grace, otherAddress));
    }

    @Test
    void pastTheAccountCeilingEachTryWaitsADelayThatDoubles() {
        for (int i = 0; i < 100; i++) {
            assertEquals(Optional.empty(), attempt(ada, address + "." + (i / 5)), "attempt " + (i + 1));
        }
        Duration first = attempt(ada, otherAddress).orElseThrow();
        assertTrue(first.compareTo(Duration.ofSeconds(1)) <= 0 && !first.isZero(), "" + first);
        ageLastFailure("account|" + ada, Duration.ofSeconds(1));
        assertEquals(Optional.empty(), attempt(ada, otherAddress), "the delay is over: counted");
        Duration second = attempt(ada, otherAddress).orElseThrow();
        assertTrue(second.compareTo(Duration.ofSeconds(1)) > 0 && second.compareTo(Duration.ofSeconds(2)) <= 0,
                "" + second);
        assertEquals(101, failures("account|" + ada));
    }

    @Test
    void aSuccessTakesItsFailureBackFromTheAddressAndForgetsTheAccount() {
        for (int i = 0; i < 4; i++) {
            attempt(ada, address);
        }
        attempt(grace, address);
        throttle.succeeded(ada, address).await().indefinitely();
        assertEquals(4, failures("address|" + address));
        assertEquals(0, failures("pair|" + address + "|" + ada));
        assertEquals(0, failures("account|" + ada));
        assertEquals(1, failures("pair|" + address + "|" + grace), "another account's count stays");
        for (int i = 0; i < 5; i++) {
            assertEquals(Optional.empty(), attempt(ada, address), "attempt " + (i + 1) + " after the success");
        }
    }

    @Test
    void eachCountingAttemptDeletesRowsWhoseWindowEndedAFewAtATime() {
        for (int i = 0; i < 20; i++) {
            pool.preparedQuery("insert into login_failures values ($1, 3, now() - interval '2 hours',"
                    + " now() - interval '2 hours', now() - interval '1 hour')")
                    .execute(Tuple.of(Api.unique("address|old-"))).await().indefinitely();
        }
        long before = expiredRows();
        attempt(ada, address);
        assertEquals(Math.max(0, before - 8), expiredRows());
        attempt(ada, address);
        assertEquals(Math.max(0, before - 16), expiredRows());
    }

    @Test
    void parallelGuessesNeverCountPastTheLimit() throws Exception {
        int guesses = 30;
        ExecutorService threads = Executors.newFixedThreadPool(guesses);
        try {
            List<Future<Optional<Duration>>> answers = new ArrayList<>();
            for (int i = 0; i < guesses; i++) {
                answers.add(threads.submit(() -> attempt(ada, address)));
            }
            int letThrough = 0;
            for (Future<Optional<Duration>> answer : answers) {
                letThrough += answer.get(60, TimeUnit.SECONDS).isEmpty() ? 1 : 0;
            }
            assertEquals(5, letThrough);
            assertEquals(5, failures("pair|" + address + "|" + ada));
            assertEquals(5, failures("address|" + address));
        } finally {
            threads.shutdownNow();
        }
    }

    @Test
    void withoutTheDatabaseAnAttemptFailsAsUnavailableAndSoLetsNoTryThrough() throws Exception {
        io.vertx.sqlclient.Pool unreachable = PgBuilder.pool()
                .connectingTo(new PgConnectOptions().setHost("localhost").setPort(ServiceProcess.freePort())
                        .setUser("postgres").setPassword("postgres").setDatabase("postgres"))
                .using(vertx).build();
        try {
            DatabaseLoginThrottle cutOff = new DatabaseLoginThrottle(Pool.newInstance(unreachable), LIMITS,
                    Clock.systemUTC());
            Throwable failure = assertThrows(Throwable.class,
                    () -> cutOff.attempt(ada, address).await().atMost(Duration.ofSeconds(30)));
            assertTrue(DatabaseFailures.unavailable(failure), "answered 503: " + failure);
        } finally {
            unreachable.close();
        }
    }

    private Optional<Duration> attempt(String account, String from) {
        return throttle.attempt(account, from).await().indefinitely();
    }

    private int failures(String key) {
        var rows = pool.preparedQuery("select failures from login_failures where key = $1")
                .execute(Tuple.of(key)).await().indefinitely();
        return rows.size() == 0 ? 0 : rows.iterator().next().getInteger("failures");
    }

    private long expiredRows() {
        Row row = pool.query("select count(*) from login_failures where window_end <= now()")
                .execute().await().indefinitely().iterator().next();
        return row.getLong(0);
    }

    /** As if the key's window had begun {@code by} earlier. */
    private void age(String key, Duration by) {
        pool.preparedQuery("update login_failures set window_start = window_start - $2 * interval '1 millisecond',"
                + " last_failure = last_failure - $2 * interval '1 millisecond',"
                + " window_end = window_end - $2 * interval '1 millisecond' where key = $1")
                .execute(Tuple.of(key, by.toMillis())).await().indefinitely();
    }

    private void ageLastFailure(String key, Duration by) {
        pool.preparedQuery("update login_failures set last_failure = last_failure - $2 * interval '1 millisecond'"
                + " where key = $1").execute(Tuple.of(key, by.toMillis())).await().indefinitely();
    }
}
