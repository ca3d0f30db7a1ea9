-- Every instance caches users' token versions (auth/TokenRevocation) and listens on this channel
-- (auth/RevocationNotices): a raised token version or a deleted user notifies them all when the change commits, so
-- that each forgets the user at once. Done here rather than in the service so that no write, however made, can forget
-- it. The payload is the user's id and nothing else; NOTIFY is sent on commit and not at all on rollback.
CREATE FUNCTION notify_token_revocation() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('token_revocation', OLD.id::text);
    RETURN NULL;
END
$$;

CREATE TRIGGER users_token_version_raised AFTER UPDATE OF token_version ON users
    FOR EACH ROW WHEN (NEW.token_version IS DISTINCT FROM OLD.token_version)
    EXECUTE FUNCTION notify_token_revocation();

CREATE TRIGGER users_deleted AFTER DELETE ON users
    FOR EACH ROW EXECUTE FUNCTION notify_token_revocation();
