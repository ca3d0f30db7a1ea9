package com.modelregistry.login;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * How many failures one key may have within its window, and then how long each further try waits after the latest
 * failure: {@code firstDelay}, doubling with each failure up to {@code maxDelay}, and never past the window's end.
 * A delay as long as the window refuses the key until its window ends.
 */
record FailureLimit(int maxFailures, Duration window, Duration firstDelay, Duration maxDelay) {

    /** Doubling past this would only ever give the cap; it also keeps the shift from overflowing. */
    private static final int MAX_DOUBLINGS = 30;

    static FailureLimit untilTheWindowEnds(int maxFailures, Duration window) {
        return new FailureLimit(maxFailures, window, window, window);
    }

    boolean expired(FailureCount count, Instant now) {
        return !count.windowStart().plus(window).isAfter(now);
    }

    /** How long the key must wait before its next try, if at all; a missing count is no failure. */
    Optional<Duration> wait(FailureCount count, Instant now) {
        if (count == null || expired(count, now) || count.failures() < maxFailures) {
            return Optional.empty();
        }
        int doublings = Math.min(count.failures() - maxFailures, MAX_DOUBLINGS);
        Duration delay = firstDelay.multipliedBy(1L << doublings);
        if (delay.compareTo(maxDelay) > 0) {
            delay = maxDelay;
        }
        Instant afterDelay = count.lastFailure().plus(delay);
        Instant windowEnd = count.windowStart().plus(window);
        Instant until = afterDelay.isBefore(windowEnd) ? afterDelay : windowEnd;
        return until.isAfter(now) ? Optional.of(Duration.between(now, until)) : Optional.empty();
    }
}
