-- The data firewall: partners admitted under a data-sharing agreement, their API keys (hashes
-- only), every look-up and refusal, and the per-partner marks put on returned records.
CREATE TABLE gateway_partner (
  id           BIGSERIAL   PRIMARY KEY,
  agency_id    TEXT        NOT NULL UNIQUE CHECK (length(agency_id) <= 100),
  name         TEXT        NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  rate_per_sec INTEGER     NOT NULL CHECK (rate_per_sec BETWEEN 1 AND 100000),
  burst        INTEGER     NOT NULL CHECK (burst BETWEEN 1 AND 100000),
  mark_secret  BYTEA       NOT NULL CHECK (length(mark_secret) = 32),
  admitted_at  TIMESTAMPTZ NOT NULL
);

-- One row per signed agreement; the newest one in force on a day governs that day.
CREATE TABLE gateway_agreement (
  id                   BIGSERIAL   PRIMARY KEY,
  partner_id           BIGINT      NOT NULL REFERENCES gateway_partner (id),
  datasets             TEXT[]      NOT NULL CHECK (cardinality(datasets) >= 1),
  purposes             TEXT[]      NOT NULL CHECK (cardinality(purposes) >= 1
                                     AND purposes <@ ARRAY['CRIMINAL', 'CIVIL_IMMIGRATION']),
  starts_on            DATE        NOT NULL,
  ends_on              DATE        NOT NULL CHECK (ends_on >= starts_on),
  no_onward_disclosure BOOLEAN     NOT NULL CHECK (no_onward_disclosure),
  signed_by            TEXT        NOT NULL CHECK (length(signed_by) BETWEEN 1 AND 200),
  created_at           TIMESTAMPTZ NOT NULL
);
CREATE INDEX gateway_agreement_partner ON gateway_agreement (partner_id, starts_on);

CREATE TABLE gateway_key (
  id          BIGSERIAL   PRIMARY KEY,
  partner_id  BIGINT      NOT NULL REFERENCES gateway_partner (id),
  key_hash    BYTEA       NOT NULL UNIQUE CHECK (length(key_hash) = 32),
  prefix      TEXT        NOT NULL,
  created_at  TIMESTAMPTZ NOT NULL,
  expires_at  TIMESTAMPTZ,
  revoked_at  TIMESTAMPTZ
);
CREATE INDEX gateway_key_partner ON gateway_key (partner_id);

-- The staff's access log. Parameters and case numbers are kept only as hashes, as in the ledger.
CREATE TABLE gateway_access (
  id           BIGSERIAL   PRIMARY KEY,
  at           TIMESTAMPTZ NOT NULL,
  partner_id   BIGINT      NOT NULL REFERENCES gateway_partner (id),
  agency_id    TEXT        NOT NULL,
  dataset      TEXT        NOT NULL,
  purpose      TEXT        NOT NULL CHECK (purpose IN ('CRIMINAL', 'CIVIL_IMMIGRATION')),
  outcome      TEXT        NOT NULL CHECK (outcome IN ('PERMIT', 'DENY', 'ERROR')),
  reason       TEXT        NOT NULL,
  citation     TEXT        NOT NULL,
  params_hash  TEXT        NOT NULL,
  case_hash    TEXT        NOT NULL,
  row_count    INTEGER     NOT NULL,
  ledger_index BIGINT      NOT NULL
);
CREATE INDEX gateway_access_at ON gateway_access (at);
CREATE INDEX gateway_access_partner ON gateway_access (partner_id, at);

-- Which partner was given which mark for which record: the key to tracing a leak.
CREATE TABLE gateway_mark (
  mark        TEXT        NOT NULL,
  partner_id  BIGINT      NOT NULL REFERENCES gateway_partner (id),
  dataset     TEXT        NOT NULL,
  field       TEXT        NOT NULL,
  record_key  TEXT        NOT NULL,
  first_at    TIMESTAMPTZ NOT NULL,
  PRIMARY KEY (mark, partner_id)
);

-- The key for hashing look-up parameters and case numbers before they reach the public ledger:
-- created once by the application, never shown.
CREATE TABLE gateway_secret (
  id        SMALLINT PRIMARY KEY DEFAULT 1 CHECK (id = 1),
  hash_key  BYTEA    NOT NULL CHECK (length(hash_key) = 32)
);
