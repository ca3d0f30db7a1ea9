package com.modelregistry.common.db;

import io.netty.channel.ConnectTimeoutException;
import io.vertx.core.VertxException;
import io.vertx.core.http.ConnectionPoolTooBusyException;
import io.vertx.core.impl.NoStackTraceThrowable;
import io.vertx.core.impl.NoStackTraceTimeoutException;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.ClosedConnectionException;
import jakarta.persistence.OptimisticLockException;
import java.io.IOException;
import java.net.SocketException;
import java.nio.channels.ClosedChannelException;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.hibernate.JDBCException;
import org.hibernate.StaleStateException;
import org.hibernate.exception.ConstraintViolationException;

/** Finds which database constraint a failed write broke, so services can answer 409 or 404 instead of 500. */
public final class DatabaseFailures {

    private static final Set<String> SOCKET_WRITE_FAILURES = Set.of("Connection reset by peer", "Broken pipe");

    private DatabaseFailures() {
    }

    /**
     * The SQLSTATE of a statement the database refused, among the failure and its causes, such as 23514 for a check
     * or 22021 for text that is not valid UTF-8.
     */
    public static Optional<String> sqlState(Throwable failure) {
        return causes(failure).map(t -> t instanceof JDBCException jdbc ? jdbc.getSQLState()
                : t instanceof PgException pg ? pg.getSqlState() : null).filter(Objects::nonNull).findFirst();
    }

    /** The name of the violated constraint, if the failure (or one of its causes) is a constraint violation. */
    public static Optional<String> violated(Throwable failure) {
        return violations(failure).map(ConstraintViolationException::getConstraintName).filter(Objects::nonNull)
                .findFirst();
    }

    /**
     * Whether the failure comes from a row that another request changed or deleted meanwhile, or from a transaction
     * PostgreSQL aborted because it collided with another: a deadlock (40P01), such as two users taking each other's
     * usernames at the same moment, or a serialization failure (40001).
     */
    public static boolean concurrentChange(Throwable failure) {
        return causes(failure).anyMatch(t -> t instanceof StaleStateException || t instanceof OptimisticLockException)
                || sqlState(failure).filter(state -> state.equals("40P01") || state.equals("40001")).isPresent();
    }

    private static Stream<ConstraintViolationException> violations(Throwable failure) {
        return causes(failure).filter(ConstraintViolationException.class::isInstance)
                .map(ConstraintViolationException.class::cast);
    }

    /**
     * Whether the failure means the database cannot be reached or gave no connection in time: refused or timed-out
     * connects, connections closed under a request (PostgreSQL stopped or restarting, a backend terminated), SQLSTATE
     * classes 08 (connection), 53 (insufficient resources, such as too many connections) and 57P (operator
     * intervention), or the pool's bounded wait running out. The request
     * is then worth retrying later, so it answers 503, not 500.
     */
    public static boolean unavailable(Throwable failure) {
        // refused, or reset while PostgreSQL shuts down (a ConnectException is a SocketException too)
        return causes(failure).anyMatch(t -> t instanceof SocketException
                // a write on a socket the peer reset: the JDK reports it as a plain IOException with the OS's words
                || t instanceof IOException && SOCKET_WRITE_FAILURES.contains(t.getMessage())
                || t instanceof ClosedChannelException
                || t instanceof ClosedConnectionException
                || t instanceof ConnectTimeoutException
                || t instanceof NoStackTraceTimeoutException
                // what the Vert.x pool fails a request with when its wait for a free connection runs out
                || t instanceof NoStackTraceThrowable && "Timeout".equals(t.getMessage())
                // the same, on the path of a query sent straight to the pool (the token check)
                || t instanceof VertxException && "Timeout waiting for connection".equals(t.getMessage())
                || t instanceof ConnectionPoolTooBusyException
                || t instanceof PgException pg && pg.getSqlState() != null
                        && (pg.getSqlState().startsWith("08") || pg.getSqlState().startsWith("57P")
                        || pg.getSqlState().startsWith("53")));
    }

    /** The failure and its causes, outermost first. */
    private static Stream<Throwable> causes(Throwable failure) {
        return Stream.iterate(failure, Objects::nonNull, t -> t.getCause() == t ? null : t.getCause());
    }
}
