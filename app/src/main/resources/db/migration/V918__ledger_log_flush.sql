-- A checkpoint stored while no caller waits for one commits without waiting for the disk
-- (org.sanctuary.ledger.store.CheckpointSigner). When a caller then waits for it and no batch has
-- flushed the log since, the signer flushes the log itself by updating this one row in a
-- synchronous commit: a transaction that writes nothing commits without a flush. The row says
-- only when that last happened.
CREATE TABLE ledger_log_flush (
  id         BOOLEAN     PRIMARY KEY DEFAULT true CHECK (id),
  flushed_at TIMESTAMPTZ NOT NULL
);
INSERT INTO ledger_log_flush (flushed_at) VALUES (now());
