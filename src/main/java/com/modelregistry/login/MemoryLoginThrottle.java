package com.modelregistry.login;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Optional;

/**
 * The login counts of this instance, in memory and bounded: a count is forgotten once it has gone a whole window
 * without a failure, and past {@link #MAX_COUNTS} the counts changed longest ago go first, one by one, so that a
 * flood of names or addresses can neither grow memory without bound nor wipe every count at once.
 */
@ApplicationScoped
public class MemoryLoginThrottle implements LoginThrottle {

    /** Each count takes a few hundred bytes at most (a login name is 255 characters at most): some tens of MB. */
    static final int MAX_COUNTS = 100_000;

    private final LoginLimits limits;
    private final Clock clock;
    private final int maxCounts;
    /** In the order of their latest failure, oldest first: the order in which they expire or make room. */
    private final LinkedHashMap<String, FailureCount> counts = new LinkedHashMap<>();

    @Inject
    MemoryLoginThrottle(LoginLimits.Settings settings) {
        this(LoginLimits.from(settings), Clock.systemUTC(), MAX_COUNTS);
    }

    MemoryLoginThrottle(LoginLimits limits, Clock clock, int maxCounts) {
        this.limits = limits;
        this.clock = clock;
        this.maxCounts = maxCounts;
    }

    @Override
    public synchronized Optional<Duration> addressWait(String address) {
        return limits.address().wait(counts.get(addressKey(address)), clock.instant());
    }

    @Override
    public synchronized Optional<Duration> attempt(String account, String address) {
        Instant now = clock.instant();
        String[] keys = {addressKey(address), accountAtAddressKey(account, address), accountKey(account)};
        FailureLimit[] limitOfKey = {limits.address(), limits.accountAtAddress(), limits.account()};
        Optional<Duration> longestWait = Optional.empty();
        for (int i = 0; i < keys.length; i++) {
            Optional<Duration> wait = limitOfKey[i].wait(counts.get(keys[i]), now);
            if (wait.isPresent() && (longestWait.isEmpty() || wait.get().compareTo(longestWait.get()) > 0)) {
                longestWait = wait;
            }
        }
        if (longestWait.isPresent()) {
            return longestWait;
        }
        for (int i = 0; i < keys.length; i++) {
            countFailure(keys[i], limitOfKey[i], now);
        }
        forgetOldCounts(now);
        return Optional.empty();
    }

    @Override
    public synchronized void succeeded(String account, String address) {
        String addressKey = addressKey(address);
        FailureCount ofAddress = counts.get(addressKey);
        if (ofAddress != null && ofAddress.failures() <= 1) {
            counts.remove(addressKey);
        } else if (ofAddress != null) {
            // replaced in place: its latest failure, and so its place in the order, stay as they were
            counts.put(addressKey, ofAddress.minusOne());
        }
        counts.remove(accountAtAddressKey(account, address));
        counts.remove(accountKey(account));
    }

    synchronized int size() {
        return counts.size();
    }

    private void countFailure(String key, FailureLimit limit, Instant now) {
        // taken out and put back, so that it moves to the end of the order
        FailureCount before = counts.remove(key);
        counts.put(key, before == null || limit.expired(before, now) ? FailureCount.first(now) : before.plusOne(now));
    }

    private void forgetOldCounts(Instant now) {
        Duration longestWindow = limits.longestWindow();
        Iterator<FailureCount> oldestFirst = counts.values().iterator();
        while (oldestFirst.hasNext()) {
            FailureCount oldest = oldestFirst.next();
            boolean expired = !oldest.lastFailure().plus(longestWindow).isAfter(now);
            if (!expired && counts.size() <= maxCounts) {
                return;
            }
            oldestFirst.remove();
        }
    }

    // an address never contains '|', so no account name can make two keys collide
    private static String addressKey(String address) {
        return "address|" + address;
    }

    private static String accountAtAddressKey(String account, String address) {
        return "pair|" + address + "|" + account;
    }

    private static String accountKey(String account) {
        return "account|" + account;
    }
}
