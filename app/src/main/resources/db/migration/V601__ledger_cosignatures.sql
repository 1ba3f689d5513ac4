-- Witnesses' cosignatures (C2SP tlog-cosignature) of the log's checkpoints, as gathered by the log
-- after each checkpoint. One row per checkpoint and witness key; line is the exact signature line
-- the witness returned ("— <name> <base64>\n"), already checked against the witness's key.
-- signed_at is the witness's own timestamp from inside the cosignature.
CREATE TABLE ledger_cosignature (
  size        BIGINT      NOT NULL,
  key_id      TEXT        NOT NULL,
  witness     TEXT        NOT NULL,
  line        TEXT        NOT NULL,
  signed_at   TIMESTAMPTZ NOT NULL,
  received_at TIMESTAMPTZ NOT NULL,
  PRIMARY KEY (size, key_id, witness),
  FOREIGN KEY (size, key_id) REFERENCES ledger_checkpoint (size, key_id)
);

-- The largest size each witness has cosigned: where the next request to it starts.
CREATE INDEX ledger_cosignature_by_witness ON ledger_cosignature (witness, size DESC);
