package org.sanctuary.ledger.witnessing;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.sanctuary.ledger.merkle.Hash;
import org.sanctuary.ledger.note.InvalidNoteException;
import org.sanctuary.ledger.note.SignedNote;
import org.sanctuary.store.Database;

/** The cosignatures gathered for the log's checkpoints ({@code ledger_cosignature}). */
final class CosignatureStore {
  /** Cosignature rows per witness looked at before scanning them all. */
  static final int RECENT_ROWS = 64;

  private final Database database;

  CosignatureStore(Database database) {
    this.database = database;
  }

  /** Keeps a checked cosignature; a second one for the same checkpoint and witness is ignored. */
  void insert(long size, String keyId, String witness, String line, Instant signedAt, Instant receivedAt) {
    database.inTransaction(c -> {
      try (PreparedStatement ps = c.prepareStatement(
          "INSERT INTO ledger_cosignature (size, key_id, witness, line, signed_at, received_at)"
              + " VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING")) {
        ps.setLong(1, size);
        ps.setString(2, keyId);
        ps.setString(3, witness);
        ps.setString(4, line);
        ps.setTimestamp(5, Timestamp.from(signedAt));
        ps.setTimestamp(6, Timestamp.from(receivedAt));
        ps.executeUpdate();
      }
      return null;
    });
  }

  /** Whether a witness has cosigned this checkpoint. */
  boolean has(long size, String keyId, String witness) {
    return database.inTransaction(c -> {
      try (PreparedStatement ps = c.prepareStatement(
          "SELECT 1 FROM ledger_cosignature WHERE size = ? AND key_id = ? AND witness = ?")) {
        ps.setLong(1, size);
        ps.setString(2, keyId);
        ps.setString(3, witness);
        try (ResultSet rs = ps.executeQuery()) {
          return rs.next();
        }
      }
    });
  }

  /** The largest size a witness has cosigned for this log, if any. */
  OptionalLong latestSize(String witness) {
    return database.inTransaction(c -> {
      try (PreparedStatement ps = c.prepareStatement(
          "SELECT size FROM ledger_cosignature WHERE witness = ? ORDER BY size DESC LIMIT 1")) {
        ps.setString(1, witness);
        try (ResultSet rs = ps.executeQuery()) {
          return rs.next() ? OptionalLong.of(rs.getLong(1)) : OptionalLong.empty();
        }
      }
    });
  }

  /**
   * The largest checkpoint that at least {@code quorum} of {@code witnesses} cosigned, with all
   * their lines appended to the log's note.
   */
  Optional<CosignedCheckpoint> latest(List<String> witnesses, int quorum) {
    return database.inTransaction(c -> {
      Array keys = c.createArrayOf("text", witnesses.toArray());
      long size;
      String keyId;
      // Look among the most recent cosignatures first (a backward scan of the primary key), and
      // over all of them only when no recent checkpoint has a quorum, e.g. after a long outage.
      String recent = "SELECT size, key_id FROM (SELECT size, key_id FROM ledger_cosignature WHERE witness = ANY(?)"
          + " ORDER BY size DESC, key_id DESC LIMIT ?) r GROUP BY size, key_id HAVING count(*) >= ? ORDER BY size DESC LIMIT 1";
      String all = "SELECT size, key_id FROM ledger_cosignature WHERE witness = ANY(?)"
          + " GROUP BY size, key_id HAVING count(*) >= ? ORDER BY size DESC LIMIT 1";
      Object[] found = null;
      try (PreparedStatement ps = c.prepareStatement(recent)) {
        ps.setArray(1, keys);
        ps.setInt(2, RECENT_ROWS * Math.max(1, witnesses.size()));
        ps.setInt(3, quorum);
        found = first(ps);
      }
      if (found == null) {
        try (PreparedStatement ps = c.prepareStatement(all)) {
          ps.setArray(1, keys);
          ps.setInt(2, quorum);
          found = first(ps);
        }
      }
      if (found == null) return Optional.<CosignedCheckpoint>empty();
      size = (Long) found[0];
      keyId = (String) found[1];
      return Optional.of(compose(c, size, keyId, keys));
    });
  }

  private static Object[] first(PreparedStatement ps) throws SQLException {
    try (ResultSet rs = ps.executeQuery()) {
      return rs.next() ? new Object[] {rs.getLong(1), rs.getString(2)} : null;
    }
  }

  private static CosignedCheckpoint compose(Connection c, long size, String keyId, Array keys) throws SQLException {
    String note;
    Hash root;
    try (PreparedStatement ps = c.prepareStatement(
        "SELECT note, root FROM ledger_checkpoint WHERE size = ? AND key_id = ?")) {
      ps.setLong(1, size);
      ps.setString(2, keyId);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) throw new SQLException("ledger: cosigned checkpoint " + size + "/" + keyId + " is missing");
        note = rs.getString(1);
        root = Hash.of(rs.getBytes(2));
      }
    }
    StringBuilder lines = new StringBuilder();
    List<String> witnesses = new ArrayList<>();
    try (PreparedStatement ps = c.prepareStatement(
        "SELECT witness, line FROM ledger_cosignature WHERE size = ? AND key_id = ? AND witness = ANY(?) ORDER BY witness")) {
      ps.setLong(1, size);
      ps.setString(2, keyId);
      ps.setArray(3, keys);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          witnesses.add(rs.getString(1));
          lines.append(rs.getString(2));
        }
      }
    }
    try {
      // Parsing the joined note checks the stored lines are still well formed.
      return new CosignedCheckpoint(size, root, SignedNote.parse(note + lines).encoded(), witnesses);
    } catch (InvalidNoteException e) {
      throw new SQLException("ledger: the cosigned checkpoint at size " + size + " does not parse: " + e.getMessage(), e);
    }
  }
}
