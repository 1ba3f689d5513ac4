-- Every federal request the city receives, with the decision the engine gave it.
-- The requester is kept as written and as resolved; nothing about the person's status,
-- citizenship or birthplace has a column here, by design.
CREATE TABLE federal_request (
  id               BIGSERIAL PRIMARY KEY,
  public_id        UUID        NOT NULL UNIQUE,
  caller_ref       TEXT        CHECK (length(caller_ref) <= 200),
  received         DATE        NOT NULL,
  receiving_agency TEXT        NOT NULL CHECK (receiving_agency IN ('CPD', 'COOK_COUNTY_SHERIFF', 'CITY')),
  requester_text   TEXT        NOT NULL CHECK (length(requester_text) <= 200),
  requester_agency TEXT,
  kind             TEXT        NOT NULL CHECK (kind IN ('DETAINER', 'NOTIFICATION', 'TRANSFER', 'INTERVIEW',
                                                        'INFORMATION', 'DATABASE_ACCESS', 'ASSISTANCE')),
  basis            TEXT        NOT NULL CHECK (basis IN ('NONE', 'ADMINISTRATIVE_WARRANT', 'JUDICIAL_WARRANT')),
  purpose          TEXT        NOT NULL CHECK (purpose IN ('CIVIL_IMMIGRATION', 'CRIMINAL')),
  subject_bits     SMALLINT    NOT NULL CHECK (subject_bits BETWEEN 0 AND 15),
  outcome          TEXT        NOT NULL CHECK (outcome IN ('DENY', 'PERMIT')),
  packs            TEXT[]      NOT NULL,
  decision         JSONB       NOT NULL,
  decided_at       TIMESTAMPTZ NOT NULL,
  ledger_index     BIGINT
);

CREATE INDEX federal_request_received ON federal_request (received);
CREATE INDEX federal_request_agency ON federal_request (requester_agency, received);
CREATE INDEX federal_request_unlogged ON federal_request (id) WHERE ledger_index IS NULL;

-- Duties that came with decisions (log a detainer, notify OEMC, record for the AG report),
-- tracked until someone marks them done.
CREATE TABLE obligation_task (
  id          BIGSERIAL PRIMARY KEY,
  request_id  BIGINT      NOT NULL REFERENCES federal_request (id),
  pack        TEXT        NOT NULL,
  rule        TEXT        NOT NULL,
  citation    TEXT        NOT NULL,
  text        TEXT        NOT NULL,
  due_on      DATE,
  done_at     TIMESTAMPTZ,
  UNIQUE (request_id, pack, rule)
);

CREATE INDEX obligation_task_open ON obligation_task (due_on) WHERE done_at IS NULL;
