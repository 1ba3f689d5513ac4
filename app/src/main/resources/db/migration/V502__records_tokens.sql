-- API tokens of records systems that record received requests (POST /api/v1/decisions with
-- "Authorization: Bearer ..."). Only the SHA-256 of a token is kept; the token is shown once.
CREATE TABLE records_token (
  id          BIGSERIAL   PRIMARY KEY,
  name        TEXT        NOT NULL UNIQUE CHECK (name ~ '^[A-Za-z0-9][A-Za-z0-9._-]{0,62}$'),
  token_hash  BYTEA       NOT NULL UNIQUE CHECK (length(token_hash) = 32),
  prefix      TEXT        NOT NULL,
  created_at  TIMESTAMPTZ NOT NULL,
  revoked_at  TIMESTAMPTZ
);

-- Records clerks record received requests and complete their outcomes on the staff pages.
ALTER TABLE staff_account DROP CONSTRAINT staff_account_roles_check;
ALTER TABLE staff_account ADD CONSTRAINT staff_account_roles_check CHECK (cardinality(roles) > 0
  AND roles <@ ARRAY['COPA_INVESTIGATOR', 'OIG_INVESTIGATOR', 'SUPERVISOR', 'AUDITOR', 'ADMINISTRATOR',
                     'RECORDS_CLERK']);
