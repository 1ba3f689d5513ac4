package org.sanctuary.store;

import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Instant;
import org.sanctuary.config.ConfigException;

/**
 * Checks that a node's sealing key is the one the database's data was sealed with. The first node
 * to start records the key's fingerprint; every later start compares. A node given a key file that
 * did not exist (and so created a new key) is refused at start, naming the file, instead of
 * sealing with a key no other node holds.
 */
public final class KeyFingerprints {
  private KeyFingerprints() {}

  /**
   * Records {@code fingerprint} for {@code name} if none is recorded yet, else compares it.
   *
   * @param field the option or environment variable that names the key file, for the error
   * @throws ConfigException when another key's fingerprint is recorded
   */
  public static void check(Database database, String name, byte[] fingerprint, String field, Path file) {
    byte[] recorded = database.inTransaction(c -> {
      try (PreparedStatement ps = c.prepareStatement("INSERT INTO key_fingerprint (name, fingerprint, recorded_at)"
          + " VALUES (?, ?, ?) ON CONFLICT (name) DO NOTHING")) {
        ps.setString(1, name);
        ps.setBytes(2, fingerprint);
        ps.setTimestamp(3, Timestamp.from(Instant.now()));
        ps.executeUpdate();
      }
      try (PreparedStatement ps = c.prepareStatement("SELECT fingerprint FROM key_fingerprint WHERE name = ?")) {
        ps.setString(1, name);
        try (ResultSet rs = ps.executeQuery()) {
          rs.next();
          return rs.getBytes(1);
        }
      }
    });
    if (!MessageDigest.isEqual(recorded, fingerprint)) {
      throw new ConfigException(field, file.toString(), "is not the " + name + " key this database's data was sealed"
          + " with (another key was recorded at the first start; a missing key file is created anew)",
          "a copy of the key file the other nodes use");
    }
  }
}
