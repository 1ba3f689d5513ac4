-- The public ledger: one row per leaf, in index order. data holds the exact leaf bytes
-- (canonical JSON, no personal data); leaf_hash is SHA-256(0x00 || data), kept so proofs and
-- roots never re-hash the whole log.
CREATE TABLE ledger_entry (
  idx         BIGINT      PRIMARY KEY CHECK (idx >= 0),
  data        BYTEA       NOT NULL,
  leaf_hash   BYTEA       NOT NULL CHECK (length(leaf_hash) = 32),
  appended_at TIMESTAMPTZ NOT NULL
);
