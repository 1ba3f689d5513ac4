/**
 * The log as static tiles (C2SP tlog-tiles): tile coordinates and paths ({@link
 * org.sanctuary.ledger.tiles.TileId}), what a tile holds ({@link org.sanctuary.ledger.tiles.Tiles}),
 * entry bundles ({@link org.sanctuary.ledger.tiles.EntryBundle}), and a reader that rebuilds roots
 * and proofs from tiles it checks against a checkpoint ({@link
 * org.sanctuary.ledger.tiles.TileHashReader}).
 */
package org.sanctuary.ledger.tiles;
