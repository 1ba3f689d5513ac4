package org.sanctuary.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sanctuary.ledger.monitor.StaticTileLog;
import org.sanctuary.ledger.note.Cosigner;
import org.sanctuary.ledger.note.Signer;

/** {@code sanctuary ledger monitor} against logs that behave, fork, roll back or lie in their tiles. */
class LedgerMonitorTest {
  private static final Signer LOG = Signer.generate("city.example/ledger");
  private static final String KEY = LOG.verifier().encoded();
  private static final Cosigner W1 = Cosigner.generate("w1.example/witness");
  private static final Cosigner W2 = Cosigner.generate("w2.example/witness");

  @TempDir Path dir;
  private final List<StaticTileLog> logs = new ArrayList<>();
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  @AfterEach
  void stop() {
    logs.forEach(StaticTileLog::close);
  }

  private StaticTileLog serve(StaticTileLog.View view) {
    StaticTileLog log = StaticTileLog.start(LOG, view);
    logs.add(log);
    return log;
  }

  private int monitor(StaticTileLog log, String... more) {
    out.getBuffer().setLength(0);
    err.getBuffer().setLength(0);
    List<String> args = new ArrayList<>(List.of("ledger", "monitor", log.uri().toString(), "--key", KEY,
        "--state", dir.resolve("state").toString(), "--once"));
    args.addAll(List.of(more));
    return Main.execute(args.toArray(String[]::new), new PrintWriter(out, true), new PrintWriter(err, true));
  }

  @Test
  void monitor_honestGrowingLog_exits0AndRemembersWhereItWas() throws Exception {
    StaticTileLog log = serve(StaticTileLog.view(LOG, StaticTileLog.entries("a", 300)));
    assertThat(monitor(log)).as(err.toString()).isZero();
    assertThat(out.toString()).startsWith("ok: city.example/ledger size 300 root ").contains("300 entries checked");
    assertThat(Files.readString(dir.resolve("state"))).contains("key " + KEY).contains("\n300\n");

    log.show(StaticTileLog.view(LOG, StaticTileLog.entries("a", 700)));
    assertThat(monitor(log)).as(err.toString()).isZero();
    assertThat(out.toString()).contains("size 700").contains("400 entries checked").contains("extends size 300");
    assertThat(monitor(log)).isZero(); // the same checkpoint again
  }

  @Test
  void monitor_twoCheckpointsOfTheSameSizeSignedByTheLog_exits1NamingTheFork() {
    StaticTileLog log = serve(StaticTileLog.view(LOG, StaticTileLog.entries("a", 300)));
    assertThat(monitor(log)).isZero();
    log.show(StaticTileLog.view(LOG, StaticTileLog.entries("b", 300)));
    assertThat(monitor(log)).isEqualTo(1);
    assertThat(err.toString()).startsWith("sanctuary ledger monitor: INCONSISTENT: fork: two checkpoints of size 300"
        + " signed by the log's key");
    // the state still holds what was seen first, so the fork is reported again next time
    assertThat(monitor(log)).isEqualTo(1);
  }

  @Test
  void monitor_largerCheckpointRewritingHistory_exits1() {
    StaticTileLog log = serve(StaticTileLog.view(LOG, StaticTileLog.entries("a", 300)));
    assertThat(monitor(log)).isZero();
    List<byte[]> rewritten = StaticTileLog.entries("a", 500);
    rewritten.set(17, "changed".getBytes());
    log.show(StaticTileLog.view(LOG, rewritten));
    assertThat(monitor(log)).isEqualTo(1);
    assertThat(err.toString()).contains("fork: the checkpoint of size 500 does not extend the one of size 300 seen before");
  }

  @Test
  void monitor_smallerCheckpoint_exits1NamingTheRollback() {
    StaticTileLog log = serve(StaticTileLog.view(LOG, StaticTileLog.entries("a", 700)));
    assertThat(monitor(log)).isZero();
    log.show(StaticTileLog.view(LOG, StaticTileLog.entries("a", 300)));
    assertThat(monitor(log)).isEqualTo(1);
    assertThat(err.toString()).contains("rollback: the log now shows size 300");
  }

  @Test
  void monitor_otherVantagePointShownAFork_exits1NamingTheSplitView() {
    StaticTileLog log = serve(StaticTileLog.view(LOG, StaticTileLog.entries("a", 300)));
    StaticTileLog other = serve(StaticTileLog.view(LOG, StaticTileLog.entries("b", 300)));
    String elsewhere = other.uri() + "/tlog/checkpoint";
    assertThat(monitor(log, "--compare", elsewhere)).isEqualTo(1);
    assertThat(err.toString()).contains("split view: " + elsewhere + " was shown size 300 with root");

    // a vantage point that saw a later checkpoint of the same log agrees, through the log's consistency proof
    StaticTileLog later = serve(StaticTileLog.view(LOG, StaticTileLog.entries("a", 900)));
    log.show(StaticTileLog.view(LOG, StaticTileLog.entries("a", 900), 300));
    assertThat(monitor(log, "--compare", later.uri() + "/tlog/checkpoint")).as(err.toString()).isZero();
    assertThat(out.toString()).contains("agrees with 1 other vantage point(s)");
  }

  @Test
  void monitor_requiredWitnesses_countsValidCosignatures() {
    StaticTileLog log = serve(StaticTileLog.view(LOG, StaticTileLog.entries("a", 10), W1));
    assertThat(monitor(log, "--witness", W1.verifier().encoded(), "--witness", W2.verifier().encoded())).isEqualTo(1);
    assertThat(err.toString()).contains("carries valid cosignatures from 1 of the given witnesses (want at least 2);"
        + " missing: w2.example/witness");
    assertThat(monitor(log, "--witness", W1.verifier().encoded(), "--witness", W2.verifier().encoded(), "--quorum", "1"))
        .as(err.toString()).isZero();
    assertThat(out.toString()).contains("1 witness cosignature(s)");
  }

  @Test
  void monitor_tileOrEntryNotMatchingTheCheckpoint_exits1() {
    StaticTileLog log = serve(StaticTileLog.view(LOG, StaticTileLog.entries("a", 600)));
    log.tamper("tile/0/000");
    assertThat(monitor(log)).isEqualTo(1);
    assertThat(err.toString()).contains("tile/0/000 hashes to");
    log.tamper("tile/entries/001");
    assertThat(monitor(log)).isEqualTo(1);
    assertThat(err.toString()).contains("does not hash to its leaf in tile/0/001");
  }

  @Test
  void monitor_checkpointNotSignedByTheKey_exits1() {
    StaticTileLog log = serve(StaticTileLog.view(Signer.generate("city.example/ledger"), StaticTileLog.entries("a", 5)));
    assertThat(monitor(log)).isEqualTo(1);
    assertThat(err.toString()).contains("INCONSISTENT: checkpoint from").contains("no signature by city.example/ledger+");
  }

  @Test
  void monitor_badWitnessKey_exits2NamingIt() {
    StaticTileLog log = serve(StaticTileLog.view(LOG, StaticTileLog.entries("a", 5)));
    assertThat(monitor(log, "--witness", KEY)).isEqualTo(2);
    assertThat(err.toString()).startsWith("sanctuary: witness: \"" + KEY + "\" is not a witness key");
  }
}
