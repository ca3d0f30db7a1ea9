package com.modelregistry.auth;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.github.benmanes.caffeine.cache.Ticker;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Bearer tokens that passed verification (signature, issuer, expiry, age), each remembered by its whole text until
 * the moment it would stop passing: its {@code exp}, or earlier when a maximum token age is set. A token sent again
 * is then not parsed and its signature not checked again. Only what the verifier accepted is put here; a refused
 * token is verified afresh each time it is sent.
 * <p>
 * Bounded twice: by memory, where an entry weighs an estimate of what it holds (the token's text and its parsed
 * claims), and by count, since no entry weighs less than {@code maxBytes / maxTokens}, rounded up. Past either bound
 * Caffeine evicts the entries least likely to be asked for again. An entry is dropped at its end by Caffeine's timer,
 * and a hit is checked against the wall clock as well, so a clock that the timer does not follow (the wall clock set
 * back) cannot stretch a token's life. No statistics are kept here: lookups happen before verification, so a
 * stranger sending garbage would steer them; {@link TokenVerification} counts only what it verified.
 */
final class VerifiedTokens {

    /** Parsed claims of a token as the service issues them, on top of the text: an estimate, kept on the high side. */
    static final int CLAIMS_BYTES = 2048;

    /** A verified token and the wall-clock millisecond from which it is no longer accepted. */
    record Verified(JsonWebToken token, long untilMillis) {
    }

    private final Cache<String, Verified> tokens;
    private final LongSupplier epochMillis;

    VerifiedTokens(int maxTokens, long maxBytes) {
        this(maxTokens, maxBytes, Ticker.systemTicker(), System::currentTimeMillis);
    }

    /** With the clocks given, so that a test can move time. */
    VerifiedTokens(int maxTokens, long maxBytes, Ticker ticker, LongSupplier epochMillis) {
        if (maxTokens < 1 || maxBytes / maxTokens < CLAIMS_BYTES) {
            throw new IllegalArgumentException("registry.auth.token-cache: max-memory (" + maxBytes + " bytes) must"
                    + " hold max-tokens (" + maxTokens + ") tokens of at least " + CLAIMS_BYTES + " bytes each");
        }
        long leastWeight = (maxBytes + maxTokens - 1) / maxTokens;
        if (leastWeight > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("registry.auth.token-cache: max-memory / max-tokens must be under 2 GiB");
        }
        this.epochMillis = epochMillis;
        this.tokens = Caffeine.newBuilder()
                .ticker(ticker)
                .maximumWeight(maxBytes)
                .weigher((String text, Verified verified) -> (int) Math.min(Integer.MAX_VALUE,
                        Math.max(leastWeight, weight(text))))
                .expireAfter(new UntilEnd())
                .build();
    }

    /** The verified token for this text, or null when it was not verified here or its time is up. */
    JsonWebToken get(String text) {
        Verified verified = tokens.getIfPresent(text);
        if (verified == null) {
            return null;
        }
        if (millisLeft(verified) <= 0) {
            tokens.invalidate(text);
            return null;
        }
        return verified.token();
    }

    /**
     * Remembers a token the verifier accepted, until {@code untilSeconds} (epoch seconds: its {@code exp}, or its
     * {@code iat} plus the maximum age when that comes first); one whose time is already up is not kept.
     */
    void remember(String text, JsonWebToken token, long untilSeconds) {
        Verified verified = new Verified(token, TimeUnit.SECONDS.toMillis(untilSeconds));
        if (untilSeconds > 0 && millisLeft(verified) > 0) {
            tokens.put(text, verified);
        }
    }

    long size() {
        tokens.cleanUp();
        return tokens.estimatedSize();
    }

    Cache<String, Verified> cache() {
        return tokens;
    }

    static long weight(String text) {
        // a token is base64url, so its text takes a byte a character; counted twice, for the key and the parsed copy
        // in case they are not one string
        return 2L * text.length() + CLAIMS_BYTES;
    }

    private long millisLeft(Verified verified) {
        return verified.untilMillis() - epochMillis.getAsLong();
    }

    /** Each entry lives until its token's end; reading or replacing it does not extend that. */
    private final class UntilEnd implements Expiry<String, Verified> {

        @Override
        public long expireAfterCreate(String text, Verified verified, long now) {
            return TimeUnit.MILLISECONDS.toNanos(Math.max(0, millisLeft(verified)));
        }

        @Override
        public long expireAfterUpdate(String text, Verified verified, long now, long currentDuration) {
            return expireAfterCreate(text, verified, now);
        }

        @Override
        public long expireAfterRead(String text, Verified verified, long now, long currentDuration) {
            return currentDuration;
        }
    }
}
