-- Perfect-subtree hashes of the ledger's Merkle tree, as the sequencer completes them: node
-- (level, idx) covers leaves [idx * 2^level, (idx + 1) * 2^level). Written once, never updated;
-- a root or a proof is one query for at most about 2 * log2(n) rows.
CREATE TABLE ledger_node (
  level SMALLINT NOT NULL CHECK (level BETWEEN 0 AND 63),
  idx   BIGINT   NOT NULL CHECK (idx >= 0),
  hash  BYTEA    NOT NULL CHECK (length(hash) = 32),
  PRIMARY KEY (level, idx)
);

-- The keys that have signed checkpoints: the verifier (public) key text, as published.
CREATE TABLE ledger_key (
  key_id   TEXT        PRIMARY KEY CHECK (key_id ~ '^[0-9a-f]{8}$'),
  verifier TEXT        NOT NULL UNIQUE,
  added_at TIMESTAMPTZ NOT NULL
);

-- Signed tree heads (C2SP checkpoints), one per committed batch, plus one at start-up when the
-- key has not yet signed the current size (first start, key rotation). note is the exact signed
-- note; key_id names the key that signed it, so old checkpoints stay verifiable after a rotation.
CREATE TABLE ledger_checkpoint (
  size      BIGINT      NOT NULL CHECK (size >= 0),
  root      BYTEA       NOT NULL CHECK (length(root) = 32),
  note      TEXT        NOT NULL,
  key_id    TEXT        NOT NULL REFERENCES ledger_key (key_id),
  signed_at TIMESTAMPTZ NOT NULL,
  PRIMARY KEY (size, key_id)
);
