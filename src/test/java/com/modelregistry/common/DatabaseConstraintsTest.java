package com.modelregistry.common;

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
class DatabaseConstraintsTest {

    @Test
    void aConnectionResetWhilePostgresShutsDownMeansUnavailable() {
        // what a query in flight fails with when a PostgreSQL restart resets its connection (seen in DatabaseRestartIT)
        assertTrue(DatabaseConstraints.unavailable(new CompletionException(new SocketException("Connection reset"))));
        // the same when the reset meets a write: the JDK's socket write throws a plain IOException (seen in a CI run)
        assertTrue(DatabaseConstraints.unavailable(new CompletionException(new IOException("Connection reset by peer"))));
        assertTrue(DatabaseConstraints.unavailable(new IOException("Broken pipe")));
    }

    @Test
    void refusedAndClosedConnectionsAndOperatorInterventionMeanUnavailable() {
        assertTrue(DatabaseConstraints.unavailable(new ConnectException("Connection refused")));
        assertTrue(DatabaseConstraints.unavailable(ClosedConnectionException.INSTANCE));
        assertTrue(DatabaseConstraints.unavailable(
                new PgException("terminating connection due to administrator command", "FATAL", "57P01", null)));
    }

    @Test
    void failuresThatRetryingWouldNotMendAreNotUnavailability() {
        assertFalse(DatabaseConstraints.unavailable(new IllegalStateException("a bug")));
        assertFalse(DatabaseConstraints.unavailable(new IOException("Request too large")));
        assertFalse(DatabaseConstraints.unavailable(
                new PgException("duplicate key value violates unique constraint", "ERROR", "23505", null)));
    }

    @Test
    void theStateOfARefusedStatementIsFoundAmongTheCauses() {
        // how Hibernate Reactive reports text PostgreSQL refuses as not UTF-8 (seen with a lone surrogate in a login)
        DataException refused = new DataException("error executing SQL statement",
                new SQLException("ERROR: invalid byte sequence for encoding \"UTF8\": 0xac", "22021"));
        assertEquals(Optional.of("22021"), DatabaseConstraints.sqlState(new CompletionException(refused)));
        assertEquals(Optional.empty(), DatabaseConstraints.sqlState(new IllegalStateException("a bug")));
    }
}
