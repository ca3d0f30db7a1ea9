-- Emails and frameworks are lowercased by the service, with Java's Unicode tables; PostgreSQL's lower() may use
-- other ones, so a check against lower() could refuse a value the service accepted. The service keeps the rule.
ALTER TABLE users DROP CONSTRAINT users_email_lowercase;
ALTER TABLE models DROP CONSTRAINT models_framework_lowercase;
