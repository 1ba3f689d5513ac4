-- A batch sent in one round trip (org.sanctuary.ledger.store.OneTrip) extends the tree's edge the
-- node cached after its own last commit. V914 refused the batch when the entry before it was not
-- stored; the edge is the node's only while that entry is also the one the node committed. After
-- the database went back under a running node (a restore, a replica promoted without the last
-- writes) other nodes may have appended up to the same size, with other entries: a batch on the
-- cached edge would then store nodes and checkpoints of a tree the log does not hold. So the check
-- compares the entry's leaf hash with the node's last leaf; on SQLSTATE SA402 the node reads the
-- log's end under the lock, forgets what it kept of the old log, and numbers the batch again.
--
-- Takes the sequencer lock (org.sanctuary.ledger.store.SequencerLock, held to the transaction's
-- end), then returns true when first is 0 or entry first - 1 is stored with leaf hash last_leaf;
-- else raises SQLSTATE SA402. One statement, the lock's own. The two-argument form of V914 stays
-- for nodes of the version before while several nodes are upgraded one by one.
CREATE FUNCTION ledger_sequence_from(lock_key BIGINT, first BIGINT, last_leaf BYTEA) RETURNS BOOLEAN
LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_advisory_xact_lock(lock_key);
  IF first > 0 AND NOT EXISTS (SELECT 1 FROM ledger_entry WHERE idx = first - 1 AND leaf_hash = last_leaf) THEN
    RAISE EXCEPTION 'ledger: entry % is not stored as this node committed it, so a batch cannot start at %',
      first - 1, first USING ERRCODE = 'SA402';
  END IF;
  RETURN true;
END;
$$;
