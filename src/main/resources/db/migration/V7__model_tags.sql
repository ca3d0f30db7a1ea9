-- Key/value tags on models, kept in the model's own row: a model view reads them with the model (no extra
-- statement, so ?expand=models stays one statement), and a tag write is one UPDATE of that row, under its lock, which
-- is where the service holds the limit of 50 tags. Adding a column with a constant default rewrites no rows.
ALTER TABLE models ADD COLUMN tags jsonb NOT NULL DEFAULT '{}';
ALTER TABLE models ADD CONSTRAINT models_tags_object CHECK (jsonb_typeof(tags) = 'object');

-- ?tag=key:value (one or several, AND): tags @> '{"key": "value", ...}'. jsonb_path_ops indexes one hash per
-- key/value pair, so a rare tag is found without reading other models; a common tag's first page is read along the
-- newest-first index instead (measured in the commit that added this file).
CREATE INDEX models_tags_idx ON models USING gin (tags jsonb_path_ops);
