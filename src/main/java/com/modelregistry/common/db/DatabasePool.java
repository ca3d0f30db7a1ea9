package com.modelregistry.common.db;

import io.quarkus.reactive.pg.client.PgPoolCreator;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import io.vertx.sqlclient.SqlConnectOptions;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The reactive pool as Quarkus configures it, with bounded waits the Quarkus settings do not offer: a request waits
 * at most {@code registry.database.acquire-timeout} for a free connection and a new connection at most
 * {@code registry.database.connect-timeout} for PostgreSQL; past either it answers 503 instead of hanging.
 * The pool is built from the static connect options, so a Quarkus credentials provider (rotating passwords) would
 * not be consulted: this service configures the password directly. The connect options are kept for the one
 * connection that lives outside the pool (auth/RevocationNotices), so that it reaches the same database the same way.
 */
@Singleton
public class DatabasePool implements PgPoolCreator {

    private final Duration acquireTimeout;
    private final Duration connectTimeout;
    private volatile PgConnectOptions firstTarget;

    public DatabasePool(@ConfigProperty(name = "registry.database.acquire-timeout") Duration acquireTimeout,
            @ConfigProperty(name = "registry.database.connect-timeout") Duration connectTimeout) {
        this.acquireTimeout = acquireTimeout;
        this.connectTimeout = connectTimeout;
    }

    @Override
    public Pool create(Input input) {
        PoolOptions options = input.poolOptions()
                .setConnectionTimeout((int) acquireTimeout.toMillis())
                .setConnectionTimeoutUnit(TimeUnit.MILLISECONDS);
        List<SqlConnectOptions> targets = new ArrayList<>();
        for (PgConnectOptions target : input.pgConnectOptionsList()) {
            targets.add(target.setConnectTimeout((int) connectTimeout.toMillis()));
        }
        firstTarget = input.pgConnectOptionsList().get(0);
        return PgBuilder.pool().with(options).connectingTo(targets).using(input.vertx()).build();
    }

    /** A copy of the options the pool connects with (its first target); empty until the pool is created. */
    public Optional<PgConnectOptions> connectOptions() {
        PgConnectOptions target = firstTarget;
        return target == null ? Optional.empty() : Optional.of(new PgConnectOptions(target));
    }
}
