package org.sanctuary.bench.register;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.Supplier;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;
import org.sanctuary.config.DatabaseServer;
import org.sanctuary.ledger.note.Signer;
import org.sanctuary.ledger.store.PostgresLedger;
import org.sanctuary.policy.Body;
import org.sanctuary.policy.engine.PolicySetup;
import org.sanctuary.register.Register;
import org.sanctuary.store.Database;

/**
 * The register at scale, each figure next to PostgreSQL's own floor in the same run:
 *
 * <ol>
 *   <li>import N rows from CSV ({@code ./sanctuary register import}: every row decided, stored with
 *       its duties and ledgered, one transaction) against {@code COPY ... FROM STDIN} of the same
 *       rows (the stored requests and duties, exported from the import) into an empty register;
 *   <li>each report over the N-row register against the same counts as one plain SQL aggregate.
 * </ol>
 *
 * <pre>
 * java -Xmx4g -cp ... org.sanctuary.bench.register.ImportAndReports --db ADMIN_JDBC_URL [ROWS] [WORK_DIR]
 * java -cp ... org.sanctuary.bench.register.ImportAndReports --db ADMIN_JDBC_URL --reports-only DATABASE
 * </pre>
 *
 * {@code ADMIN_JDBC_URL} names a database on the server whose user may create databases; the run
 * creates two fresh ones ({@code register_bench_import_*}, {@code register_bench_copy_*}) and drops
 * them at the end.
 */
public final class ImportAndReports {
  private static final int REPEAT = 5;

  private ImportAndReports() {}

  public static void main(String[] args) throws Exception {
    if (args.length < 2 || !args[0].equals("--db")) {
      System.err.println("usage: ImportAndReports --db ADMIN_JDBC_URL [ROWS] [WORK_DIR]");
      System.exit(2);
    }
    String admin = args[1];
    if (args.length > 3 && args[2].equals("--reports-only")) {
      // the reports again over a register a kept run imported (REGISTER_BENCH_KEEP=1)
      try (Database db = Database.connect(DatabaseServer.of(withDatabase(admin, args[3])))) {
        analyze(db);
        reports(db, new Register(PolicySetup.engine(null, java.util.Set.of()), db, null, null, Clock.systemUTC()));
      }
      return;
    }
    int rows = args.length > 2 ? Integer.parseInt(args[2]) : 1_000_000;
    Path work = Files.createDirectories(Path.of(args.length > 3 ? args[3] : "bench/target/register-bench"));
    String suffix = Long.toString(System.currentTimeMillis());
    String importDb = "register_bench_import_" + suffix;
    String copyDb = "register_bench_copy_" + suffix;
    execute(admin, "CREATE DATABASE " + importDb);
    execute(admin, "CREATE DATABASE " + copyDb);
    try {
      run(admin, importDb, copyDb, rows, work);
    } finally {
      if (System.getenv("REGISTER_BENCH_KEEP") != null) {
        System.out.println("kept database " + importDb);
        return;
      }
      execute(admin, "DROP DATABASE IF EXISTS " + importDb + " WITH (FORCE)");
      execute(admin, "DROP DATABASE IF EXISTS " + copyDb + " WITH (FORCE)");
    }
  }

  private static void run(String admin, String importDb, String copyDb, int rows, Path work) throws Exception {
    Path csv = work.resolve("register-" + rows + ".csv");
    long t0 = System.nanoTime();
    generate(csv, rows, new Random(20261202L));
    System.out.printf("generated %,d rows (%,d bytes) in %.1f s%n", rows, Files.size(csv), secs(t0));

    DatabaseServer importServer = DatabaseServer.of(withDatabase(admin, importDb));
    DatabaseServer copyServer = DatabaseServer.of(withDatabase(admin, copyDb));
    try (Database db = Database.connect(importServer); Database floor = Database.connect(copyServer)) {
      Clock clock = Clock.systemUTC();
      Register register;
      double importSeconds;
      try (PostgresLedger ledger = PostgresLedger.start(db, clock, Signer.generate("bench.example/ledger"))) {
        register = new Register(PolicySetup.engine(null, java.util.Set.of()), db, ledger, null, clock);
        Supplier<java.io.Reader> open = () -> {
          try {
            return Files.newBufferedReader(csv, StandardCharsets.UTF_8);
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        };
        long start = System.nanoTime();
        Register.ImportResult result = register.importCsv(open);
        importSeconds = secs(start);
        System.out.printf("import: %s in %.1f s (%,.0f rows/s)%n", result, importSeconds, rows / importSeconds);
      }
      analyze(db);

      // the floor: COPY of the very rows the import stored, into an empty register
      Path requests = work.resolve("federal_request.copy");
      Path duties = work.resolve("obligation_task.copy");
      copyOut(db, "federal_request", requests);
      copyOut(db, "obligation_task", duties);
      long start = System.nanoTime();
      try (Connection c = floor.dataSource().getConnection()) {
        c.setAutoCommit(false);
        copyIn(c, "federal_request", requests);
        copyIn(c, "obligation_task", duties);
        c.commit();
      }
      double copySeconds = secs(start);
      System.out.printf("COPY floor: %,d bytes of requests and %,d of duties in %.1f s%n", Files.size(requests),
          Files.size(duties), copySeconds);
      System.out.printf("import / COPY = %.2f (goal: at most 3)%n", importSeconds / copySeconds);
      Files.deleteIfExists(requests);
      Files.deleteIfExists(duties);

      reports(db, register);
    }
  }

  private static void reports(Database db, Register register) {
    for (int q = 1; q <= 4; q++) {
      int quarter = q;
      double report = median(() -> register.cpdQuarterly(2024, quarter).received());
      double floor = median(() -> aggregate(db, "SELECT count(*) FILTER (WHERE cpd_log),"
          + " count(*) FILTER (WHERE cpd_log AND disposition = 'TRANSFERRED'), count(*) FILTER (WHERE oemc_notice),"
          + " count(*) FILTER (WHERE oemc_notice AND oemc_notified_index IS NOT NULL)"
          + " FROM federal_request WHERE receiving_agency = 'CPD' AND (cpd_log OR oemc_notice) AND received >= DATE '2024-01-01'"
          + " + make_interval(months => " + 3 * (quarter - 1) + ") AND received < DATE '2024-01-01'"
          + " + make_interval(months => " + 3 * quarter + ")"));
      long items = register.cpdQuarterly(2024, quarter).received();
      System.out.printf("cpd-quarterly 2024 Q%d (%,d items): report %.0f ms, aggregate %.0f ms, ratio %.2f%n",
          quarter, items, report * 1000, floor * 1000, report / floor);
    }
    for (Body body : List.of(Body.CPD, Body.COOK_COUNTY_SHERIFF)) {
      double report = median(() -> register.trustAct(2024, body).detainers().size());
      double floor = median(() -> aggregate(db, "SELECT count(*) FILTER (WHERE ag_assistance),"
          + " count(*) FILTER (WHERE ag_detainer) FROM federal_request WHERE receiving_agency = '" + body.name() + "'"
          + " AND (ag_assistance OR ag_detainer) AND received >= DATE '2024-01-01' AND received < DATE '2025-01-01'"));
      var r = register.trustAct(2024, body);
      System.out.printf("trust-act 2024 %s (%,d + %,d items): report %.0f ms, aggregate %.0f ms, ratio %.2f%n",
          body, r.assistanceRequests().size(), r.detainers().size(), report * 1000, floor * 1000, report / floor);
    }
  }

  /** The median of REPEAT timed runs, after one untimed run. */
  private static double median(Supplier<Object> work) {
    work.get();
    double[] t = new double[REPEAT];
    for (int i = 0; i < REPEAT; i++) {
      long start = System.nanoTime();
      work.get();
      t[i] = secs(start);
    }
    Arrays.sort(t);
    return t[REPEAT / 2];
  }

  private static Object aggregate(Database db, String sql) {
    return db.inTransaction(c -> {
      try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
        rs.next();
        long sum = 0;
        for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) sum += rs.getLong(i);
        return sum;
      }
    });
  }

  private static void analyze(Database db) {
    try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement()) {
      s.execute("VACUUM ANALYZE federal_request");
      s.execute("VACUUM ANALYZE obligation_task");
    } catch (java.sql.SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void copyOut(Database db, String table, Path file) throws Exception {
    try (Connection c = db.dataSource().getConnection(); OutputStream out = Files.newOutputStream(file)) {
      CopyManager copy = c.unwrap(PGConnection.class).getCopyAPI();
      copy.copyOut("COPY " + table + " TO STDOUT (FORMAT binary)", out);
    }
  }

  private static void copyIn(Connection c, String table, Path file) throws Exception {
    try (InputStream in = Files.newInputStream(file)) {
      CopyManager copy = c.unwrap(PGConnection.class).getCopyAPI();
      copy.copyIn("COPY " + table + " FROM STDIN (FORMAT binary)", in, 1 << 16);
    }
  }

  // A year of a busy log, from a fixed seed: mostly CPD and the county jail, mostly detainers.
  static void generate(Path file, int rows, Random random) throws IOException {
    String[] requesters = {"ICE", "U.S. Immigration and Customs Enforcement", "ICE ERO", "CBP", "FBI", "DEA",
        "U.S. Marshals"};
    try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      w.write("received_at,receiving_agency,requester,kind,basis,purpose,bail_posted_at,disposition,disposition_at,"
          + "transferred_to,document\n");
      LocalDateTime start = LocalDateTime.of(2024, 1, 1, 0, 0);
      for (int i = 0; i < rows; i++) {
        LocalDateTime at = start.plusMinutes(random.nextInt(366 * 24 * 60 - 3 * 24 * 60));
        double b = random.nextDouble();
        String body = b < 0.7 ? "CPD" : b < 0.95 ? "COOK_COUNTY_SHERIFF" : "CITY";
        String requester = requesters[random.nextInt(10) < 7 ? random.nextInt(3) : 3 + random.nextInt(4)];
        double k = random.nextDouble();
        String kind = k < 0.6 ? "DETAINER" : k < 0.7 ? "ASSISTANCE" : k < 0.8 ? "INFORMATION" : k < 0.9 ? "NOTIFICATION"
            : "TRANSFER";
        String document = kind.equals("ASSISTANCE") ? "NONE" : random.nextDouble() < 0.9
            ? new String[] {"I-247A", "I-247A", "I-247D", "I-200", "I-205"}[random.nextInt(5)] : "JUDICIAL_WARRANT";
        String basis = document.equals("NONE") ? "NONE" : document.equals("JUDICIAL_WARRANT") ? "JUDICIAL_WARRANT"
            : "ADMINISTRATIVE_WARRANT";
        String purpose = random.nextDouble() < 0.8 ? "CIVIL_IMMIGRATION" : "CRIMINAL";
        String bail = "";
        String disposition = "";
        String dispositionAt = "";
        String to = "";
        double d = random.nextDouble();
        if (d < 0.5) {
          disposition = "RELEASED";
          dispositionAt = at.plusHours(2 + random.nextInt(72)).toString();
          if (random.nextBoolean()) bail = at.plusHours(1).toString();
        } else if (d < 0.55) {
          disposition = "TRANSFERRED";
          dispositionAt = at.plusHours(2 + random.nextInt(72)).toString();
          to = random.nextBoolean() ? "ICE" : "U.S. Marshals";
        } else if (d < 0.8) {
          disposition = random.nextBoolean() ? "REMAINS_IN_CUSTODY" : "NOT_IN_CUSTODY";
        }
        w.write(String.join(",", at.toString(), body, requester, kind, basis, purpose, bail, disposition, dispositionAt,
            to, document));
        w.write('\n');
      }
    }
  }

  private static String withDatabase(String url, String database) {
    return url.replaceFirst("(jdbc:postgresql://[^/]+/)[^?]*", "$1" + database);
  }

  private static void execute(String url, String sql) throws Exception {
    try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
      s.execute(sql);
    }
  }

  private static double secs(long start) {
    return (System.nanoTime() - start) / 1e9;
  }
}
