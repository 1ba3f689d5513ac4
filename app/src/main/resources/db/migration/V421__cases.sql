-- The investigators' work on each report (incident). The case's status lives in incident.status;
-- these tables hold who works it, when it was first acted on, staff notes and the history.
CREATE TABLE case_file (
  incident_id      BIGINT      PRIMARY KEY REFERENCES incident (id),
  assigned_to      BIGINT      REFERENCES staff_account (id),
  assigned_at      TIMESTAMPTZ,
  first_action_at  TIMESTAMPTZ,
  finding_at       TIMESTAMPTZ,
  updated_at       TIMESTAMPTZ NOT NULL
);

CREATE INDEX case_file_assignee ON case_file (assigned_to);

-- Investigators' notes. The text is encrypted with the incidents key, bound to the report's
-- receipt (column name "case_note"), like everything else written about a report.
CREATE TABLE case_note (
  id           BIGSERIAL   PRIMARY KEY,
  incident_id  BIGINT      NOT NULL REFERENCES incident (id),
  author_id    BIGINT      NOT NULL REFERENCES staff_account (id),
  created_at   TIMESTAMPTZ NOT NULL,
  body_enc     BYTEA       NOT NULL
);

CREATE INDEX case_note_incident ON case_note (incident_id, created_at);

-- Every change to a case, with the index of its ledger entry (written in the same transaction).
CREATE TABLE case_event (
  id            BIGSERIAL   PRIMARY KEY,
  incident_id   BIGINT      NOT NULL REFERENCES incident (id),
  actor_id      BIGINT      NOT NULL REFERENCES staff_account (id),
  at            TIMESTAMPTZ NOT NULL,
  kind          TEXT        NOT NULL CHECK (kind IN ('case.transition', 'case.assigned', 'case.note_added')),
  from_status   TEXT,
  to_status     TEXT,
  assignee_id   BIGINT      REFERENCES staff_account (id),
  note_id       BIGINT      REFERENCES case_note (id),
  ledger_index  BIGINT      NOT NULL
);

CREATE INDEX case_event_incident ON case_event (incident_id, at);
