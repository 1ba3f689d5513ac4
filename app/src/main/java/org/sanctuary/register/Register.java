package org.sanctuary.register;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.sanctuary.errors.Conflict;
import org.sanctuary.errors.InvalidInput;
import org.sanctuary.errors.NotFound;
import org.sanctuary.incidents.IncidentKey;
import org.sanctuary.ledger.store.Ledger;
import org.sanctuary.ledger.store.LedgerEntry;
import org.sanctuary.metrics.Metrics;
import org.sanctuary.policy.Body;
import org.sanctuary.policy.Decision;
import org.sanctuary.policy.FederalRequest;
import org.sanctuary.policy.InputException;
import org.sanctuary.policy.Obligation;
import org.sanctuary.policy.engine.Engine;
import org.sanctuary.policy.json.DecisionJson;
import org.sanctuary.store.Database;

/**
 * The register of received requests. Recording a request decides it with the engine and writes
 * the request, its duties (as tasks with deadlines) and its ledger entry in one transaction,
 * naming who recorded it; completing its outcome or a duty is a ledger entry too. Several requests
 * at once (an API batch, a CSV import) are one transaction with all their entries: all or nothing.
 */
public final class Register {
  /** Rows written per statement by an import. */
  static final int IMPORT_SLICE = 5_000;
  private static final String PERSON_REF = "person_ref";

  private final Engine engine;
  private final Database database;
  private final RegisterStore store;
  private final Ledger ledger;
  private final IncidentKey key;
  private final Clock clock;
  private final Metrics metrics;

  /** {@code key} seals person references; without one the register refuses to keep any. */
  public Register(Engine engine, Database database, Ledger ledger, IncidentKey key, Clock clock) {
    this(engine, database, ledger, key, clock, Metrics.none());
  }

  /** As above, counting each decision, recorded or tried, in {@code metrics}. */
  public Register(Engine engine, Database database, Ledger ledger, IncidentKey key, Clock clock, Metrics metrics) {
    this.engine = engine;
    this.database = database;
    this.store = new RegisterStore(database);
    this.ledger = ledger;
    this.key = key;
    this.clock = clock;
    this.metrics = metrics;
  }

  /** A request to record: what was received, its outcome when already known, and the caller's own id. */
  public record Item(Received received, RegisterOutcome outcome, String callerRef, Instant oemcNotifiedAt) {
    public Item {
      Objects.requireNonNull(received, "received");
      outcome = outcome == null ? RegisterOutcome.UNKNOWN : outcome;
      if (callerRef != null && callerRef.length() > Received.MAX_TEXT) {
        throw new InvalidInput("id", "id: longer than " + Received.MAX_TEXT + " characters");
      }
    }

    public static Item of(Received received) {
      return new Item(received, null, received.request().id(), null);
    }
  }

  /** A request read from named values (a form): the item, or the problems by field. */
  public record Read(Item item, Map<String, String> problems) {}

  /**
   * Reads a request from values named as the CSV's columns ({@code received_at}, ...); the outcome
   * fields and {@code oemc_notified_at} are read too. Every bad field is named.
   */
  public static Read read(java.util.function.Function<String, String> values) {
    List<RegisterCsv.Problem> problems = new ArrayList<>();
    Optional<RegisterCsv.Row> row = RegisterCsv.parse(0, values, problems);
    if (row.isEmpty()) {
      Map<String, String> byField = new java.util.LinkedHashMap<>();
      for (RegisterCsv.Problem p : problems) byField.putIfAbsent(p.field(), p.message());
      return new Read(null, byField);
    }
    RegisterCsv.Row r = row.get();
    return new Read(new Item(r.received(), r.outcome(), null, r.oemcNotifiedAt()), Map.of());
  }

  /** Reads outcome fields alone (the entry page's form); every bad field is named. */
  public static RegisterOutcome readOutcome(java.util.function.Function<String, String> values) {
    return RegisterCsv.outcome(values);
  }

  /**
   * A recorded request: the decision, its public id, where its entry landed, and the decision's
   * JSON as the register stored it ({@link DecisionJson}'s, shared by every request decided alike).
   */
  public record Recorded(Decision decision, UUID request, Ledger.Appended appended, String decisionJson) {}

  public Engine engine() {
    return engine;
  }

  public RegisterStore store() {
    return store;
  }

  /** What the engine answers, before anything is saved (a trial). */
  public Decision preview(Received r) {
    return engine.decide(r.request());
  }

  /** What the law says of a request nobody records: decided, counted as a trial, kept nowhere. */
  public Decision trial(FederalRequest request) {
    Decision d = engine.decide(request);
    metrics.decided(d.outcome().name(), false);
    return d;
  }

  /**
   * Records requests, all or none. Every request is decided before anything is written, so a date
   * with no law in force refuses the whole call naming the item ({@code [i].received}).
   */
  public List<Recorded> record(List<Item> items, Recorder by) {
    if (items.isEmpty()) return List.of();
    List<Prepared> prepared = new ArrayList<>(items.size());
    Instant at = clock.instant();
    Rows rows = new Rows();
    for (int i = 0; i < items.size(); i++) {
      try {
        prepared.add(rows.prepare(items.get(i), by, at));
      } catch (InputException e) {
        if (items.size() == 1) throw e;
        throw new InvalidInput("[" + i + "]." + e.field(), "request " + (i + 1) + ": " + e.getMessage());
      }
    }
    // one unit: every request with its entry in one group commit, or none; the write keeps no
    // state (rows are built from the prepared requests and the index it is given)
    List<LedgerEntry> entries = prepared.stream().map(Prepared::entry).toList();
    // each answer carries a receipt: returns once a checkpoint covers the last entry
    Ledger.Recorded<Void> done = ledger.appendAllCovered(entries, Ledger.Rows.into(RegisterStore.INSERT, first -> {
      List<NewRow> written = new ArrayList<>(prepared.size());
      for (int i = 0; i < prepared.size(); i++) written.add(prepared.get(i).row(first + i));
      return written;
    }));
    List<Recorded> out = new ArrayList<>(prepared.size());
    for (int i = 0; i < prepared.size(); i++) {
      Prepared p = prepared.get(i);
      out.add(new Recorded(p.decision(), p.publicId(), done.entries().get(i), p.decisionJson()));
      metrics.decided(p.decision().outcome().name(), true);
    }
    return out;
  }

  /** Sets a request's outcome fields (all of them: an empty field clears it). */
  public void setOutcome(UUID request, RegisterOutcome outcome, Recorder by) {
    RegisterStore.Entry e = store.entry(request).orElseThrow(() -> new NotFound("no recorded request " + request));
    outcome.checkAfter(new ChicagoTime.When(e.received(), e.receivedAt()));
    LedgerEntry entry = RegisterEntries.outcome(request, clock.instant(), outcome, by);
    ledger.append(entry, Ledger.Write.of((c, index) -> RegisterStore.updateOutcome(c, e.id(), outcome, index)));
  }

  /** Marks one duty of a request done. */
  public void markDone(UUID request, long taskId, Recorder by) {
    RegisterStore.Entry e = store.entry(request).orElseThrow(() -> new NotFound("no recorded request " + request));
    RegisterStore.Task task = e.tasks().stream().filter(t -> t.id() == taskId).findFirst()
        .orElseThrow(() -> new NotFound("request " + request + " has no duty " + taskId));
    if (task.doneAt() != null) throw new Conflict("this duty was marked done already");
    Instant now = clock.instant();
    ledger.append(RegisterEntries.taskDone(request, now, task.pack(), task.rule(), by), (c, index) ->
        RegisterStore.markDone(c, e.id(), taskId, now, index) ? Ledger.Outcome.done(null)
            : Ledger.Outcome.refused(new Conflict("this duty was marked done meanwhile")));
  }

  /** The person reference of an entry, unsealed, or null when none is kept. */
  public String reference(RegisterStore.Entry e) {
    if (e.personRef() == null || key == null) return null;
    return key.decrypt(e.personRef(), e.publicId().toString(), PERSON_REF);
  }

  public CpdQuarterly cpdQuarterly(int year, int quarter) {
    checkYear(year);
    if (quarter < 1 || quarter > 4) throw InvalidInput.of("quarter", Integer.toString(quarter), "is not a quarter", "1 to 4");
    return store.cpdQuarterly(year, quarter);
  }

  public TrustAct trustAct(int year, Body agency) {
    checkYear(year);
    if (agency != Body.CPD && agency != Body.COOK_COUNTY_SHERIFF) {
      throw InvalidInput.of("agency", agency.name(), "is not a law enforcement agency", "CPD or COOK_COUNTY_SHERIFF");
    }
    return store.trustAct(year, agency);
  }

  public Replay.Result replay(int year, List<String> packs) {
    checkYear(year);
    return new Replay(engine, packs).run(store, year);
  }

  static void checkYear(int year) {
    if (year < 1985 || year > 2100) throw InvalidInput.of("year", Integer.toString(year), "is out of range", "1985 to 2100");
  }

  // ---- import ----

  /** What an import did: stored every row, or refused the file. */
  public sealed interface ImportResult permits Imported, ImportProblems {}

  /** Every row stored, and the ledger indexes their entries took. */
  public record Imported(long rows, long firstIndex, long lastIndex) implements ImportResult {}

  /** The file refused: every bad line and field. Nothing was stored. */
  public record ImportProblems(List<String> lines) implements ImportResult {
    public ImportProblems {
      lines = List.copyOf(lines);
    }
  }

  /**
   * Imports a register CSV: every row is read and decided first; one bad row refuses the file
   * (the result lists them all) and nothing is stored. A good file is stored in one transaction
   * with all its ledger entries, {@value #IMPORT_SLICE} rows a statement.
   *
   * @param file opens the file; it is read twice (check, then store)
   */
  public ImportResult importCsv(Supplier<Reader> file) {
    long[] good = {0};
    List<RegisterCsv.Problem> problems = check(file, good);
    if (!problems.isEmpty()) return new ImportProblems(problems.stream().map(RegisterCsv.Problem::toString).toList());
    if (good[0] == 0) return new Imported(0, -1, -1);
    Instant at = clock.instant();
    return ledger.bulk((c, appender) -> {
      Rows rows = new Rows();
      List<NewRow> slice = new ArrayList<>(IMPORT_SLICE);
      long[] seen = {0, -1, -1};
      List<RegisterCsv.Problem> late = read(file, row -> {
        try {
          Prepared p = rows.prepare(new Item(row.received(), row.outcome(), null, row.oemcNotifiedAt()), Recorder.IMPORT, at);
          Ledger.Appended a = appender.append(p.entry());
          if (seen[1] < 0) seen[1] = a.index();
          seen[2] = a.index();
          seen[0]++;
          slice.add(p.row(a.index()));
          if (slice.size() == IMPORT_SLICE) flush(c, slice);
        } catch (SQLException e) {
          throw new SliceFailed(e);
        }
      });
      if (!late.isEmpty()) {
        return Ledger.Outcome.refused(new InvalidInput("file",
            "file: it changed while it was imported (" + late.get(0) + "); nothing was stored"));
      }
      flush(c, slice);
      return Ledger.Outcome.done(new Imported(seen[0], seen[1], seen[2]));
    });
  }

  private static void flush(Connection c, List<NewRow> slice) throws SQLException {
    RegisterStore.copyAll(c, slice);
    slice.clear();
  }

  private List<RegisterCsv.Problem> check(Supplier<Reader> file, long[] good) {
    List<RegisterCsv.Problem> problems = new ArrayList<>();
    problems.addAll(read(file, row -> {
      try {
        engine.decide(row.received().request());
        good[0]++;
      } catch (InputException e) {
        problems.add(new RegisterCsv.Problem(row.line(), "received_at", "received_at: " + e.getMessage()));
      }
    }));
    problems.sort((a, b) -> Integer.compare(a.line(), b.line()));
    return problems;
  }

  private static List<RegisterCsv.Problem> read(Supplier<Reader> file, java.util.function.Consumer<RegisterCsv.Row> each) {
    try (Reader in = file.get()) {
      return RegisterCsv.read(in, each);
    } catch (java.nio.charset.CharacterCodingException e) {
      throw new InvalidInput("file", "file: is not UTF-8 text (want a CSV saved as UTF-8)");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (SliceFailed e) {
      throw e;
    }
  }

  /** A statement of an import failed; carried out of the row callback. */
  private static final class SliceFailed extends RuntimeException {
    private static final long serialVersionUID = 1L;

    SliceFailed(SQLException cause) {
      super(cause.getMessage(), cause);
    }
  }

  // ---- preparing rows ----

  /** A request decided and ready: its entry, and its row once the entry's index is known. */
  private record Prepared(UUID publicId, Decision decision, String decisionJson, LedgerEntry entry,
      java.util.function.LongFunction<NewRow> rows) {
    NewRow row(long index) {
      return rows.apply(index);
    }
  }

  // What many recorded requests share, kept across calls (a call records one request, most often).
  private final Map<Object, String> decisionJsons = new ConcurrentHashMap<>();
  private final Map<List<String>, List<String>> versionsInForce = new ConcurrentHashMap<>();

  /**
   * Decides and prepares rows, reusing what many rows share: the pack versions and the decision
   * JSON of a verdict (the engine hands out one verdict per shape and epoch).
   */
  private final class Rows {
    Prepared prepare(Item item, Recorder by, Instant at) {
      Received r = item.received();
      Decision d = engine.decide(r.request());
      List<String> packs = versionsInForce.computeIfAbsent(d.inForce(), Register.this::packVersions);
      UUID publicId = UUID.randomUUID();
      String decisionJson = decisionJson(d);
      byte[] sealed = r.reference() == null ? null : seal(r.reference(), publicId);
      ReportDuties.Lists lists = ReportDuties.Lists.of(d.obligations());
      List<NewRow.TaskRow> tasks = new ArrayList<>(d.obligations().size());
      for (Obligation o : d.obligations()) {
        boolean oemcDone = item.oemcNotifiedAt() != null && ReportDuties.of(o.pack(), o.rule()) == ReportDuties.OEMC_NOTICE;
        tasks.add(new NewRow.TaskRow(o.pack(), o.rule(), o.citation(), o.text(), Deadlines.due(o, r.request().received()),
            oemcDone ? item.oemcNotifiedAt() : null));
      }
      LedgerEntry entry = RegisterEntries.decision(publicId, at, r.request(), d, packs, by, item.outcome());
      String joined = String.join(",", packs);
      return new Prepared(publicId, d, decisionJson, entry, index -> new NewRow(publicId, item.callerRef(), r, d, joined, decisionJson,
          at, index, by, sealed, item.outcome(), lists, tasks));
    }

    private String decisionJson(Decision d) {
      if (d.requestId() != null) return DecisionJson.write(d).toString();
      if (decisionJsons.size() > 100_000) decisionJsons.clear();
      return decisionJsons.computeIfAbsent(new JsonKey(d.verdict(), d.asOf(), d.requester()),
          k -> DecisionJson.write(d).toString());
    }
  }

  /** Same verdict object, day and requester: the same decision JSON. */
  private record JsonKey(Object verdict, LocalDate asOf, String requester) {
    @Override
    public boolean equals(Object o) {
      return o instanceof JsonKey k && k.verdict == verdict && k.asOf.equals(asOf) && Objects.equals(k.requester, requester);
    }

    @Override
    public int hashCode() {
      return System.identityHashCode(verdict) * 31 + asOf.hashCode() * 7 + Objects.hashCode(requester);
    }
  }

  private List<String> packVersions(List<String> inForce) {
    List<String> out = new ArrayList<>(inForce.size());
    for (String id : inForce) out.add(engine.pack(id).map(p -> p.pack().versionedId()).orElse(id));
    return List.copyOf(out);
  }

  private byte[] seal(String reference, UUID publicId) {
    if (key == null) {
      throw new InvalidInput("reference", "reference: this register keeps no person references (no key is configured)");
    }
    return key.encrypt(reference, publicId.toString(), PERSON_REF);
  }

  /** Today in Chicago, for the overdue rule. */
  public LocalDate today() {
    return clock.instant().atZone(ChicagoTime.ZONE).toLocalDate();
  }

  public Optional<RegisterStore.Entry> entry(UUID id) {
    return store.entry(id);
  }

  public List<RegisterStore.Line> list(int year) {
    checkYear(year);
    return store.list(year, 500, today());
  }
}
