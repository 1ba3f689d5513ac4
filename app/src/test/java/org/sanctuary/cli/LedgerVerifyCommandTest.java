package org.sanctuary.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sanctuary.config.DatabaseServer;
import org.sanctuary.ledger.note.Signer;
import org.sanctuary.ledger.store.LedgerEntry;
import org.sanctuary.ledger.store.PostgresLedger;
import org.sanctuary.store.Database;
import org.sanctuary.store.TestDatabases;

/** {@code sanctuary ledger verify} against a real log, then the same log tampered with in SQL. */
class LedgerVerifyCommandTest {
  private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-03-01T12:00:00Z"), ZoneOffset.UTC);

  @TempDir Path folder;
  private DatabaseServer server;
  private Database database;
  private Path keyFile;
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  @BeforeEach
  void fillLog() throws Exception {
    server = TestDatabases.freshServer();
    database = Database.connect(server);
    keyFile = folder.resolve("ledger.key");
    Signer signer = Signer.generate("city.example/ledger");
    signer.write(keyFile);
    // Several restarts, so the log holds several checkpoints to check against each other.
    for (int round = 0; round < 3; round++) {
      try (PostgresLedger ledger = PostgresLedger.start(database, CLOCK, signer)) {
        for (int i = 0; i < 7; i++) ledger.append(LedgerEntry.of("test.entry", Map.of("round", round, "n", i)));
      }
    }
  }

  @AfterEach
  void close() {
    database.close();
  }

  private int verify() {
    return Main.execute(new String[] {"ledger", "verify", "--db", server.url(), "--ledger-key", keyFile.toString()},
        new PrintWriter(out, true), new PrintWriter(err, true));
  }

  private void sql(String statement) {
    database.inTransaction(c -> {
      try (var s = c.createStatement()) {
        s.execute(statement);
      }
      return null;
    });
  }

  @Test
  void verify_intactLog_exitsZero() {
    assertThat(verify()).as(err.toString()).isZero();
    assertThat(out.toString()).startsWith("ledger intact: 21 entries");
  }

  @Test
  void verify_entryBytesChanged_namesTheIndex() {
    sql("UPDATE ledger_entry SET data = convert_to('{\"n\":99,\"type\":\"test.entry\",\"v\":1}', 'UTF8') WHERE idx = 9");
    assertThat(verify()).isEqualTo(1);
    assertThat(err.toString()).contains("index 9:");
  }

  @Test
  void verify_entryDeleted_namesTheMissingIndex() {
    sql("DELETE FROM ledger_entry WHERE idx = 4");
    assertThat(verify()).isEqualTo(1);
    assertThat(err.toString()).contains("index 4: missing");
  }

  @Test
  void verify_lastEntriesDeleted_namesTheCheckpointThatCoversThem() {
    // checkpoints are signed off the commit path, so which sizes have one depends on timing:
    // the one named is the smallest above what is left
    long first = database.inTransaction(c -> {
      try (var st = c.createStatement();
          var rs = st.executeQuery("SELECT min(size) FROM ledger_checkpoint WHERE size > 19")) {
        rs.next();
        return rs.getLong(1);
      }
    });
    sql("DELETE FROM ledger_entry WHERE idx >= 19");
    assertThat(verify()).isEqualTo(1);
    assertThat(err.toString()).contains("checkpoint at size " + first + ": covers entries the log does not hold (it holds 19");
  }

  @Test
  void verify_twoEntriesSwapped_namesTheFirst() {
    // Rows 3 and 11 trade places, each with its own leaf hash.
    sql("UPDATE ledger_entry e SET data = o.data, leaf_hash = o.leaf_hash FROM ledger_entry o"
        + " WHERE (e.idx, o.idx) IN ((3, 11), (11, 3))");
    assertThat(verify()).isEqualTo(1);
    // each moved with its own leaf hash: the first checkpoint over index 3 finds it, naming the
    // entries since the last checkpoint that checked out
    assertThat(err.toString()).containsPattern("checkpoint at size \\d+ .*an entry from index [0-3] to \\d+ was changed");
  }

  @Test
  void verify_entriesSwappedWhereNoCheckpointCoversThem_namesTheRangeOfTheNodeStoredOverThem() throws Exception {
    try (PostgresLedger ledger = PostgresLedger.start(database, CLOCK, Signer.read(keyFile))) {
      for (int i = 0; i < 280; i++) ledger.append(LedgerEntry.of("test.entry", Map.of("round", 9, "n", i)));
    }
    // two entries trade places with their leaf hashes, and no checkpoint is left above them
    sql("UPDATE ledger_entry e SET data = o.data, leaf_hash = o.leaf_hash FROM ledger_entry o"
        + " WHERE (e.idx, o.idx) IN ((30, 40), (40, 30))");
    sql("DELETE FROM ledger_checkpoint WHERE size > 30");
    assertThat(verify()).isEqualTo(1);
    assertThat(err.toString()).contains("index 0 to 255: the entries' bytes do not match the tree node stored over them");
  }

  @Test
  void verify_aNodeStoredOver65536EntriesChanged_namesItsRange_thoughEveryCheckpointHolds() throws Exception {
    try (PostgresLedger ledger = PostgresLedger.start(database, CLOCK, Signer.read(keyFile))) {
      java.util.List<LedgerEntry> batch = new java.util.ArrayList<>();
      for (int i = 0; i < 70_000; i++) {
        batch.add(LedgerEntry.of("test.entry", Map.of("round", 9, "n", i)));
        if (batch.size() == 5_000) {
          ledger.appendAll(batch, org.sanctuary.ledger.store.Ledger.Write.NOTHING);
          batch.clear();
        }
      }
    }
    assertThat(verify()).isZero();
    // a proof across it would be served wrong; no checkpoint's root reads it
    sql("UPDATE ledger_node SET hash = sha256(hash) WHERE level = 16 AND idx = 0");
    assertThat(verify()).isEqualTo(1);
    assertThat(err.toString()).contains("index 0 to 65535: the entries' bytes do not match the tree node stored over them");
    sql("DELETE FROM ledger_node WHERE level = 16 AND idx = 0");
    assertThat(verify()).isEqualTo(1);
    assertThat(err.toString()).contains("index 0 to 65535: the tree node stored over these entries is missing");
  }

  @Test
  void verify_entryAndEveryStoredHashRewritten_namesTheCheckpoint() {
    String data = "'{\"n\":99,\"type\":\"test.entry\",\"v\":1}'";
    String leaf = "sha256('\\x00'::bytea || convert_to(" + data + ", 'UTF8'))";
    sql("UPDATE ledger_entry SET data = convert_to(" + data + ", 'UTF8'), leaf_hash = " + leaf + " WHERE idx = 2");
    assertThat(verify()).isEqualTo(1);
    // The first checkpoint signed after entry 2 was appended is the one that catches it.
    assertThat(err.toString()).containsPattern("checkpoint at size ([3-7]) .*an entry from index [0-2] to [2-6] was changed");
  }

  @Test
  void verify_checkpointNoteForged_namesTheCheckpoint() {
    sql("UPDATE ledger_checkpoint SET note = replace(note, E'\\n14\\n', E'\\n15\\n') WHERE size = 14");
    assertThat(verify()).isEqualTo(1);
    assertThat(err.toString()).contains("checkpoint at size 14").contains("does not verify");
  }

  @Test
  void verify_aForgedNoteBeforeAChangedEntry_namesTheNote() {
    // the signatures are checked beside the rebuild: the first problem in the log's order is named
    sql("UPDATE ledger_entry SET data = convert_to('{}', 'UTF8') WHERE idx = 18");
    assertThat(verify()).isEqualTo(1);
    assertThat(err.toString()).contains("index 18: its bytes do not match");
    err.getBuffer().setLength(0);
    sql("UPDATE ledger_checkpoint SET note = replace(note, E'\\n14\\n', E'\\n15\\n') WHERE size = 14");
    assertThat(verify()).isEqualTo(1);
    assertThat(err.toString()).contains("checkpoint at size 14").contains("does not verify").doesNotContain("index 18");
  }

  @Test
  void verify_aChangedEntryBeforeAForgedNote_namesTheCheckpointOverTheEntry() {
    String data = "'{\"n\":99,\"type\":\"test.entry\",\"v\":1}'";
    String leaf = "sha256('\\x00'::bytea || convert_to(" + data + ", 'UTF8'))";
    sql("UPDATE ledger_checkpoint SET note = replace(note, E'\\n21\\n', E'\\n22\\n') WHERE size = 21");
    assertThat(verify()).isEqualTo(1);
    assertThat(err.toString()).contains("checkpoint at size 21").contains("does not verify");
    err.getBuffer().setLength(0);
    sql("UPDATE ledger_entry SET data = convert_to(" + data + ", 'UTF8'), leaf_hash = " + leaf + " WHERE idx = 2");
    assertThat(verify()).isEqualTo(1);
    assertThat(err.toString()).containsPattern("checkpoint at size ([3-7]) .*an entry from index [0-2] to [2-6] was changed")
        .doesNotContain("does not verify");
  }

  @Test
  void verify_aStoredRootThatIsNotTheSignedOne_namesTheDifference() {
    sql("UPDATE ledger_checkpoint SET root = sha256(root) WHERE size = 14");
    assertThat(verify()).isEqualTo(1);
    assertThat(err.toString()).contains("checkpoint at size 14").contains("the stored size or root differs from the signed note");
  }

  @Test
  void verify_missingKeyFile_isBadInputNamingTheOption() {
    int status = Main.execute(new String[] {"ledger", "verify", "--db", server.url(), "--ledger-key",
        folder.resolve("nope.key").toString()}, new PrintWriter(out, true), new PrintWriter(err, true));
    assertThat(status).isEqualTo(2);
    assertThat(err.toString()).startsWith("sanctuary: ledger-key:").contains("nope.key");
  }
}
