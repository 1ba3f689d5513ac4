-- When CPD's notice to OEMC of a request for assistance was recorded as made (the ledger index of
-- that entry), kept on the request so the quarterly report reads the register in one pass.
ALTER TABLE federal_request ADD COLUMN oemc_notified_index BIGINT;

UPDATE federal_request r SET oemc_notified_index = t.done_index
  FROM obligation_task t
  WHERE t.request_id = r.id AND t.pack = 'chicago-act-2020' AND t.rule = 'document-assistance-request'
    AND t.done_index IS NOT NULL;
