package com.modelregistry.common;

import com.modelregistry.common.problem.Problem;
import com.modelregistry.common.http.ProblemMapper;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vertx.pgclient.PgException;
import java.sql.SQLException;
import java.util.concurrent.CompletionException;
import org.hibernate.exception.DataException;
import org.jboss.resteasy.reactive.RestResponse;
import org.junit.jupiter.api.Test;

/**
 * Database refusals of the client's own data answer 400: no request over HTTP reaches them past validation. A
 * transaction PostgreSQL aborts for colliding with another answers 409.
 */
class ProblemMapperTest {

    private static RestResponse<Problem> answerTo(String sqlState) {
        DataException refused = new DataException("error executing SQL statement",
                new SQLException("ERROR: refused by PostgreSQL", sqlState));
        return new ProblemMapper().unexpected(new CompletionException(refused));
    }

    @Test
    void textThePostgresEncodingCannotHoldIsABadRequest() {
        // what a lone surrogate in a login's username became before JSON strings were checked (22021)
        assertEquals(400, answerTo("22021").getStatus());
        assertEquals(400, answerTo("22P05").getStatus());
        assertEquals("The request has text that the database cannot store", answerTo("22021").getEntity().detail());
    }

    @Test
    void aValueTooLongForItsColumnIsABadRequest() {
        assertEquals(400, answerTo("22001").getStatus());
    }

    @Test
    void aTransactionAbortedForAConcurrentOneIsAConflict() {
        assertEquals(409, answerTo("40P01").getStatus());
        assertEquals(409, answerTo("40001").getStatus());
        PgException straightFromTheClient = new PgException("deadlock detected", "ERROR", "40P01", null);
        assertEquals(409, new ProblemMapper().unexpected(new CompletionException(straightFromTheClient)).getStatus());
    }

    @Test
    void otherDataErrorsStayUnexpected() {
        // division by zero: the service's own SQL, not the client's input
        assertEquals(500, answerTo("22012").getStatus());
    }
}
