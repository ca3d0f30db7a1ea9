package com.modelregistry.auth;

import com.modelregistry.common.db.DatabasePool;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.pgclient.PgConnection;
import io.vertx.pgclient.pubsub.PgSubscriber;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Hears, on one connection of its own, the notice PostgreSQL sends on commit when a user's token version is raised or
 * the user is deleted (the trigger of migration V10, payload the user's id), and makes {@link TokenRevocation} forget
 * that user: a token revoked through any instance is refused by all at once. Each notice is handled on the
 * connection's event loop as it is read, with a cache removal and no queue, so a flood costs time, not memory. If the
 * connection drops it is opened again, waiting {@code reconnect-delay}, then twice as long after each failed try up to
 * {@code max-reconnect-delay}; meanwhile the cache's lifetime ({@code revocation-delay}) bounds how long a revoked
 * token lasts, as it would without notices, and once it listens again it forgets every cached user, since a notice
 * sent meanwhile was lost. Readiness does not depend on it: requests are served either way.
 */
@ApplicationScoped
public class RevocationNotices {

    static final String CHANNEL = "token_revocation";
    /** How the connection shows in pg_stat_activity. */
    static final String APPLICATION_NAME = "model-registry revocation notices";
    private static final Logger LOG = Logger.getLogger(RevocationNotices.class);

    private final Vertx vertx;
    private final Pool pool;
    private final DatabasePool databasePool;
    private final TokenRevocation revocation;
    private final Duration firstDelay;
    private final Duration maxDelay;
    private final AtomicBoolean lost = new AtomicBoolean();
    private volatile PgSubscriber subscriber;
    private volatile boolean stopping;
    private volatile String lastFailure;

    public RevocationNotices(Vertx vertx, Pool pool, DatabasePool databasePool, TokenRevocation revocation,
            @ConfigProperty(name = "registry.auth.revocation-notices.reconnect-delay") Duration firstDelay,
            @ConfigProperty(name = "registry.auth.revocation-notices.max-reconnect-delay") Duration maxDelay) {
        this.vertx = vertx;
        this.pool = pool;
        this.databasePool = databasePool;
        this.revocation = revocation;
        this.firstDelay = firstDelay;
        this.maxDelay = maxDelay;
    }

    void listen(@Observes StartupEvent started) {
        // the pool is made on first use; its connect options are the ones this connection copies
        pool.getDelegate();
        PgConnectOptions options = databasePool.connectOptions()
                .orElseThrow(() -> new IllegalStateException("the reactive pool was not made by DatabasePool"))
                .addProperty("application_name", APPLICATION_NAME);
        PgSubscriber made = PgSubscriber.subscriber(vertx, options).reconnectPolicy(this::reconnectDelay);
        made.channel(CHANNEL)
                .subscribeHandler(ignored -> {
                    // without a handler the client prints the failure that ends the connection (a stack trace)
                    PgConnection connection = made.actualConnection();
                    if (connection != null) {
                        connection.exceptionHandler(e -> lastFailure = e.getMessage());
                    }
                    if (lost.compareAndSet(true, false)) {
                        // notices sent while deaf are lost: what was cached before may be stale, so read it again
                        revocation.forgetAll().subscribe().with(
                                done -> LOG.info("Listening for revocation notices again"),
                                e -> LOG.warnf("Listening for revocation notices again, but could not empty the"
                                        + " cache (%s): entries expire within the revocation delay", e.getMessage()));
                    }
                })
                .handler(this::handle);
        subscriber = made;
        connect(0);
    }

    void stop(@Observes ShutdownEvent stopped) {
        stopping = true;
        PgSubscriber made = subscriber;
        if (made != null) {
            // wait (briefly) for the close, which otherwise may complete after Vert.x stopped and log an error
            try {
                made.close().toCompletionStage().toCompletableFuture().get(2, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (ExecutionException | TimeoutException e) {
                LOG.debugf("Closing the revocation listener: %s", e.getMessage());
            }
        }
    }

    /** The first connection; after it, the subscriber reconnects by itself following {@link #reconnectDelay}. */
    private void connect(int failures) {
        if (stopping) {
            return;
        }
        subscriber.connect().onFailure(e -> {
            if (failures == 0) {
                LOG.warnf("Cannot listen for revocation notices yet (%s); retrying, and other instances' revocations"
                        + " reach this one within the revocation delay meanwhile", e.getMessage());
                lost.set(true);
            }
            long delay = reconnectDelay(failures);
            if (delay >= 0) {
                vertx.setTimer(delay, ignored -> connect(failures + 1));
            }
        });
    }

    /** Milliseconds to wait before try {@code failures + 1} after the connection dropped; never gives up. */
    private Long reconnectDelay(Integer failures) {
        if (stopping) {
            return -1L;
        }
        if (failures == 0 && lost.compareAndSet(false, true)) {
            LOG.warnf("Lost the connection that hears revocation notices (%s); reconnecting, and other instances'"
                    + " revocations reach this one within the revocation delay meanwhile", lastFailure);
        }
        long delay = firstDelay.toMillis() << Math.min(failures, 20);
        return Math.max(1, Math.min(delay, maxDelay.toMillis()));
    }

    private void handle(String payload) {
        long userId;
        try {
            userId = Long.parseLong(payload);
        } catch (NumberFormatException e) {
            LOG.debugf("Ignored a revocation notice that is not a user id (%d characters)", payload.length());
            return;
        }
        revocation.forget(userId).subscribe().with(
                ignored -> { },
                e -> LOG.debugf("Could not forget user %d: %s", userId, e.getMessage()));
    }
}
