-- Tokens carry the version current when they were issued; raising it (password, active or role change) revokes them.
ALTER TABLE users ADD COLUMN token_version integer NOT NULL DEFAULT 0;
