package com.modelregistry.common.problem;

import java.time.Duration;

/** The caller must wait before trying again; the wait goes out as {@code Retry-After}. */
public class TooManyRequests extends ApiException {

    private final Duration retryAfter;

    public TooManyRequests(String detail, Duration retryAfter) {
        super(detail, null);
        this.retryAfter = retryAfter;
    }

    @Override
    public int status() {
        return 429;
    }

    /** Whole seconds, rounded up, at least 1. */
    public long retryAfterSeconds() {
        return Math.max(1, (retryAfter.toMillis() + 999) / 1000);
    }
}
