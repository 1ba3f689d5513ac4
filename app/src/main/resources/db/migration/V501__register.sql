-- The register: every federal request the city received, with what was done. The outcome fields
-- are the ones the reports the law requires ask for (MCC 2-173-069, 5 ILCS 805/25). Nothing about
-- the person's status, citizenship or birthplace has a column here, by design; a person reference,
-- when a city keeps one, is sealed (AES-256-GCM) and never read by a report.
ALTER TABLE federal_request
  ADD COLUMN received_at    TIMESTAMPTZ,
  ADD COLUMN document       TEXT CHECK (document IN ('I-247A', 'I-247D', 'I-200', 'I-205', 'JUDICIAL_WARRANT', 'NONE')),
  ADD COLUMN court          TEXT CHECK (length(court) BETWEEN 1 AND 200),
  ADD COLUMN bail_posted_at TIMESTAMPTZ,
  ADD COLUMN disposition    TEXT CHECK (disposition IN ('RELEASED', 'TRANSFERRED', 'REMAINS_IN_CUSTODY', 'NOT_IN_CUSTODY')),
  ADD COLUMN disposition_at TIMESTAMPTZ,
  ADD COLUMN transferred_to TEXT CHECK (length(transferred_to) BETWEEN 1 AND 200),
  ADD COLUMN person_ref     BYTEA,
  ADD COLUMN recorded_by    TEXT CHECK (recorded_by ~ '^(token|staff):[0-9]+$|^import$'),
  ADD COLUMN outcome_index  BIGINT,
  -- which lists of the reports the request belongs to: set from the decision's duties when it is
  -- recorded (the packs say what must be logged), so a report is one filtered scan
  ADD COLUMN cpd_log        BOOLEAN NOT NULL DEFAULT false,
  ADD COLUMN oemc_notice    BOOLEAN NOT NULL DEFAULT false,
  ADD COLUMN ag_detainer    BOOLEAN NOT NULL DEFAULT false,
  ADD COLUMN ag_assistance  BOOLEAN NOT NULL DEFAULT false,
  ADD CONSTRAINT federal_request_court_needs_warrant CHECK (court IS NULL OR document = 'JUDICIAL_WARRANT'),
  ADD CONSTRAINT federal_request_disposition_at_needs_disposition CHECK (disposition_at IS NULL OR disposition IS NOT NULL),
  ADD CONSTRAINT federal_request_transferred_to_needs_transfer CHECK (transferred_to IS NULL OR disposition = 'TRANSFERRED');

-- The year's rows of each report, by the day received.
CREATE INDEX federal_request_reports ON federal_request (receiving_agency, received)
  WHERE cpd_log OR oemc_notice OR ag_detainer OR ag_assistance;

-- A duty marked done is a ledger entry too; its index says which checkpoints cover it.
ALTER TABLE obligation_task ADD COLUMN done_index BIGINT;
