-- What administrators did to staff accounts on the web: each change with who made it and the
-- index of its ledger entry (written in the same transaction), shown as the account's history.
CREATE TABLE staff_account_event (
  id            BIGSERIAL   PRIMARY KEY,
  account_id    BIGINT      NOT NULL REFERENCES staff_account (id),
  actor_id      BIGINT      NOT NULL REFERENCES staff_account (id),
  at            TIMESTAMPTZ NOT NULL,
  action        TEXT        NOT NULL CHECK (action IN ('added', 'disabled', 'enabled',
                              'second_factor_reset', 'roles_changed')),
  -- the account's roles after the change, for 'added' and 'roles_changed'
  roles         TEXT[],
  ledger_index  BIGINT      NOT NULL
);

CREATE INDEX staff_account_event_account ON staff_account_event (account_id, at);
