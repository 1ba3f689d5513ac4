package org.sanctuary.cli;

import org.sanctuary.gateway.Agreement;
import org.sanctuary.gateway.Partner;
import org.sanctuary.gateway.Gateway;
import org.sanctuary.gateway.GatewayStore;
import org.sanctuary.gateway.GatewayViews;
import org.sanctuary.ledger.store.LedgerReader;
import org.sanctuary.gateway.GatewayAdmin;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import org.sanctuary.config.Config;
import org.sanctuary.ledger.store.PostgresLedger;
import org.sanctuary.policy.Purpose;
import org.sanctuary.policy.engine.PolicySetup;
import org.sanctuary.store.Database;
import org.sanctuary.errors.InvalidInput;
import org.sanctuary.errors.Refused;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code sanctuary gateway ...}: the gateway's administration from the command line, working on
 * the database directly (with the embedded database, while the server is stopped).
 */
@Command(name = "gateway", mixinStandardHelpOptions = true,
    description = "Admit gateway partners and manage their keys.",
    subcommands = {GatewayCommand.PartnerAdd.class, GatewayCommand.KeyRotate.class, GatewayCommand.KeyRevoke.class,
        GatewayCommand.Log.class})
public final class GatewayCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    throw new picocli.CommandLine.ParameterException(spec.commandLine(), "missing command (want partner-add, key-rotate, key-revoke or log)");
  }

  /** Where the database is, and which local policies are on. */
  static final class Store {
    @Option(names = "--data", paramLabel = "DIR", description = "data folder of the embedded database (default: ./data)")
    String data;

    @Option(names = "--db", paramLabel = "JDBC_URL", description = "PostgreSQL server instead of the embedded database")
    String db;

    @Option(names = "--local-policy", paramLabel = "ID", description = "a local-policy pack that is switched on, e.g. chicago-no-dhs-database-access")
    List<String> localPolicies = new ArrayList<>();

    <T> T with(java.util.function.Function<Gateway, T> work) {
      return with((g, reader) -> work.apply(g));
    }

    <T> T with(java.util.function.BiFunction<Gateway, LedgerReader, T> work) {
      Config config = Config.resolve(new Config.Options(null, data, db, null), System.getenv());
      var engine = PolicySetup.engine(null, Set.copyOf(localPolicies));
      var signer = org.sanctuary.ledger.store.LedgerKeys.load(config);
      try (Database database = Database.open(config)) {
        Clock clock = Clock.systemUTC();
        try (PostgresLedger ledger = PostgresLedger.start(database, clock, signer)) {
          return work.apply(Gateway.create(engine, database, ledger, clock, config.city()), new LedgerReader(database));
        }
      }
    }
  }

  private static int refused(CommandSpec spec, Refused r) {
    spec.commandLine().getErr().println("sanctuary: agency: " + r.getMessage() + ": " + r.reason() + " (" + r.citation() + ")");
    return 2;
  }

  @Command(name = "partner-add", mixinStandardHelpOptions = true,
      description = "Admits an agency as a partner under a data-sharing agreement and prints its first API key (shown once).")
  static final class PartnerAdd implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin Store store;

    @Parameters(index = "0", paramLabel = "AGENCY", description = "agency name, acronym or alias from the registry, e.g. FBI")
    String agency;

    @Option(names = "--signed-by", required = true, paramLabel = "NAME", description = "who signed the agreement for the partner")
    String signedBy;

    @Option(names = "--until", required = true, paramLabel = "DATE", description = "last day of the agreement (YYYY-MM-DD)")
    String until;

    @Option(names = "--from", paramLabel = "DATE", description = "first day of the agreement (default: today)")
    String from;

    @Option(names = "--datasets", split = ",", paramLabel = "ID", description = "datasets covered (default: all)")
    List<String> datasets;

    @Option(names = "--purposes", split = ",", paramLabel = "PURPOSE", description = "purposes covered (default: CRIMINAL)")
    List<Purpose> purposes;

    @Option(names = "--rate", paramLabel = "N", description = "look-ups a second (default: 100)")
    Integer rate;

    @Option(names = "--acknowledge-immigration-agency",
        description = "needed when AGENCY is a DHS component or enforces immigration law: you know, and mean it")
    boolean acknowledgeImmigrationAgency;

    @Option(names = "--burst", paramLabel = "N", description = "bucket size (default: 200)")
    Integer burst;

    @Override
    public Integer call() {
      LocalDate end = date("--until", until);
      try {
        String line = store.with(g -> {
          // default: the city's date today (SANCTUARY_CITY_ZONE, default America/Chicago)
          LocalDate start = from == null ? g.admin().city().today(Clock.systemUTC()) : date("--from", from);
          // asked before the admission, so a refusal leaves nothing half done
          g.admin().immigrationWarningForAgency(agency).filter(w -> !acknowledgeImmigrationAgency).ifPresent(w -> {
            throw new InvalidInput("acknowledge-immigration-agency", "acknowledge-immigration-agency: "
                + String.join("; ", w.why()) + " (want --acknowledge-immigration-agency to record an agreement with it)");
          });
          Partner p = g.admin().admit(agency, null, rate, burst);
          List<String> ds = datasets == null ? List.copyOf(g.admin().catalog().ids()) : datasets;
          Set<Purpose> ps = purposes == null ? EnumSet.of(Purpose.CRIMINAL) : EnumSet.copyOf(purposes);
          Agreement a = g.admin().addAgreement(p.id(), ds, ps, start, end, true, signedBy,
              acknowledgeImmigrationAgency);
          GatewayAdmin.IssuedKey k = g.admin().issueKey(p.id(), null);
          return "partner " + p.id() + " (" + p.agencyId() + "), agreement " + a.id() + ", key " + k.keyId() + ": " + k.key();
        });
        PrintWriter out = spec.commandLine().getOut();
        out.println(line);
        out.flush();
        return 0;
      } catch (Refused r) {
        return refused(spec, r);
      }
    }

    private static LocalDate date(String option, String s) {
      return org.sanctuary.policy.json.InputRules.date(option, s);
    }
  }

  @Command(name = "key-rotate", mixinStandardHelpOptions = true, description = "Revokes a key and prints its replacement (shown once).")
  static final class KeyRotate implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin Store store;

    @Parameters(index = "0", paramLabel = "KEY_ID")
    long keyId;

    @Override
    public Integer call() {
      GatewayAdmin.IssuedKey k = store.with(g -> g.admin().rotateKey(keyId));
      spec.commandLine().getOut().println("key " + k.keyId() + " for partner " + k.partnerId() + ": " + k.key());
      spec.commandLine().getOut().flush();
      return 0;
    }
  }

  @Command(name = "key-revoke", mixinStandardHelpOptions = true, description = "Revokes a key; its next use is refused.")
  static final class KeyRevoke implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin Store store;

    @Parameters(index = "0", paramLabel = "KEY_ID")
    long keyId;

    @Override
    public Integer call() {
      store.with(g -> {
        g.admin().revokeKey(keyId);
        return null;
      });
      spec.commandLine().getOut().println("key " + keyId + " revoked");
      spec.commandLine().getOut().flush();
      return 0;
    }
  }

  @Command(name = "log", mixinStandardHelpOptions = true,
      description = "Prints the access log, newest first, one JSON object a line, each with its ledger entry.")
  static final class Log implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin Store store;

    @Option(names = "--limit", paramLabel = "N", description = "at most N lines (default: 20)")
    int limit = 20;

    @Override
    public Integer call() throws Exception {
      if (limit < 1 || limit > 1000) throw org.sanctuary.errors.InvalidInput.of("--limit", String.valueOf(limit), "is out of bounds", "1 to 1000");
      List<String> lines = store.with((g, reader) -> accessLogWithLedger(g, reader, limit));
      PrintWriter out = spec.commandLine().getOut();
      lines.forEach(out::println);
      out.flush();
      return 0;
    }
  }

  /** The newest access-log lines as JSON, each with the exact bytes of its ledger entry. */
  static List<String> accessLogWithLedger(Gateway g, LedgerReader reader, int limit) {
    List<String> out = new ArrayList<>();
    com.fasterxml.jackson.databind.ObjectMapper json = org.sanctuary.web.Json.newMapper();
    var rows = g.admin().accessLog(new GatewayStore.AccessFilter(null, null, null, null, null, limit));
    for (java.util.Map<String, Object> m : GatewayViews.accessJson(rows)) {
      long index = (Long) m.get("ledgerIndex");
      m.put("ledgerEntry", reader.entries(index, index + 1).stream().findFirst()
          .map(e -> new String(e.data(), java.nio.charset.StandardCharsets.UTF_8)).orElse(null));
      try {
        out.add(json.writeValueAsString(m));
      } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
        throw new IllegalStateException(e);
      }
    }
    return out;
  }
}
