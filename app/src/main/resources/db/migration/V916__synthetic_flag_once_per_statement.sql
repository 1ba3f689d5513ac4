-- The synthetic flag of V701, read from each row's ledger entry once per statement instead of once
-- per row. The row trigger cost every stored request, report and look-up a PL/pgSQL call (about
-- 20 microseconds a row) to find, nearly always, that its entry is a real one. Now each insert
-- statement (COPY included) ends with one query over the rows it inserted, joined to their
-- entries, that marks the few whose entry says "synthetic":true. The rule is the one of V701: the
-- entry is written before its rows in the same transaction, so the flag cannot disagree with it.

DROP TRIGGER federal_request_synthetic ON federal_request;
DROP TRIGGER incident_synthetic ON incident;
DROP TRIGGER gateway_access_synthetic ON gateway_access;
DROP FUNCTION mark_synthetic_from_ledger();

CREATE FUNCTION mark_synthetic_requests() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  UPDATE federal_request t SET synthetic = true
    FROM inserted n JOIN ledger_entry e ON e.idx = n.ledger_index
   WHERE t.id = n.id AND position(convert_to('"synthetic":true', 'UTF8') IN e.data) > 0;
  RETURN NULL;
END;
$$;

CREATE FUNCTION mark_synthetic_incidents() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  UPDATE incident t SET synthetic = true
    FROM inserted n JOIN ledger_entry e ON e.idx = n.ledger_index
   WHERE t.id = n.id AND position(convert_to('"synthetic":true', 'UTF8') IN e.data) > 0;
  RETURN NULL;
END;
$$;

CREATE FUNCTION mark_synthetic_accesses() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  UPDATE gateway_access t SET synthetic = true
    FROM inserted n JOIN ledger_entry e ON e.idx = n.ledger_index
   WHERE t.id = n.id AND position(convert_to('"synthetic":true', 'UTF8') IN e.data) > 0;
  RETURN NULL;
END;
$$;

CREATE TRIGGER federal_request_synthetic AFTER INSERT ON federal_request
  REFERENCING NEW TABLE AS inserted FOR EACH STATEMENT EXECUTE FUNCTION mark_synthetic_requests();
CREATE TRIGGER incident_synthetic AFTER INSERT ON incident
  REFERENCING NEW TABLE AS inserted FOR EACH STATEMENT EXECUTE FUNCTION mark_synthetic_incidents();
CREATE TRIGGER gateway_access_synthetic AFTER INSERT ON gateway_access
  REFERENCING NEW TABLE AS inserted FOR EACH STATEMENT EXECUTE FUNCTION mark_synthetic_accesses();
