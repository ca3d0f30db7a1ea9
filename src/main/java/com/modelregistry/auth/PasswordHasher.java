package com.modelregistry.auth;

import io.quarkus.elytron.security.common.BcryptUtil;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.mutiny.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * bcrypt costs about 80 ms of CPU, so it runs on a worker thread and its result comes back on the caller's Vert.x
 * context, where the reactive session lives. Hashing on an event-loop thread is refused outright. Every bcrypt call
 * of the service goes through this class (a test checks that no other class calls bcrypt).
 */
@ApplicationScoped
public class PasswordHasher {

    private final Vertx vertx;

    public PasswordHasher(Vertx vertx) {
        this.vertx = vertx;
    }

    public Uni<String> hash(String password) {
        return vertx.executeBlocking(() -> hashNow(password), false);
    }

    public Uni<Boolean> matches(String password, String hash) {
        return vertx.executeBlocking(() -> matchesNow(password, hash), false);
    }

    /** For start-up code on the main thread; request paths use {@link #hash}. */
    public static String hashNow(String password) {
        refuseEventLoop();
        return BcryptUtil.bcryptHash(password);
    }

    /** For start-up code on the main thread; request paths use {@link #matches}. */
    public static boolean matchesNow(String password, String hash) {
        refuseEventLoop();
        return BcryptUtil.matches(password, hash);
    }

    private static void refuseEventLoop() {
        if (Context.isOnEventLoopThread()) {
            throw new IllegalStateException("bcrypt must not run on a Vert.x event-loop thread");
        }
    }
}
