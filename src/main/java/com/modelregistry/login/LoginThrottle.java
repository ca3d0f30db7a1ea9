package com.modelregistry.login;

import io.smallrye.mutiny.Uni;
import java.time.Duration;
import java.util.Optional;

/**
 * Counts failed logins and says how long a client must wait (see {@link LoginLimits}), for all instances together:
 * {@link DatabaseLoginThrottle} keeps the counts in PostgreSQL.
 */
public interface LoginThrottle {

    /**
     * How long logins from this client address must still wait, as far as this instance already knows without asking
     * the database; asked before any lookup. Empty does not mean the address is free: {@link #attempt} decides.
     */
    Optional<Duration> addressWait(String address);

    /**
     * In one atomic step: unless the address, the account at the address or the account must still wait, counts this
     * attempt as a failure of all three before its password is checked, so that parallel guesses cannot all slip in
     * while the first ones are checked. Otherwise gives the longest of their waits and counts nothing. Fails (and so
     * lets no try through) when the counts cannot be reached.
     */
    Uni<Optional<Duration>> attempt(String account, String address);

    /** The attempt succeeded: takes it back from the address's count and forgets the account's counts. */
    Uni<Void> succeeded(String account, String address);
}
