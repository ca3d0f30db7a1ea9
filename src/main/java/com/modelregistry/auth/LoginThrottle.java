package com.modelregistry.auth;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Slows down password guessing: after {@code max-failures} failed logins for one account within {@code window},
 * further attempts are refused until the oldest of those failures leaves the window. Counted per instance, in memory.
 */
@ApplicationScoped
public class LoginThrottle {

    private static final int MAX_TRACKED_ACCOUNTS = 100_000;

    private final int maxFailures;
    private final Duration window;
    private final Clock clock;
    private final Map<String, Deque<Instant>> failures = new ConcurrentHashMap<>();

    @Inject
    public LoginThrottle(@ConfigProperty(name = "registry.auth.login.max-failures") int maxFailures,
            @ConfigProperty(name = "registry.auth.login.failure-window") Duration window) {
        this(maxFailures, window, Clock.systemUTC());
    }

    LoginThrottle(int maxFailures, Duration window, Clock clock) {
        this.maxFailures = maxFailures;
        this.window = window;
        this.clock = clock;
    }

    /**
     * Counts an attempt as a failure before its password is checked, so that parallel guesses cannot all slip in
     * while the first ones are being checked; {@link #succeeded} clears the count. Returns how long to wait instead,
     * without counting, if the account already failed too often.
     */
    public Optional<Duration> attempt(String account) {
        Instant now = clock.instant();
        if (failures.size() >= MAX_TRACKED_ACCOUNTS) {
            forgetExpired(now);
        }
        Deque<Instant> recent = failures.computeIfAbsent(account, name -> new ArrayDeque<>());
        synchronized (recent) {
            dropExpired(recent, now);
            if (recent.size() >= maxFailures) {
                return Optional.of(Duration.between(now, recent.peekFirst().plus(window)));
            }
            recent.addLast(now);
            return Optional.empty();
        }
    }

    public void succeeded(String account) {
        failures.remove(account);
    }

    private void dropExpired(Deque<Instant> recent, Instant now) {
        while (!recent.isEmpty() && !recent.peekFirst().plus(window).isAfter(now)) {
            recent.removeFirst();
        }
    }

    private void forgetExpired(Instant now) {
        failures.values().removeIf(recent -> {
            synchronized (recent) {
                dropExpired(recent, now);
                return recent.isEmpty();
            }
        });
    }
}
