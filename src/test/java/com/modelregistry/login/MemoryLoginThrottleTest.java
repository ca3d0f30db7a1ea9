package com.modelregistry.login;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class MemoryLoginThrottleTest {

    private static final LoginLimits LIMITS = new LoginLimits(
            FailureLimit.untilTheWindowEnds(50, Duration.ofMinutes(15)),
            FailureLimit.untilTheWindowEnds(5, Duration.ofMinutes(15)),
            new FailureLimit(100, Duration.ofHours(1), Duration.ofSeconds(1), Duration.ofSeconds(60)));

    private final MutableClock clock = new MutableClock();
    private final MemoryLoginThrottle throttle = new MemoryLoginThrottle(LIMITS, clock, 100_000);

    @Test
    void afterFiveFailuresTheAccountWaitsAtThatAddressUntilItsWindowEnds() {
        for (int i = 0; i < 5; i++) {
            assertEquals(Optional.empty(), throttle.attempt("ada", "192.0.2.1"), "attempt " + (i + 1));
            clock.advance(Duration.ofSeconds(10));
        }
        // the window began with the first failure, 50 s ago
        assertEquals(Optional.of(Duration.ofSeconds(850)), throttle.attempt("ada", "192.0.2.1"));
        assertEquals(Optional.empty(), throttle.attempt("ada", "192.0.2.2"), "another address is not refused");
        assertEquals(Optional.empty(), throttle.attempt("grace", "192.0.2.1"), "nor another account");

        clock.advance(Duration.ofSeconds(849));
        assertTrue(throttle.attempt("ada", "192.0.2.1").isPresent());
        clock.advance(Duration.ofSeconds(1));
        assertEquals(Optional.empty(), throttle.attempt("ada", "192.0.2.1"), "a new window");
    }

    @Test
    void aStrangersFailuresLeaveTheOwnerFreeAtTheirOwnAddress() {
        for (int i = 0; i < 30; i++) {
            throttle.attempt("ada", "198.51.100.66");
        }
        assertTrue(throttle.attempt("ada", "198.51.100.66").isPresent());
        assertEquals(Optional.empty(), throttle.attempt("ada", "192.0.2.1"));
    }

    @Test
    void fiftyFailuresFromOneAddressRefuseItWhateverNameItTries() {
        for (int i = 0; i < 50; i++) {
            assertEquals(Optional.empty(), throttle.attempt("made-up-" + i, "203.0.113.9"), "attempt " + (i + 1));
        }
        assertEquals(Optional.of(Duration.ofMinutes(15)), throttle.addressWait("203.0.113.9"));
        assertEquals(Optional.of(Duration.ofMinutes(15)), throttle.attempt("made-up-new", "203.0.113.9"));
        assertEquals(Optional.empty(), throttle.addressWait("203.0.113.10"));
        clock.advance(Duration.ofMinutes(15));
        assertEquals(Optional.empty(), throttle.addressWait("203.0.113.9"));
    }

    @Test
    void successesDoNotCountAgainstTheirAddress() {
        // one office behind one address: many people logging in all day
        for (int i = 0; i < 500; i++) {
            assertEquals(Optional.empty(), throttle.attempt("person-" + i, "192.0.2.50"), "login " + (i + 1));
            throttle.succeeded("person-" + i, "192.0.2.50");
        }
        assertEquals(Optional.empty(), throttle.addressWait("192.0.2.50"));
    }

    @Test
    void pastTheAccountCeilingEachTryWaitsLongerUpToTheCap() {
        for (int i = 0; i < 100; i++) {
            assertEquals(Optional.empty(), throttle.attempt("ada", "10.0.0." + i), "failure " + (i + 1));
        }
        List<Long> delays = new ArrayList<>();
        for (int i = 0; i < 9; i++) {
            Duration wait = throttle.attempt("ada", "10.0.1." + i).orElseThrow();
            assertEquals(wait, throttle.attempt("ada", "10.0.2." + i).orElseThrow(), "a refused try adds nothing");
            delays.add(wait.toSeconds());
            clock.advance(wait);
            assertEquals(Optional.empty(), throttle.attempt("ada", "10.0.3." + i));
        }
        assertEquals(List.of(1L, 2L, 4L, 8L, 16L, 32L, 60L, 60L, 60L), delays);
    }

    @Test
    void aSuccessForgetsTheAccountsFailures() {
        for (int i = 0; i < 100; i++) {
            throttle.attempt("ada", "10.0.0." + i);
        }
        for (int i = 0; i < 5; i++) {
            throttle.attempt("grace", "192.0.2.1");
        }
        assertTrue(throttle.attempt("ada", "192.0.2.1").isPresent());
        clock.advance(Duration.ofSeconds(1));
        assertEquals(Optional.empty(), throttle.attempt("ada", "192.0.2.1"));
        throttle.succeeded("ada", "192.0.2.1");
        assertEquals(Optional.empty(), throttle.attempt("ada", "192.0.2.2"));
        assertTrue(throttle.attempt("grace", "192.0.2.1").isPresent(), "other accounts keep their counts");
    }

    @Test
    void countsStayBoundedAndTheOldestMakeRoomOneByOne() {
        MemoryLoginThrottle small = new MemoryLoginThrottle(LIMITS, clock, 300);
        for (int i = 0; i < 5; i++) {
            small.attempt("ada", "192.0.2.1");
        }
        for (int i = 0; i < 10_000; i++) {
            clock.advance(Duration.ofMillis(1));
            small.attempt("sprayed-" + i, "198.51.100." + (i % 200));
            assertTrue(small.size() <= 300, "size " + small.size());
        }
        assertEquals(Optional.empty(), small.attempt("ada", "192.0.2.1"), "the oldest counts made room");

        for (int i = 0; i < 5; i++) {
            small.attempt("grace", "192.0.2.2");
        }
        for (int i = 0; i < 50; i++) {
            small.attempt("sprayed-again-" + i, "203.0.113." + i);
        }
        assertTrue(small.attempt("grace", "192.0.2.2").isPresent(), "recent counts stay: nothing is wiped at once");
    }

    @Test
    void countsIdleForLongerThanEveryWindowAreForgotten() {
        for (int i = 0; i < 200; i++) {
            throttle.attempt("name-" + i, "192.0.2." + i);
        }
        clock.advance(Duration.ofHours(1));
        throttle.attempt("ada", "192.0.2.1");
        assertEquals(3, throttle.size());
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
