-- A batch sent in one round trip (org.sanctuary.ledger.store.OneTrip) is numbered from the size
-- the node's own last commit left, without reading the size first. The entries' primary key
-- refuses it when the log has grown since (another node appended); this refuses it when the log
-- is shorter than that (the database was restored to an earlier point, or a replica that lacked
-- the last writes was promoted, under a running node), which would otherwise leave a gap. The
-- node then reads the size under the sequencer lock and numbers the batch again from there.
--
-- Takes the sequencer lock (org.sanctuary.ledger.store.SequencerLock, held to the transaction's
-- end), then returns true when entry first - 1 is stored (or first is 0); else raises SQLSTATE
-- SA402. One statement, the lock's own: the check adds none to the batch.
CREATE FUNCTION ledger_sequence_from(lock_key BIGINT, first BIGINT) RETURNS BOOLEAN
LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_advisory_xact_lock(lock_key);
  IF first > 0 AND NOT EXISTS (SELECT 1 FROM ledger_entry WHERE idx = first - 1) THEN
    RAISE EXCEPTION 'ledger: entry % is not stored, so a batch cannot start at %', first - 1, first
      USING ERRCODE = 'SA402';
  END IF;
  RETURN true;
END;
$$;
