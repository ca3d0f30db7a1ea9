package com.modelregistry.login;

import java.time.Instant;

/** Failed logins of one key: how many, since when (its window starts at the first), and when the latest was. */
record FailureCount(int failures, Instant windowStart, Instant lastFailure) {

    static FailureCount first(Instant now) {
        return new FailureCount(1, now, now);
    }

    FailureCount plusOne(Instant now) {
        return new FailureCount(failures + 1, windowStart, now);
    }

    FailureCount minusOne() {
        return new FailureCount(Math.max(0, failures - 1), windowStart, lastFailure);
    }
}
