-- Token buckets shared by every node, so a client gets a rate limit once however many nodes it
-- reaches (org.sanctuary.limits.PostgresBuckets). The key is an HMAC of the limit's name and the
-- client (an address, a partner) under a key kept outside the database: never the address itself.
-- Credit is in exact integer units: one token is the rate's period in nanoseconds.
-- UNLOGGED: a check waits for no disk flush and nothing here reaches the WAL, its archives or a
-- replica; after a crash the table is empty, which only gives every client a fresh burst.
CREATE UNLOGGED TABLE rate_bucket (
  key_hash      BYTEA   PRIMARY KEY CHECK (length(key_hash) = 32),
  credit        BIGINT  NOT NULL CHECK (credit >= 0),
  updated_at_ns BIGINT  NOT NULL, -- nanoseconds since 1970 of the last refill
  full_at_ns    BIGINT  NOT NULL, -- when the credit is back at the burst: the row can go
  granted       BOOLEAN NOT NULL  -- the answer to the last check (RETURNING sees only the new row)
);
-- No index on full_at_ns: the clean-up scans a small table once a minute, and updates stay HOT.
