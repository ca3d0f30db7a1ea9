package com.modelregistry.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class LoginThrottleTest {

    private final MutableClock clock = new MutableClock();
    private final LoginThrottle throttle = new LoginThrottle(10, Duration.ofMinutes(5), clock);

    @Test
    void afterTenFailuresTheAccountWaitsUntilTheOldestLeavesTheWindow() {
        for (int i = 0; i < 10; i++) {
            assertEquals(Optional.empty(), throttle.attempt("ada"), "attempt " + (i + 1));
            clock.advance(Duration.ofSeconds(10));
        }
        // the first failure was 100 s ago: 200 s are left of its window
        assertEquals(Optional.of(Duration.ofSeconds(200)), throttle.attempt("ada"));

        clock.advance(Duration.ofSeconds(199));
        assertTrue(throttle.attempt("ada").isPresent());
        clock.advance(Duration.ofSeconds(1));
        assertEquals(Optional.empty(), throttle.attempt("ada"), "the first failure has left the window");
        assertTrue(throttle.attempt("ada").isPresent(), "the second one has not");
    }

    @Test
    void failuresOlderThanTheWindowDoNotCount() {
        for (int i = 0; i < 9; i++) {
            throttle.attempt("ada");
        }
        clock.advance(Duration.ofMinutes(5));
        throttle.attempt("ada");
        assertEquals(Optional.empty(), throttle.attempt("ada"));
    }

    @Test
    void aSuccessForgetsTheFailuresAndOtherAccountsAreUntouched() {
        for (int i = 0; i < 10; i++) {
            throttle.attempt("ada");
        }
        assertTrue(throttle.attempt("ada").isPresent());
        assertEquals(Optional.empty(), throttle.attempt("grace"));
        throttle.succeeded("ada");
        assertEquals(Optional.empty(), throttle.attempt("ada"));
    }

    private static final class MutableClock extends Clock {
        private Instant now = Instant.parse("2026-01-01T00:00:00Z");

        void advance(Duration step) {
            now = now.plus(step);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }
}
