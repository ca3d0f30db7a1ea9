package com.modelregistry.common;

import java.time.Duration;

/** The caller must wait before trying again; the wait goes out as {@code Retry-After}. */
public class TooManyRequestsException extends ApiException {

    private final Duration retryAfter;

    public TooManyRequestsException(String detail, Duration retryAfter) {
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
