package com.modelregistry.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class LoginThrottleTest {

    private final MutableClock clock = new MutableClock();
    private final LoginThrottle throttle = new LoginThrottle(10, Duration.ofMinutes(5), clock);

    @Test
    void theTenthFailureBlocksUntilTheOldestLeavesTheWindow() {
        for (int i = 0; i < 9; i++) {
            throttle.failed("ada");
            clock.advance(Duration.ofSeconds(10));
        }
        assertEquals(Optional.empty(), throttle.waitFor("ada"));
        throttle.failed("ada");
        assertEquals(Optional.of(Duration.ofSeconds(210)), throttle.waitFor("ada"));

        clock.advance(Duration.ofSeconds(209));
        assertTrue(throttle.waitFor("ada").isPresent());
        clock.advance(Duration.ofSeconds(1));
        assertEquals(Optional.empty(), throttle.waitFor("ada"), "the first failure has left the window");
    }

    @Test
    void failuresOlderThanTheWindowDoNotCount() {
        for (int i = 0; i < 9; i++) {
            throttle.failed("ada");
        }
        clock.advance(Duration.ofMinutes(5));
        throttle.failed("ada");
        assertEquals(Optional.empty(), throttle.waitFor("ada"));
    }

    @Test
    void aSuccessForgetsTheFailuresAndOtherNamesAreUntouched() {
        for (int i = 0; i < 10; i++) {
            throttle.failed("ada");
        }
        assertTrue(throttle.waitFor("ada").isPresent());
        assertEquals(Optional.empty(), throttle.waitFor("grace"));
        throttle.succeeded("ada");
        assertEquals(Optional.empty(), throttle.waitFor("ada"));
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
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }
}
