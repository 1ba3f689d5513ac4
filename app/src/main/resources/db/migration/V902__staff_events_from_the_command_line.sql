-- The command line's staff commands (add, disable, reset-totp) commit a ledger entry and a line of
-- the account's history too. No staff account makes them: their actor is left empty.
ALTER TABLE staff_account_event ALTER COLUMN actor_id DROP NOT NULL;
