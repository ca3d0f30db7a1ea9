package com.modelregistry.login;

import java.time.Duration;
import java.util.Optional;

/**
 * Counts failed logins and says how long a client must wait (see {@link LoginLimits}). Counted in memory, per
 * instance, by {@link MemoryLoginThrottle}; a store that all instances share would implement the same three calls.
 */
public interface LoginThrottle {

    /** How long logins from this client address must still wait, if at all. Changes nothing; asked before any lookup. */
    Optional<Duration> addressWait(String address);

    /**
     * In one atomic step: unless the address, the account at the address or the account must still wait, counts this
     * attempt as a failure of all three before its password is checked, so that parallel guesses cannot all slip in
     * while the first ones are checked. Otherwise returns the longest of their waits and counts nothing.
     */
    Optional<Duration> attempt(String account, String address);

    /** The attempt succeeded: takes it back from the address's count and forgets the account's counts. */
    void succeeded(String account, String address);
}
