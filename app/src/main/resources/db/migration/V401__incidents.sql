-- Violation reports filed by the public, and what reporters add later.
-- There is no column for immigration status, citizenship or place of birth, by design.
-- Free text and contact details are stored only encrypted (AES-256-GCM, key kept outside the
-- database; see docs/incidents.md for the byte layout). The receipt is public; the secret is
-- kept only as its SHA-256.
CREATE TABLE incident (
  id                    BIGSERIAL   PRIMARY KEY,
  receipt               TEXT        NOT NULL UNIQUE CHECK (receipt ~ '^[0-9A-HJKMNP-TV-Z]{20}$'),
  secret_hash           BYTEA       NOT NULL CHECK (length(secret_hash) = 32),
  created_at            TIMESTAMPTZ NOT NULL,
  category              TEXT        NOT NULL CHECK (category IN (
                          'THREAT_OF_DEPORTATION', 'STATUS_QUESTION', 'HELD_FOR_ICE',
                          'INFORMATION_SHARED', 'ICE_ACCESS', 'OPERATION_SUPPORT',
                          'SERVICE_REFUSED', 'OTHER')),
  employee_type         TEXT        NOT NULL CHECK (employee_type IN ('POLICE', 'CITY')),
  department            TEXT        NOT NULL CHECK (department ~ '^[A-Z0-9_]{2,40}$'),
  -- name or badge as the reporter gave it (encrypted), and its keyed hash (HMAC-SHA-256 of the
  -- normalised text) so reports about the same person can be linked without reading either
  employee_enc          BYTEA,
  employee_hash         BYTEA       CHECK (length(employee_hash) = 32),
  occurred_on           DATE        NOT NULL,
  -- a Chicago community area (CA01..CA77) or police district (PD001..PD025); never an address
  location              TEXT        NOT NULL CHECK (location ~ '^(CA[0-9]{2}|PD[0-9]{3})$'),
  routed_to             TEXT        NOT NULL CHECK (routed_to IN ('COPA', 'OIG')),
  routing_pack          TEXT        NOT NULL CHECK (length(routing_pack) <= 100),  -- id@version
  routing_rule          TEXT        NOT NULL CHECK (length(routing_rule) <= 100),
  status                TEXT        NOT NULL DEFAULT 'RECEIVED' CHECK (status IN (
                          'RECEIVED', 'ASSIGNED', 'INVESTIGATING', 'FINDING_SUSTAINED',
                          'FINDING_NOT_SUSTAINED', 'FINDING_UNFOUNDED', 'FINDING_EXONERATED',
                          'REFERRED', 'CLOSED')),
  -- the reporter's language: the one the form was filled in, and the one to answer in
  language              TEXT        NOT NULL CHECK (language IN ('en', 'es', 'zh', 'pl', 'ar', 'tl', 'ko')),
  description_enc       BYTEA       NOT NULL,
  witnesses_enc         BYTEA,
  contact_enc           BYTEA,
  ledger_index          BIGINT,
  closed_at             TIMESTAMPTZ,
  contact_destroyed_at  TIMESTAMPTZ,
  CHECK ((employee_enc IS NULL) = (employee_hash IS NULL)),
  CHECK (contact_destroyed_at IS NULL OR contact_enc IS NULL)
);

CREATE INDEX incident_routed ON incident (routed_to, status, created_at);
CREATE INDEX incident_employee ON incident (employee_hash) WHERE employee_hash IS NOT NULL;
-- what the daily retention task looks for: closed cases that still hold contact details
CREATE INDEX incident_retention ON incident (closed_at) WHERE contact_enc IS NOT NULL;

-- Information a reporter adds later with the receipt and secret. The text is encrypted.
CREATE TABLE incident_followup (
  id           BIGSERIAL   PRIMARY KEY,
  incident_id  BIGINT      NOT NULL REFERENCES incident (id),
  created_at   TIMESTAMPTZ NOT NULL,
  body_enc     BYTEA       NOT NULL,
  ledger_index BIGINT
);

CREATE INDEX incident_followup_incident ON incident_followup (incident_id, created_at);
