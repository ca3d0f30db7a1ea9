-- The number of models per framework, kept by the database itself, so that the total of GET /models and of
-- GET /models?framework= is read in constant time instead of counted row by row (linear in the matches).
-- Each framework's count is spread over 16 slots: a writing connection adds to the slot of its backend process, so
-- concurrent writers rarely wait on the same row. The total is the sum of the slots.
-- No model may be written between the count below and the triggers: instances still on the old version keep
-- writing during a rolling deploy, and a write in that gap would be missing from the counts for good.
LOCK TABLE models IN SHARE ROW EXCLUSIVE MODE;

CREATE TABLE model_counts (
    framework varchar(50) NOT NULL,
    slot      smallint    NOT NULL,
    models    bigint      NOT NULL,
    PRIMARY KEY (framework, slot)
);

INSERT INTO model_counts (framework, slot, models)
SELECT framework, 0, count(*) FROM models GROUP BY framework;

-- Statement-level triggers with transition tables: one update per framework per statement, so deleting a user with
-- 100,000 models (the foreign key cascade) changes at most a few counter rows instead of 100,000 times one.
CREATE FUNCTION model_counts_add(changes bigint, framework_changed varchar) RETURNS void LANGUAGE sql AS $$
    INSERT INTO model_counts (framework, slot, models)
    VALUES (framework_changed, (pg_backend_pid() % 16)::smallint, changes)
    ON CONFLICT (framework, slot) DO UPDATE SET models = model_counts.models + excluded.models;
$$;

CREATE FUNCTION model_counts_after_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    -- counter rows are always locked in framework order, so two statements never wait on each other in a cycle
    PERFORM model_counts_add(changed, framework)
    FROM (SELECT framework, count(*) AS changed FROM inserted GROUP BY framework ORDER BY framework) per_framework;
    RETURN NULL;
END $$;

CREATE FUNCTION model_counts_after_delete() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM model_counts_add(-changed, framework)
    FROM (SELECT framework, count(*) AS changed FROM deleted GROUP BY framework ORDER BY framework) per_framework;
    RETURN NULL;
END $$;

CREATE FUNCTION model_counts_after_update() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM model_counts_add(changed, framework) FROM (
        SELECT framework, sum(change) AS changed FROM (
            SELECT d.framework, -1 AS change FROM deleted d JOIN inserted i ON i.id = d.id WHERE i.framework <> d.framework
            UNION ALL
            SELECT i.framework, 1 FROM deleted d JOIN inserted i ON i.id = d.id WHERE i.framework <> d.framework
        ) moved GROUP BY framework ORDER BY framework
    ) per_framework;
    RETURN NULL;
END $$;

CREATE TRIGGER models_counted_insert AFTER INSERT ON models REFERENCING NEW TABLE AS inserted
    FOR EACH STATEMENT EXECUTE FUNCTION model_counts_after_insert();
CREATE TRIGGER models_counted_delete AFTER DELETE ON models REFERENCING OLD TABLE AS deleted
    FOR EACH STATEMENT EXECUTE FUNCTION model_counts_after_delete();
CREATE TRIGGER models_counted_update AFTER UPDATE ON models REFERENCING OLD TABLE AS deleted NEW TABLE AS inserted
    FOR EACH STATEMENT EXECUTE FUNCTION model_counts_after_update();
