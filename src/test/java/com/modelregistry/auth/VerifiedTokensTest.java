package com.modelregistry.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.benmanes.caffeine.cache.Ticker;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.jwt.Claims;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.junit.jupiter.api.Test;

/** The memory of verified tokens: never past a token's exp, and within its bounds of count and memory. */
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

    /** Just the claims the memory reads. */
    private record Verified(long exp) implements JsonWebToken {
        @Override
        public String getName() {
            return "someone";
        }

        @Override
        public Set<String> getClaimNames() {
            return Set.of(Claims.exp.name());
        }

        @SuppressWarnings("unchecked")
        @Override
        public <T> T getClaim(String name) {
            return Claims.exp.name().equals(name) ? (T) Long.valueOf(exp) : null;
        }
    }

    private final Clock clock = new Clock();

    private VerifiedTokens memory(int maxTokens, long maxBytes) {
        return new VerifiedTokens(maxTokens, maxBytes, clock, () -> clock.millis);
    }

    @Test
    void aTokenIsRememberedUntilItsExpiryAndNotAMomentLonger() {
        VerifiedTokens memory = memory(10, 1 << 20);
        Verified token = new Verified(clock.seconds() + 60);
        memory.remember("t", token);

        clock.millis += 59_999;
        assertSame(token, memory.get("t"));
        clock.millis += 1;
        assertNull(memory.get("t"), "answered at its exp");
    }

    @Test
    void theWallClockIsCheckedEvenWhenTheTimerHasNotMoved() {
        long[] wall = {clock.millis};
        VerifiedTokens memory = new VerifiedTokens(10, 1 << 20, clock, () -> wall[0]);
        memory.remember("t", new Verified(clock.seconds() + 60));

        wall[0] += 60_000;
        assertNull(memory.get("t"));
    }

    @Test
    void anExpiredTokenOrOneWithoutExpiryIsNotRemembered() {
        VerifiedTokens memory = memory(10, 1 << 20);
        memory.remember("expired", new Verified(clock.seconds()));
        memory.remember("no exp", new Verified(0));
        assertNull(memory.get("expired"));
        assertNull(memory.get("no exp"));
        assertEquals(0, memory.cache().estimatedSize());
    }

    @Test
    void theCountIsBounded() {
        VerifiedTokens memory = memory(100, 1 << 30);
        for (int i = 0; i < 5_000; i++) {
            memory.remember("token-" + i, new Verified(clock.seconds() + 600));
        }
        memory.cache().cleanUp();
        assertTrue(memory.cache().estimatedSize() <= 100, memory.cache().estimatedSize() + " tokens kept");
    }

    @Test
    void theMemoryIsBoundedWhateverTheTokensWeigh() {
        long maxBytes = 1 << 20;
        VerifiedTokens memory = memory(10_000, maxBytes);
        String big = "x".repeat(16_000);
        for (int i = 0; i < 500; i++) {
            memory.remember(big + i, new Verified(clock.seconds() + 600));
        }
        memory.cache().cleanUp();
        long weighed = memory.cache().policy().eviction().orElseThrow().weightedSize().orElseThrow();
        assertTrue(weighed <= maxBytes, weighed + " bytes kept");
        assertTrue(memory.cache().estimatedSize() * VerifiedTokens.weight(big + 0) <= maxBytes,
                memory.cache().estimatedSize() + " tokens of " + big.length() + " characters kept");
    }

    @Test
    void boundsThatCannotHoldATokenAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> memory(0, 1 << 20));
        assertThrows(IllegalArgumentException.class, () -> memory(100, 10));
    }
}
