-- Optimistic concurrency: every update of a user or a model raises its version. Responses carry it as the ETag,
-- and a PATCH with If-Match is refused (412) unless the tag is still current.
ALTER TABLE users ADD COLUMN version bigint NOT NULL DEFAULT 0;
ALTER TABLE models ADD COLUMN version bigint NOT NULL DEFAULT 0;
