package com.modelregistry.user;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.modelregistry.Api;
import com.modelregistry.testdb.PostgresResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Counts the SQL statements Hibernate sends, by listening to its statement log, rather than assuming. */
@QuarkusTest
@WithTestResource(PostgresResource.class)
class ExpandModelsStatementsTest {

    private final Logger sqlLog = Logger.getLogger("org.hibernate.SQL");
    private final List<String> statements = new CopyOnWriteArrayList<>();
    private final Handler recorder = new Handler() {
        @Override
        public void publish(LogRecord record) {
            statements.add(record.getMessage());
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };
    private Level previousLevel;

    @BeforeEach
    void listen() {
        previousLevel = sqlLog.getLevel();
        sqlLog.setLevel(Level.FINE);
        sqlLog.addHandler(recorder);
    }

    @AfterEach
    void stopListening() {
        sqlLog.removeHandler(recorder);
        sqlLog.setLevel(previousLevel);
    }

    @Test
    void expandingModelsIssuesASingleStatement() {
        long owner = Api.createUser();
        for (int i = 0; i < 5; i++) {
            Api.createModel(owner, "model-" + i, "sklearn", 0.5);
        }
        statements.clear();

        given().when().get("/users/{id}?expand=models", owner)
                .then().statusCode(200).body("models.size()", equalTo(5));

        assertEquals(1, statements.size(), "statements: " + statements);
        assertEquals(true, statements.get(0).contains("join"), "statements: " + statements);
    }

    @Test
    void theListenerSeesEveryStatementOfARequest() {
        long owner = Api.createUser();
        statements.clear();

        given().when().get("/users/{id}/models", owner).then().statusCode(200);

        // existence check, page, count: proves that the single statement above is not a blind spot
        assertEquals(3, statements.size(), "statements: " + statements);
    }
}
