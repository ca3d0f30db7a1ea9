package com.modelregistry.auth;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.github.benmanes.caffeine.cache.Ticker;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Bearer tokens that passed verification (signature, issuer, expiry), each remembered by its whole text until its
 * {@code exp}, so that a token sent again is not parsed and its signature not checked again. Only what the verifier
 * accepted is put here; a refused token is verified afresh each time it is sent.
 * <p>
 * Bounded twice: by memory, where an entry weighs an estimate of what it holds (the token's text and its parsed
 * claims), and by count, since no entry weighs less than
 * {@code maxBytes / maxTokens}. Past either bound Caffeine evicts the entries least likely to be asked for again.
 * An entry is dropped at its {@code exp}, and a hit is checked against the wall clock as well, so a clock that Caffeine's
 * timer does not follow (the wall clock set back) cannot stretch a token's life.
 */
final class VerifiedTokens {

    /** Parsed claims of a token as the service issues them, on top of the text: an estimate, kept on the high side. */
    static final int CLAIMS_BYTES = 2048;

    private final Cache<String, JsonWebToken> tokens;
    private final LongSupplier epochMillis;

    VerifiedTokens(int maxTokens, long maxBytes) {
        this(maxTokens, maxBytes, Ticker.systemTicker(), System::currentTimeMillis);
    }

    /** With the clocks given, so that a test can move time. */
    VerifiedTokens(int maxTokens, long maxBytes, Ticker ticker, LongSupplier epochMillis) {
        if (maxTokens < 1 || maxBytes < maxTokens) {
            throw new IllegalArgumentException("token cache bounds must be positive (max-tokens " + maxTokens
                    + ", max-memory " + maxBytes + " bytes)");
        }
        long leastWeight = maxBytes / maxTokens;
        this.epochMillis = epochMillis;
        this.tokens = Caffeine.newBuilder()
                .ticker(ticker)
                .maximumWeight(maxBytes)
                .weigher((String text, JsonWebToken token) -> (int) Math.min(Integer.MAX_VALUE,
                        Math.max(leastWeight, weight(text))))
                .expireAfter(new UntilExpiry())
                .recordStats()
                .build();
    }

    /** The verified token for this text, or null when it was not verified here or has expired since. */
    JsonWebToken get(String text) {
        JsonWebToken token = tokens.getIfPresent(text);
        if (token != null && millisLeft(token) <= 0) {
            tokens.invalidate(text);
            return null;
        }
        return token;
    }

    /** Remembers a token the verifier accepted; one already expired (or without {@code exp}) is not kept. */
    void remember(String text, JsonWebToken verified) {
        if (millisLeft(verified) > 0) {
            tokens.put(text, verified);
        }
    }

    /** Forgets every token, for a test or a change of key. */
    void clear() {
        tokens.invalidateAll();
    }

    Cache<String, JsonWebToken> cache() {
        return tokens;
    }

    static long weight(String text) {
        // a token is base64url, so its text takes a byte a character; counted twice, for the key and the parsed copy
        // in case they are not one string
        return 2L * text.length() + CLAIMS_BYTES;
    }

    private long millisLeft(JsonWebToken token) {
        long exp = token.getExpirationTime();
        return exp <= 0 ? 0 : TimeUnit.SECONDS.toMillis(exp) - epochMillis.getAsLong();
    }

    /** Each entry lives until its token's {@code exp}; reading or replacing it does not extend that. */
    private final class UntilExpiry implements Expiry<String, JsonWebToken> {

        @Override
        public long expireAfterCreate(String text, JsonWebToken token, long now) {
            return TimeUnit.MILLISECONDS.toNanos(Math.max(0, millisLeft(token)));
        }

        @Override
        public long expireAfterUpdate(String text, JsonWebToken token, long now, long currentDuration) {
            return expireAfterCreate(text, token, now);
        }

        @Override
        public long expireAfterRead(String text, JsonWebToken token, long now, long currentDuration) {
            return currentDuration;
        }
    }
}
