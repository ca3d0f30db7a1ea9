package com.modelregistry.login;

import java.time.Duration;

/**
 * How many failures one key may have within its window, and then how long each further try waits after the latest
 * failure: {@code firstDelay}, doubling with each failure up to {@code maxDelay}, and never past the window's end.
 * A delay as long as the window refuses the key until its window ends. Applied by the database (V9's
 * {@code login_attempt}), where the counts are.
 */
record FailureLimit(int maxFailures, Duration window, Duration firstDelay, Duration maxDelay) {

    static FailureLimit untilTheWindowEnds(int maxFailures, Duration window) {
        return new FailureLimit(maxFailures, window, window, window);
    }
}
