-- How a request for assistance was addressed, for the Attorney General's report (5 ILCS
-- 805/25(a)(1)): the citations of the rules that decided it, taken from the decision when the
-- request is recorded, so the report need not read the decision's JSON.
ALTER TABLE federal_request ADD COLUMN decided_by TEXT[];

UPDATE federal_request SET decided_by = ARRAY(
    SELECT DISTINCT x->>'citation' FROM jsonb_array_elements(decision->'reasons') x
    WHERE x->>'effect' = outcome ORDER BY 1)
  WHERE ag_assistance;
