-- One fingerprint per sealing key (the incidents key, the staff key), recorded by the first node
-- that starts on this database: a keyed hash of a fixed text under the key, which says nothing of
-- the key itself. A node whose key file is missing creates a new key; with this record it refuses
-- to start instead of sealing new data with a key the other nodes do not hold (and failing to open
-- what they sealed).
CREATE TABLE key_fingerprint (
  name        TEXT        PRIMARY KEY,
  fingerprint BYTEA       NOT NULL CHECK (length(fingerprint) = 32),
  recorded_at TIMESTAMPTZ NOT NULL
);
