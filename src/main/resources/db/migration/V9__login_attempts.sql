-- The login limits' failure counts (login/DatabaseLoginThrottle), shared by every instance so that the limits hold
-- for the fleet, not per instance. One row per key: a client address, an account at an address, or an account. A
-- window starts at a key's first failure and ends window_end; a row past its window_end counts for nothing and is
-- deleted, by the next attempt on its key or by any attempt's bounded sweep (login_attempt below).
CREATE TABLE login_failures (
    key          text        PRIMARY KEY,
    failures     integer     NOT NULL,
    window_start timestamptz NOT NULL,
    last_failure timestamptz NOT NULL,
    window_end   timestamptz NOT NULL
);
CREATE INDEX login_failures_window_end ON login_failures (window_end);

-- How long a key must wait before its next try, in milliseconds (0: none): past max failures, first delay after the
-- latest failure, doubling with each further failure up to max delay, and never past the window's end. A delay as
-- long as the window refuses the key until its window ends.
CREATE FUNCTION login_wait_ms(failures integer, last_failure timestamptz, window_end timestamptz, max_failures integer,
        first_delay_ms bigint, max_delay_ms bigint, now_at timestamptz) RETURNS bigint LANGUAGE sql IMMUTABLE AS $$
    SELECT CASE WHEN window_end <= now_at OR failures < max_failures THEN 0
        ELSE greatest(0, ceil(extract(epoch FROM least(last_failure + interval '1 millisecond'
                * least(first_delay_ms * (2::bigint ^ least(failures - max_failures, 30))::bigint, max_delay_ms),
            window_end) - now_at) * 1000))::bigint END;
$$;

-- An attempt, in one statement: unless a key must still wait, counts a failure for each key. Returns the longest
-- wait of the keys (0: counted), and the first key's (the address's) wait after this attempt, whether it was refused
-- or counted, in milliseconds. The arrays give, per key and in the same order, its limit: max failures, window, first
-- delay and max delay. Two attempts on a common key take turns (an advisory lock per key, in one global order, so
-- they never wait on each other in a cycle), so parallel attempts can never count past a limit.
-- Each attempt that counts also deletes up to 8 rows whose window has ended: it adds at most 3 rows, so rows past
-- their windows cannot pile up while attempts come, and live rows are bounded by the failures within a window.
CREATE FUNCTION login_attempt(keys text[], max_failures integer[], windows_ms bigint[], first_delays_ms bigint[],
        max_delays_ms bigint[], OUT longest_wait_ms bigint, OUT first_wait_ms bigint) LANGUAGE plpgsql AS $$
DECLARE
    lock_key text;
    now_at timestamptz;
    counted login_failures%ROWTYPE;
    wait_ms bigint;
BEGIN
    FOR lock_key IN SELECT k FROM unnest(keys) k ORDER BY hashtext(k), k LOOP
        PERFORM pg_advisory_xact_lock(1515, hashtext(lock_key));
    END LOOP;
    -- read after the locks: a turn's failures are never stamped earlier than the turn before
    now_at := clock_timestamp();
    longest_wait_ms := 0;
    first_wait_ms := 0;
    FOR i IN 1 .. array_length(keys, 1) LOOP
        SELECT * INTO counted FROM login_failures f WHERE f.key = keys[i];
        wait_ms := CASE WHEN FOUND THEN login_wait_ms(counted.failures, counted.last_failure, counted.window_end,
                max_failures[i], first_delays_ms[i], max_delays_ms[i], now_at) ELSE 0 END;
        longest_wait_ms := greatest(longest_wait_ms, wait_ms);
        IF i = 1 THEN
            first_wait_ms := wait_ms;
        END IF;
    END LOOP;
    IF longest_wait_ms > 0 THEN
        RETURN;
    END IF;
    FOR i IN 1 .. array_length(keys, 1) LOOP
        INSERT INTO login_failures AS f (key, failures, window_start, last_failure, window_end)
        VALUES (keys[i], 1, now_at, now_at, now_at + windows_ms[i] * interval '1 millisecond')
        ON CONFLICT (key) DO UPDATE SET
            failures = CASE WHEN f.window_end <= now_at THEN 1 ELSE f.failures + 1 END,
            window_start = CASE WHEN f.window_end <= now_at THEN excluded.window_start ELSE f.window_start END,
            window_end = CASE WHEN f.window_end <= now_at THEN excluded.window_end ELSE f.window_end END,
            last_failure = now_at
        RETURNING * INTO counted;
        IF i = 1 THEN
            first_wait_ms := login_wait_ms(counted.failures, counted.last_failure, counted.window_end,
                    max_failures[i], first_delays_ms[i], max_delays_ms[i], now_at);
        END IF;
    END LOOP;
    -- rows another attempt holds are left to a later sweep: this one never waits for them
    DELETE FROM login_failures WHERE key IN (
        SELECT f.key FROM login_failures f WHERE f.window_end <= now_at LIMIT 8 FOR UPDATE SKIP LOCKED);
END;
$$;

-- A successful login: takes its failure back from the address (the first key), and forgets the other keys (the
-- account at the address, the account). Takes the same locks as login_attempt, so the two never deadlock.
CREATE FUNCTION login_succeeded(address_key text, forgotten_keys text[]) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
    lock_key text;
BEGIN
    FOR lock_key IN SELECT k FROM unnest(address_key || forgotten_keys) k ORDER BY hashtext(k), k LOOP
        PERFORM pg_advisory_xact_lock(1515, hashtext(lock_key));
    END LOOP;
    DELETE FROM login_failures WHERE key = ANY (forgotten_keys) OR key = address_key AND failures <= 1;
    UPDATE login_failures SET failures = failures - 1 WHERE key = address_key AND failures > 1;
END;
$$;
