package com.modelregistry.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.modelregistry.testdb.AuthResource;
import com.modelregistry.testdb.PostgresResource;
import io.quarkus.elytron.security.common.BcryptUtil;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(PostgresResource.class)
@WithTestResource(AuthResource.class)
class PasswordHasherTest {

    @Inject
    PasswordHasher hasher;

    @Inject
    Vertx vertx;

    record Outcome(String hash, boolean resumedOnEventLoop, Throwable failure) {
    }

    @Test
    void hashingRequestedFromAnEventLoopRunsElsewhereAndResumesOnTheLoop() throws Exception {
        CompletableFuture<Outcome> outcome = new CompletableFuture<>();
        vertx.runOnContext(ignored -> hasher.hash("correct horse battery").subscribe().with(
                hash -> outcome.complete(new Outcome(hash, Context.isOnEventLoopThread(), null)),
                failure -> outcome.complete(new Outcome(null, false, failure))));

        Outcome result = outcome.get(10, TimeUnit.SECONDS);
        assertEquals(null, result.failure());
        assertTrue(result.hash().startsWith("$2a$10$"));
        assertTrue(BcryptUtil.matches("correct horse battery", result.hash()));
        assertTrue(result.resumedOnEventLoop(), "the session-bound work after hashing must be back on the loop");
    }

    @Test
    void bcryptRefusesToRunOnAnEventLoopThread() throws Exception {
        CompletableFuture<Throwable> failure = new CompletableFuture<>();
        vertx.runOnContext(ignored -> {
            try {
                PasswordHasher.hashNow("correct horse battery");
                failure.complete(null);
            } catch (Throwable t) {
                failure.complete(t);
            }
        });
        assertInstanceOf(IllegalStateException.class, failure.get(10, TimeUnit.SECONDS));
    }

    @Test
    void noOtherClassCallsBcrypt() throws Exception {
        try (Stream<Path> sources = Files.walk(
                Path.of("src", "main", "java"))) {
            List<String> callers = sources.filter(path -> path.toString().endsWith(".java"))
                    .filter(path -> !path.endsWith("PasswordHasher.java"))
                    .filter(path -> {
                        try {
                            return Files.readString(path).contains("BcryptUtil");
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                    })
                    .map(Object::toString)
                    .toList();
            assertEquals(List.of(), callers, "bcrypt must go through PasswordHasher, which keeps it off the loop");
        }
    }

    @Test
    void checkingAPasswordAlsoRunsOffTheLoop() throws Exception {
        String hash = BcryptUtil.bcryptHash("correct horse battery");
        CompletableFuture<Boolean> right = new CompletableFuture<>();
        CompletableFuture<Boolean> wrong = new CompletableFuture<>();
        vertx.runOnContext(ignored -> {
            hasher.matches("correct horse battery", hash).subscribe().with(right::complete, right::completeExceptionally);
            hasher.matches("wrong horse battery", hash).subscribe().with(wrong::complete, wrong::completeExceptionally);
        });
        assertTrue(right.get(10, TimeUnit.SECONDS));
        assertFalse(wrong.get(10, TimeUnit.SECONDS));
    }
}
