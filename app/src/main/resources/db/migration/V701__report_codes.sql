-- What the annual report reads from the stored rows, so that each figure is one aggregate query
-- and matches what the public ledger entries carry.

-- The rules and packs of each look-up, as in its gateway.access entry ("pack:rule:effect", pack
-- ids). Rows logged before this migration take them from their ledger entry.
ALTER TABLE gateway_access ADD COLUMN rules TEXT[] NOT NULL DEFAULT '{}';
ALTER TABLE gateway_access ADD COLUMN packs TEXT[] NOT NULL DEFAULT '{}';

UPDATE gateway_access g
   SET rules = ARRAY(SELECT jsonb_array_elements_text(e.doc -> 'rules')),
       packs = ARRAY(SELECT jsonb_array_elements_text(e.doc -> 'packs'))
  FROM (SELECT idx, convert_from(data, 'UTF8')::jsonb AS doc FROM ledger_entry) e
 WHERE e.idx = g.ledger_index;

-- Synthetic (demonstration) data: a row is synthetic when the ledger entry it was written with is
-- marked "synthetic":true. The entry is inserted first in the same batch transaction, so the flag
-- is read from the log itself and cannot disagree with it.
ALTER TABLE federal_request ADD COLUMN synthetic BOOLEAN NOT NULL DEFAULT false;
ALTER TABLE incident ADD COLUMN synthetic BOOLEAN NOT NULL DEFAULT false;
ALTER TABLE gateway_access ADD COLUMN synthetic BOOLEAN NOT NULL DEFAULT false;

CREATE FUNCTION mark_synthetic_from_ledger() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  NEW.synthetic := NEW.ledger_index IS NOT NULL AND EXISTS (
    SELECT 1 FROM ledger_entry
     WHERE idx = NEW.ledger_index
       AND position(convert_to('"synthetic":true', 'UTF8') IN data) > 0);
  RETURN NEW;
END;
$$;

CREATE TRIGGER federal_request_synthetic BEFORE INSERT ON federal_request
  FOR EACH ROW EXECUTE FUNCTION mark_synthetic_from_ledger();
CREATE TRIGGER incident_synthetic BEFORE INSERT ON incident
  FOR EACH ROW EXECUTE FUNCTION mark_synthetic_from_ledger();
CREATE TRIGGER gateway_access_synthetic BEFORE INSERT ON gateway_access
  FOR EACH ROW EXECUTE FUNCTION mark_synthetic_from_ledger();

-- The report's time to finding looks up each report's first finding.
CREATE INDEX case_event_finding ON case_event (incident_id, ledger_index) WHERE to_status LIKE 'FINDING\_%';
