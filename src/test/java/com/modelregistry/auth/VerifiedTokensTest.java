package com.modelregistry.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.benmanes.caffeine.cache.Ticker;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.jwt.Claims;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.junit.jupiter.api.Test;

/** The memory of verified tokens: never past a token's end, and within its bounds of count and memory. */
class VerifiedTokensTest {

    /** One clock for Caffeine's timer and the wall, moved by the test; starts at a whole second. */
    private static final class Clock implements Ticker {
        long millis = 1_700_000_000_000L;

        @Override
        public long read() {
            return TimeUnit.MILLISECONDS.toNanos(millis);
        }

        long seconds() {
            return millis / 1000;
        }
    }

    /** Just the claims read here: exp and iat. */
    private record Token(long exp, long iat) implements JsonWebToken {
        @Override
        public String getName() {
            return "someone";
        }

        @Override
        public Set<String> getClaimNames() {
            return Set.of(Claims.exp.name(), Claims.iat.name());
        }

        @SuppressWarnings("unchecked")
        @Override
        public <T> T getClaim(String name) {
            if (Claims.exp.name().equals(name)) {
                return (T) Long.valueOf(exp);
            }
            return Claims.iat.name().equals(name) ? (T) Long.valueOf(iat) : null;
        }
    }

    private final Clock clock = new Clock();

    private VerifiedTokens memory(int maxTokens, long maxBytes) {
        return new VerifiedTokens(maxTokens, maxBytes, clock, () -> clock.millis);
    }

    private Token token() {
        return new Token(clock.seconds() + 600, clock.seconds());
    }

    @Test
    void aTokenIsRememberedUntilItsEndAndNotAMomentLonger() {
        VerifiedTokens memory = memory(10, 1 << 20);
        Token token = token();
        memory.remember("t", token, clock.seconds() + 60);

        clock.millis += 59_999;
        assertSame(token, memory.get("t"));
        clock.millis += 1;
        assertNull(memory.get("t"), "answered at its end");
    }

    @Test
    void theWallClockIsCheckedEvenWhenTheTimerHasNotMoved() {
        long[] wall = {clock.millis};
        VerifiedTokens memory = new VerifiedTokens(10, 1 << 20, clock, () -> wall[0]);
        memory.remember("t", token(), clock.seconds() + 60);

        wall[0] += 60_000;
        assertNull(memory.get("t"));
    }

    @Test
    void aTokenWhoseTimeIsUpOrUnknownIsNotRemembered() {
        VerifiedTokens memory = memory(10, 1 << 20);
        memory.remember("ended", token(), clock.seconds());
        memory.remember("unknown", token(), 0);
        assertNull(memory.get("ended"));
        assertNull(memory.get("unknown"));
        assertEquals(0, memory.size());
    }

    @Test
    void aMaximumAgeEndsATokenBeforeItsExpiry() {
        Token token = new Token(1_000 + 3_600, 1_000);
        assertEquals(4_600, TokenVerification.acceptedUntil(token, Optional.empty()));
        assertEquals(1_300, TokenVerification.acceptedUntil(token, Optional.of(300L)));
        assertEquals(4_600, TokenVerification.acceptedUntil(token, Optional.of(7_200L)));
        assertEquals(0, TokenVerification.acceptedUntil(new Token(4_600, 0), Optional.of(300L)), "no iat, no age");
    }

    @Test
    void theCountIsBoundedExactlyWithTheDefaults() {
        int maxTokens = 10_000;
        VerifiedTokens memory = memory(maxTokens, 32L << 20);
        for (int i = 0; i < 2 * maxTokens; i++) {
            memory.remember("t" + i, token(), clock.seconds() + 600);
        }
        assertTrue(memory.size() <= maxTokens, memory.size() + " tokens kept");
    }

    @Test
    void theMemoryIsBoundedWhateverTheTokensWeigh() {
        long maxBytes = 1 << 20;
        VerifiedTokens memory = memory(100, maxBytes);
        String big = "x".repeat(16_000);
        for (int i = 0; i < 500; i++) {
            memory.remember(big + i, token(), clock.seconds() + 600);
        }
        long kept = memory.size();
        assertTrue(kept > 0 && kept * VerifiedTokens.weight(big + 0) <= maxBytes,
                kept + " tokens of " + big.length() + " characters kept");
    }

    @Test
    void boundsThatCannotHoldTheirTokensAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> memory(0, 1 << 20));
        assertThrows(IllegalArgumentException.class, () -> memory(1, 1024), "1 KiB for one token");
        assertThrows(IllegalArgumentException.class, () -> memory(10_000, 16L << 20), "16 MiB for 10,000 tokens");
        assertThrows(IllegalArgumentException.class, () -> memory(1, 4L << 30), "4 GiB for one token");
    }
}
