-- A leaf's hash (a level-0 node) is kept once, as its entry's leaf_hash: ledger_node holds the
-- perfect subtrees above the leaves only. Proofs and tiles read level 0 from ledger_entry.
DELETE FROM ledger_node WHERE level = 0;
ALTER TABLE ledger_node DROP CONSTRAINT ledger_node_level_check,
  ADD CONSTRAINT ledger_node_level_check CHECK (level BETWEEN 1 AND 63);
