package org.sanctuary.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.Optional;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.sanctuary.config.Config;
import org.sanctuary.config.ConfigException;
import org.sanctuary.ledger.monitor.Inconsistency;
import org.sanctuary.ledger.monitor.LedgerMonitor;
import org.sanctuary.ledger.monitor.MonitorState;
import org.sanctuary.ledger.note.CosignatureVerifier;
import org.sanctuary.ledger.note.Verifier;
import org.sanctuary.ledger.store.LedgerAudit;
import org.sanctuary.ledger.store.LedgerKeys;
import org.sanctuary.store.Database;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code sanctuary ledger verify}: recomputes the stored log and checks every signed head. */
@Command(name = "ledger", mixinStandardHelpOptions = true, description = "Checks the public ledger.",
    subcommands = {LedgerCommand.Verify.class, LedgerCommand.Monitor.class})
public final class LedgerCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    spec.commandLine().usage(spec.commandLine().getErr());
    return Main.BAD_INPUT;
  }

  @Command(name = "verify", mixinStandardHelpOptions = true,
      description = {"Recomputes the tree from the stored entries, checks every stored checkpoint's signature and "
          + "root, their consistency, and that no index is missing.",
          "Exit 0 when intact; 1 naming the first bad index or checkpoint."})
  static final class Verify implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--data", paramLabel = "DIR", description = "data folder (default: ./" + Config.DEFAULT_DATA + ")")
    String data;

    @Option(names = "--db", paramLabel = "JDBC_URL", description = "PostgreSQL server instead of the embedded database")
    String db;

    @Option(names = "--ledger-key", paramLabel = "FILE",
        description = "the log's signer key file; its public half is trusted (default: DIR/" + Config.DEFAULT_LEDGER_KEY + ")")
    String ledgerKey;

    @Option(names = "--key", paramLabel = "VERIFIER",
        description = "also trust this published verifier key, e.g. one retired by a rotation (repeatable)")
    List<String> keys = new ArrayList<>();

    @Override
    public Integer call() {
      Config config = Config.resolve(new Config.Options(null, data, db, null, ledgerKey, null), System.getenv());
      List<Verifier> trusted = new ArrayList<>();
      for (String k : keys) {
        try {
          trusted.add(Verifier.parse(k));
        } catch (IllegalArgumentException e) {
          throw new ConfigException("key", k, "is not a verifier key", "<name>+<key id>+<base64 key>");
        }
      }
      var file = config.ledger().keyFileIn(config.dataDirectory());
      if (Files.exists(file)) {
        trusted.add(LedgerKeys.read(file).verifier());
      } else if (trusted.isEmpty()) {
        throw new ConfigException("ledger-key", file.toString(), "does not exist",
            "the log's key file, or its verifier key with --key");
      }
      PrintWriter out = spec.commandLine().getOut();
      PrintWriter err = spec.commandLine().getErr();
      LedgerAudit.Result result;
      try (Database database = Database.open(config)) {
        result = LedgerAudit.verify(database, trusted);
      }
      if (result.intact()) {
        out.println("ledger intact: " + result.entries() + " entries, " + result.checkpoints()
            + " checkpoints (latest at size " + result.latestSize() + ")");
        out.flush();
        return Main.OK;
      }
      err.println("sanctuary ledger verify: " + result.problem().get());
      err.flush();
      return Main.FAILURE;
    }
  }

  @Command(name = "monitor", mixinStandardHelpOptions = true,
      description = {"Follows a log over its public endpoints (/tlog/ tiles and checkpoint): checks every checkpoint's "
          + "signature and the cosignatures of the given witnesses, that each checkpoint extends the last one seen, "
          + "that every new entry hashes to its leaf, and that other vantage points saw the same log.",
          "Exit 0 when all is consistent (with --once); 1 naming the first inconsistency or failure."})
  static final class Monitor implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(index = "0", paramLabel = "URL", description = "the log's base URL, e.g. http://127.0.0.1:8080")
    String url;

    @Option(names = "--key", paramLabel = "VKEY",
        description = "the log's verifier key (default: the state file's, else the log's own /api/v1/ledger/key on first use)")
    String key;

    @Option(names = "--witness", paramLabel = "VKEY", description = "a witness whose cosignature is required (repeatable)")
    List<String> witnesses = new ArrayList<>();

    @Option(names = "--quorum", paramLabel = "N", description = "how many of the witnesses must have cosigned (default: all)")
    Integer quorum;

    @Option(names = "--compare", paramLabel = "CHECKPOINT_URL",
        description = "another vantage point's copy of the checkpoint, e.g. a witness's http://host:port/<sha256 of origin>/checkpoint (repeatable)")
    List<String> compare = new ArrayList<>();

    @Option(names = "--state", paramLabel = "FILE", description = "where to keep the last checkpoint seen between runs")
    String state;

    @Option(names = "--once", description = "check once and exit")
    boolean once;

    @Option(names = "--interval", paramLabel = "SECONDS", description = "time between checks (default: 30)")
    int interval = 30;

    @Override
    public Integer call() throws InterruptedException {
      LedgerMonitor monitor = new LedgerMonitor(settings());
      Path stateFile = state == null ? null : Path.of(state);
      PrintWriter out = spec.commandLine().getOut();
      PrintWriter err = spec.commandLine().getErr();
      Optional<MonitorState> previous = Optional.empty();
      if (stateFile != null) {
        try {
          previous = MonitorState.read(stateFile);
        } catch (IOException e) {
          throw new ConfigException("state", state, "cannot be read (" + e.getMessage() + ")", "a monitor state file");
        }
      }
      while (true) {
        try {
          LedgerMonitor.Report report = monitor.check(previous);
          previous = Optional.of(report.state());
          if (stateFile != null) report.state().write(stateFile);
          out.println(report.line());
          out.flush();
        } catch (Inconsistency e) {
          err.println("sanctuary ledger monitor: INCONSISTENT: " + e.getMessage());
          err.flush();
          return Main.FAILURE;
        } catch (IOException | UncheckedIOException e) {
          err.println("sanctuary ledger monitor: cannot check " + url + ": " + e.getMessage());
          err.flush();
          if (once) return Main.FAILURE;
        }
        if (once) return Main.OK;
        Thread.sleep(Math.max(1, interval) * 1000L);
      }
    }

    private LedgerMonitor.Settings settings() {
      URI log;
      try {
        log = URI.create(url);
      } catch (IllegalArgumentException e) {
        throw new ConfigException("URL", url, "is not a URL", "the log's base URL, e.g. http://127.0.0.1:8080");
      }
      if (!("http".equals(log.getScheme()) || "https".equals(log.getScheme())) || log.getHost() == null) {
        throw new ConfigException("URL", url, "is not an http(s) URL with a host", "e.g. http://127.0.0.1:8080");
      }
      Verifier logKey = null;
      if (key != null) {
        try {
          logKey = Verifier.parse(key);
        } catch (IllegalArgumentException e) {
          throw new ConfigException("key", key, "is not a log verifier key", "<origin>+<key id>+<base64 key>");
        }
      }
      List<CosignatureVerifier> required = new ArrayList<>();
      for (String w : witnesses) {
        try {
          required.add(CosignatureVerifier.parse(w));
        } catch (IllegalArgumentException e) {
          throw new ConfigException("witness", w, "is not a witness key (" + e.getMessage() + ")",
              "<name>+<key id>+<base64 of 0x04 and the key>");
        }
      }
      int q = quorum == null ? required.size() : quorum;
      if (q < 0 || q > required.size()) {
        throw new ConfigException("quorum", String.valueOf(quorum), "is out of range", "0 to " + required.size());
      }
      List<URI> others = new ArrayList<>();
      for (String c : compare) {
        try {
          others.add(URI.create(c));
        } catch (IllegalArgumentException e) {
          throw new ConfigException("compare", c, "is not a URL", "the URL of a checkpoint");
        }
      }
      return new LedgerMonitor.Settings(log, logKey, required, q, others);
    }
  }
}
