package com.modelregistry.version;

import com.modelregistry.testdb.PostgresResource;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * The version tables read and written straight through JDBC, for what a client cannot see (rows left behind by a
 * cascade) or cannot do yet in this change (point an alias).
 */
public final class VersionDatabase {

    private VersionDatabase() {
    }

    /** Points the alias at the model's version with this number, as PUT /models/{id}/aliases/{alias} would. */
    public static void alias(long modelId, String name, int number) {
        update("insert into model_aliases (model_id, name, version_id, created_at, updated_at)"
                + " select model_id, ?, id, now(), now() from model_versions where model_id = ? and number = ?",
                name, modelId, number);
    }

    static long versionCount(long modelId) {
        return count("select count(*) from model_versions where model_id = ?", modelId);
    }

    static long aliasCount(long modelId) {
        return count("select count(*) from model_aliases where model_id = ?", modelId);
    }

    private static void update(String sql, Object... parameters) {
        try (Connection db = connect(); PreparedStatement statement = prepare(db, sql, parameters)) {
            if (statement.executeUpdate() != 1) {
                throw new IllegalStateException("no row written by " + sql);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static long count(String sql, Object... parameters) {
        try (Connection db = connect(); PreparedStatement statement = prepare(db, sql, parameters);
                ResultSet rows = statement.executeQuery()) {
            rows.next();
            return rows.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Connection connect() throws SQLException {
        return DriverManager.getConnection(PostgresResource.jdbcUrl(), "postgres", "postgres");
    }

    private static PreparedStatement prepare(Connection db, String sql, Object... parameters) throws SQLException {
        PreparedStatement statement = db.prepareStatement(sql);
        for (int i = 0; i < parameters.length; i++) {
            statement.setObject(i + 1, parameters[i]);
        }
        return statement;
    }
}
