package com.modelregistry.login;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The login counts of all instances, in PostgreSQL (V9: table {@code login_failures}, functions {@code login_attempt}
 * and {@code login_succeeded}): a failed login costs one statement through the reactive pool, a successful one two
 * (the count, then the clearing). An address at its limit, as the database reports it after an attempt from it on this
 * instance, is also remembered here until its wait ends, so that a flood from it costs this instance neither a lookup
 * nor a statement; at most {@link #MAX_KNOWN_REFUSALS} addresses, past which the database is asked again.
 */
@ApplicationScoped
public class DatabaseLoginThrottle implements LoginThrottle {

    static final int MAX_KNOWN_REFUSALS = 10_000;

    private final Pool pool;
    private final Clock clock;
    private final Integer[] maxFailures;
    private final Long[] windows;
    private final Long[] firstDelays;
    private final Long[] maxDelays;
    private final Map<String, Instant> addressRefusedUntil = new ConcurrentHashMap<>();

    @Inject
    DatabaseLoginThrottle(Pool pool, LoginLimits.Settings settings) {
        this(pool, LoginLimits.from(settings), Clock.systemUTC());
    }

    DatabaseLoginThrottle(Pool pool, LoginLimits limits, Clock clock) {
        this.pool = pool;
        this.clock = clock;
        // in the order of the keys below: the address first, whose own wait the database reports apart
        List<FailureLimit> ofKey = List.of(limits.address(), limits.accountAtAddress(), limits.account());
        maxFailures = ofKey.stream().map(FailureLimit::maxFailures).toArray(Integer[]::new);
        windows = ofKey.stream().map(limit -> limit.window().toMillis()).toArray(Long[]::new);
        firstDelays = ofKey.stream().map(limit -> limit.firstDelay().toMillis()).toArray(Long[]::new);
        maxDelays = ofKey.stream().map(limit -> limit.maxDelay().toMillis()).toArray(Long[]::new);
    }

    @Override
    public Optional<Duration> addressWait(String address) {
        Instant until = addressRefusedUntil.get(address);
        if (until == null) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        if (!until.isAfter(now)) {
            addressRefusedUntil.remove(address, until);
            return Optional.empty();
        }
        return Optional.of(Duration.between(now, until));
    }

    @Override
    public Uni<Optional<Duration>> attempt(String account, String address) {
        String[] keys = {addressKey(address), accountAtAddressKey(account, address), accountKey(account)};
        return pool.preparedQuery("select longest_wait_ms, first_wait_ms from login_attempt($1, $2, $3, $4, $5)")
                .execute(Tuple.of(keys, maxFailures, windows, firstDelays, maxDelays))
                .map(rows -> {
                    Row row = rows.iterator().next();
                    // the address's wait after this attempt: refused, or at its limit with this failure
                    long addressWait = row.getLong("first_wait_ms");
                    if (addressWait > 0) {
                        remember(address, Duration.ofMillis(addressWait));
                    }
                    long longest = row.getLong("longest_wait_ms");
                    return longest > 0 ? Optional.of(Duration.ofMillis(longest)) : Optional.empty();
                });
    }

    @Override
    public Uni<Void> succeeded(String account, String address) {
        return pool.preparedQuery("select login_succeeded($1, $2)")
                .execute(Tuple.of(addressKey(address),
                        new String[] {accountAtAddressKey(account, address), accountKey(account)}))
                // the attempt that reached the address's limit may be this one: its count is below the limit again
                .invoke(() -> addressRefusedUntil.remove(address))
                .replaceWithVoid();
    }

    /**
     * The database refuses the address on every instance till then, unless a login counted before succeeds after:
     * this instance forgets the address when that login is its own, else refuses it longer than the limit says, never
     * shorter.
     */
    private void remember(String address, Duration wait) {
        Instant now = clock.instant();
        if (addressRefusedUntil.size() >= MAX_KNOWN_REFUSALS) {
            addressRefusedUntil.values().removeIf(until -> !until.isAfter(now));
            if (addressRefusedUntil.size() >= MAX_KNOWN_REFUSALS) {
                return;
            }
        }
        addressRefusedUntil.put(address, now.plus(wait));
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
