-- Failed sign-ins, counted per account and per client address (kept as its SHA-256, never the
-- address itself). A run of failures locks the account for that address only: knowing a staff
-- member's username is no longer enough to lock them out from everywhere.
CREATE TABLE staff_signin_failure (
  staff_id     BIGINT      NOT NULL REFERENCES staff_account (id),
  address_hash BYTEA       NOT NULL CHECK (length(address_hash) = 32),
  failures     INT         NOT NULL CHECK (failures >= 0),
  locked_until TIMESTAMPTZ,
  last_at      TIMESTAMPTZ NOT NULL,
  PRIMARY KEY (staff_id, address_hash)
);

-- the account-wide count and lock are replaced by the table above
ALTER TABLE staff_account DROP COLUMN failed_attempts, DROP COLUMN locked_until;
