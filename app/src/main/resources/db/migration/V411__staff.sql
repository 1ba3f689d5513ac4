-- Staff accounts. Passwords are Argon2id hashes (PHC strings); TOTP seeds are sealed with
-- AES-GCM under a key kept outside the database. A staff member's body (COPA or OIG) follows
-- from their roles.
CREATE TABLE staff_account (
  id               BIGSERIAL   PRIMARY KEY,
  username         TEXT        NOT NULL UNIQUE CHECK (username ~ '^[a-z0-9][a-z0-9._-]{1,62}$'),
  password_hash    TEXT        NOT NULL,
  totp_secret      BYTEA       NOT NULL,
  totp_last_step   BIGINT      NOT NULL DEFAULT -1,
  roles            TEXT[]      NOT NULL CHECK (cardinality(roles) > 0
                     AND roles <@ ARRAY['COPA_INVESTIGATOR', 'OIG_INVESTIGATOR', 'SUPERVISOR',
                                        'AUDITOR', 'ADMINISTRATOR']),
  failed_attempts  INT         NOT NULL DEFAULT 0 CHECK (failed_attempts >= 0),
  locked_until     TIMESTAMPTZ,
  disabled         BOOLEAN     NOT NULL DEFAULT false,
  created_at       TIMESTAMPTZ NOT NULL
);

-- Server-side sessions. Only the SHA-256 of the cookie value is kept, so a copy of this table
-- cannot be replayed as a cookie.
CREATE TABLE staff_session (
  id_hash      BYTEA       PRIMARY KEY CHECK (length(id_hash) = 32),
  staff_id     BIGINT      NOT NULL REFERENCES staff_account (id),
  created_at   TIMESTAMPTZ NOT NULL,
  last_seen_at TIMESTAMPTZ NOT NULL,
  expires_at   TIMESTAMPTZ NOT NULL
);

CREATE INDEX staff_session_staff ON staff_session (staff_id);
