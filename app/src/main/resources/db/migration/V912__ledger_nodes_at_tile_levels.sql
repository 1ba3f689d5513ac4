-- ledger_node keeps every eighth level of the tree (8, 16, ..., the levels of the tlog tiles above
-- the leaves): a node between two kept levels is hashed up from the kept level below it when it is
-- read, and a leaf is its entry's leaf_hash (V911). An append then writes its entry and, one time
-- in 256, a node, instead of about one node each.
DELETE FROM ledger_node WHERE level % 8 <> 0;
ALTER TABLE ledger_node DROP CONSTRAINT ledger_node_level_check,
  ADD CONSTRAINT ledger_node_level_check CHECK (level BETWEEN 8 AND 56 AND level % 8 = 0);
