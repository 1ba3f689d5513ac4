package org.sanctuary.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.sanctuary.config.Config;
import org.sanctuary.config.ConfigException;
import org.sanctuary.ledger.note.Verifier;
import org.sanctuary.ledger.store.LedgerAudit;
import org.sanctuary.ledger.store.LedgerKeys;
import org.sanctuary.store.Database;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code sanctuary ledger verify}: recomputes the stored log and checks every signed head. */
@Command(name = "ledger", mixinStandardHelpOptions = true, description = "Checks the public ledger.",
    subcommands = {LedgerCommand.Verify.class})
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
}
