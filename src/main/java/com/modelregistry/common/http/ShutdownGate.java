package com.modelregistry.common.http;

import com.modelregistry.common.problem.Problem;
import com.modelregistry.common.problem.Problems;
import io.quarkus.runtime.ShutdownDelayInitiatedEvent;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.ws.rs.core.HttpHeaders;
import java.time.Duration;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.resteasy.reactive.RestResponse;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Refuses new API requests with 503 once shutdown has begun. On SIGTERM readiness goes DOWN at once and requests are
 * still served for {@code quarkus.shutdown.delay}, while the orchestrator stops routing here; after that, requests in
 * flight may finish but new ones are turned away, so that none starts work that shutdown would cut short.
 */
@ApplicationScoped
public class ShutdownGate {

    private final Duration delay;
    private volatile long closesAtNanos = Long.MAX_VALUE;

    public ShutdownGate(@ConfigProperty(name = "quarkus.shutdown.delay") Optional<Duration> delay) {
        this.delay = delay.orElse(Duration.ZERO);
    }

    void delayStarted(@Observes ShutdownDelayInitiatedEvent event) {
        closesAtNanos = System.nanoTime() + delay.toNanos();
    }

    void shutdownStarted(@Observes ShutdownEvent event) {
        closesAtNanos = Math.min(closesAtNanos, System.nanoTime());
    }

    @ServerRequestFilter(preMatching = true)
    public Optional<RestResponse<Problem>> refuseWhileClosing() {
        if (System.nanoTime() < closesAtNanos) {
            return Optional.empty();
        }
        return Optional.of(Problems.answer(503, "This instance is shutting down; retry elsewhere", null)
                .header(HttpHeaders.RETRY_AFTER, 1)
                .build());
    }
}
