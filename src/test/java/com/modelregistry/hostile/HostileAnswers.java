package com.modelregistry.hostile;

import com.modelregistry.common.problem.Problem;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;

/** What the hostile-input suite asks of every answer, and how it tells that the database did not change. */
final class HostileAnswers {

    private HostileAnswers() {
    }

    static void assertProblemHead(int status, List<String> head) {
        assertFalse(head.isEmpty(), "no answer");
        assertTrue(head.get(0).contains(" " + status + " "), head.toString());
        assertTrue(head.stream().anyMatch(line -> line.startsWith("content-type: application/problem+json")),
                head.toString());
    }

    static void assertClean(String what, HttpResponse<String> response) {
        assertClean(what, response.statusCode(), response.headers().firstValue("Content-Type").orElse(""),
                response.body());
    }

    /** No 5xx; an error is problem+json and shows nothing that only the server could have written. */
    static void assertClean(String what, int status, String contentType, String body) {
        String answer = what + " -> " + status + " " + HostileRequests.abbreviate(body);
        assertTrue(status < 500, answer);
        if (status >= 400) {
            assertTrue(contentType.startsWith(Problem.MEDIA_TYPE), "not problem+json: " + answer);
            // answers may echo the client's own text (a model named "select ...", an unknown property of that name),
            // so look for what only the server could have written: class names, stack frames, PostgreSQL's messages
            for (String internal : List.of("Exception", "\tat ", "org.hibernate", "com.modelregistry", "io.vertx",
                    "SQLSTATE", "ERROR: ")) {
                assertFalse(body.contains(internal), "leaks internals: " + answer);
            }
        }
    }

    /** A fingerprint of everything stored: users, models and the running counts. */
    static String snapshot(String jdbcUrl) throws Exception {
        try (Connection db = DriverManager.getConnection(jdbcUrl, "postgres", "postgres");
                Statement statement = db.createStatement();
                ResultSet row = statement.executeQuery("select"
                        + " (select md5(coalesce(string_agg(u::text, ',' order by id), '')) from users u)"
                        + " || (select md5(coalesce(string_agg(m::text, ',' order by id), '')) from models m)"
                        + " || (select coalesce(sum(models), 0) from model_counts)"
                        + " || (select md5(coalesce(string_agg(v::text, ',' order by id), '')) from model_versions v)"
                        + " || (select md5(coalesce(string_agg(a::text, ',' order by model_id, name), ''))"
                        + " from model_aliases a)")) {
            row.next();
            return row.getString(1);
        }
    }
}
