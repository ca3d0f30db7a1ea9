package com.modelregistry.testdb;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Records the SQL statements Hibernate sends while it listens, through Hibernate's statement log, so tests count and
 * inspect real statements rather than assume them. Works only in the JVM that runs the service ({@code @QuarkusTest}).
 */
public final class SqlRecorder extends Handler implements AutoCloseable {

    private final Logger sqlLog = Logger.getLogger("org.hibernate.SQL");
    private final List<String> statements = new CopyOnWriteArrayList<>();
    private final Level previousLevel;

    private SqlRecorder() {
        previousLevel = sqlLog.getLevel();
        sqlLog.setLevel(Level.FINE);
        sqlLog.addHandler(this);
    }

    public static SqlRecorder start() {
        return new SqlRecorder();
    }

    public List<String> statements() {
        return List.copyOf(statements);
    }

    public void clear() {
        statements.clear();
    }

    @Override
    public void publish(LogRecord record) {
        statements.add(record.getMessage());
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
        sqlLog.removeHandler(this);
        sqlLog.setLevel(previousLevel);
    }
}
