package com.modelregistry.common.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.ClosedConnectionException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketException;
import java.sql.SQLException;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import org.hibernate.exception.DataException;
import org.junit.jupiter.api.Test;

/** Which failures mean "the database is not there now" (503, retry later), and what else the database refused. */
class DatabaseFailuresTest {

    @Test
    void aConnectionResetWhilePostgresShutsDownMeansUnavailable() {
        // what a query in flight fails with when a PostgreSQL restart resets its connection (seen in DatabaseRestartIT)
        assertTrue(DatabaseFailures.unavailable(new CompletionException(new SocketException("Connection reset"))));
        // the same when the reset meets a write: the JDK's socket write throws a plain IOException (seen in a CI run)
        assertTrue(DatabaseFailures.unavailable(new CompletionException(new IOException("Connection reset by peer"))));
        assertTrue(DatabaseFailures.unavailable(new IOException("Broken pipe")));
    }

    @Test
    void refusedAndClosedConnectionsAndOperatorInterventionMeanUnavailable() {
        assertTrue(DatabaseFailures.unavailable(new ConnectException("Connection refused")));
        assertTrue(DatabaseFailures.unavailable(ClosedConnectionException.INSTANCE));
        assertTrue(DatabaseFailures.unavailable(
                new PgException("terminating connection due to administrator command", "FATAL", "57P01", null)));
    }

    @Test
    void failuresThatRetryingWouldNotMendAreNotUnavailability() {
        assertFalse(DatabaseFailures.unavailable(new IllegalStateException("a bug")));
        assertFalse(DatabaseFailures.unavailable(new IOException("Request too large")));
        assertFalse(DatabaseFailures.unavailable(
                new PgException("duplicate key value violates unique constraint", "ERROR", "23505", null)));
    }

    @Test
    void theStateOfARefusedStatementIsFoundAmongTheCauses() {
        // how Hibernate Reactive reports text PostgreSQL refuses as not UTF-8 (seen with a lone surrogate in a login)
        DataException refused = new DataException("error executing SQL statement",
                new SQLException("ERROR: invalid byte sequence for encoding \"UTF8\": 0xac", "22021"));
        assertEquals(Optional.of("22021"), DatabaseFailures.sqlState(new CompletionException(refused)));
        assertEquals(Optional.empty(), DatabaseFailures.sqlState(new IllegalStateException("a bug")));
    }
}
