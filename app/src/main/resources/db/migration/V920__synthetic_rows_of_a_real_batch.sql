-- V701's triggers give each new federal_request, incident and gateway_access row the synthetic flag
-- of the ledger entry it was written with, by reading the entry back and searching its bytes: one
-- look-up per row, the largest part of a recorded decision's time in the database.
--
-- The sequencer knows which entries of a batch are synthetic: it holds them. A batch with none
-- states so for its own transaction, by setting sanctuary.real_from to its first index
-- (set_config(..., true): the setting ends with the transaction). A row whose entry is at or past
-- that index belongs to this batch, whose entries are all real, so its flag is false, the column's
-- default, and the trigger is not called. Every other row (an entry of an earlier batch, a batch
-- with a synthetic entry, a bulk import, a node of an earlier version, any transaction that sets
-- nothing) is marked by the trigger as before, from the log itself.
DROP TRIGGER federal_request_synthetic ON federal_request;
DROP TRIGGER incident_synthetic ON incident;
DROP TRIGGER gateway_access_synthetic ON gateway_access;

CREATE TRIGGER federal_request_synthetic BEFORE INSERT ON federal_request FOR EACH ROW
  WHEN (NEW.ledger_index IS NULL OR NEW.ledger_index
        < coalesce(nullif(current_setting('sanctuary.real_from', true), '')::bigint, 9223372036854775807))
  EXECUTE FUNCTION mark_synthetic_from_ledger();
CREATE TRIGGER incident_synthetic BEFORE INSERT ON incident FOR EACH ROW
  WHEN (NEW.ledger_index IS NULL OR NEW.ledger_index
        < coalesce(nullif(current_setting('sanctuary.real_from', true), '')::bigint, 9223372036854775807))
  EXECUTE FUNCTION mark_synthetic_from_ledger();
CREATE TRIGGER gateway_access_synthetic BEFORE INSERT ON gateway_access FOR EACH ROW
  WHEN (NEW.ledger_index IS NULL OR NEW.ledger_index
        < coalesce(nullif(current_setting('sanctuary.real_from', true), '')::bigint, 9223372036854775807))
  EXECUTE FUNCTION mark_synthetic_from_ledger();
