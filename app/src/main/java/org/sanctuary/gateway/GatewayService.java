package org.sanctuary.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.sql.SQLException;
import java.time.Clock;
import org.sanctuary.limits.Buckets;
import org.sanctuary.config.CityCalendar;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.sanctuary.ledger.store.Ledger;
import org.sanctuary.ledger.store.LedgerEntry;
import org.sanctuary.metrics.Metrics;
import org.sanctuary.policy.Basis;
import org.sanctuary.policy.Body;
import org.sanctuary.policy.Decision;
import org.sanctuary.policy.Effect;
import org.sanctuary.policy.engine.Engine;
import org.sanctuary.policy.FederalRequest;
import org.sanctuary.policy.Kind;
import org.sanctuary.policy.Outcome;
import org.sanctuary.policy.Reason;
import org.sanctuary.policy.Subject;
import org.sanctuary.errors.Refused;
import org.sanctuary.labels.RequestLabels;
import org.sanctuary.errors.RateLimited;
import org.sanctuary.errors.CredentialRejected;
import org.sanctuary.errors.Unavailable;

/**
 * The query path of the data firewall. A look-up is authenticated, rate-limited, checked, decided
 * by the engine as a DATABASE_ACCESS request from the partner's agency on today's date and held
 * to the partner's agreement; only then does the query run. Whatever the outcome, the access is
 * in the ledger and the access log before the caller hears anything; when the engine, the source
 * or the ledger cannot answer, the caller gets 503 and no rows.
 */
public final class GatewayService {
  static final String AGREEMENT = "agreement";
  private static final ObjectMapper CANONICAL =
      JsonMapper.builder().enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS).build();

  private final Engine engine;
  private final GatewayStore store;
  private final DatasetCatalog catalog;
  private final DatasetRunner runner;
  private final Ledger ledger;
  private final Clock clock;
  static final int MAX_PARTNERS_TRACKED = 100_000;
  private final Buckets limiter;
  private final Gatekeeper gatekeeper;
  private final Watch watch;
  private final byte[] hashKey;
  private final Metrics metrics;
  // marks this node gave with committed look-ups: a repeated look-up does not send them again
  private final StoredMarks storedMarks = new StoredMarks(StoredMarks.CAPACITY);
  private final CityCalendar city;

  GatewayService(Engine engine, GatewayStore store, DatasetCatalog catalog, DatasetRunner runner, Ledger ledger,
      Clock clock, Watch watch, byte[] hashKey, CityCalendar city, Buckets limiter, Metrics metrics) {
    this.city = city;
    this.metrics = metrics;
    this.engine = engine;
    this.store = store;
    this.catalog = catalog;
    this.runner = runner;
    this.ledger = ledger;
    this.clock = clock;
    this.limiter = limiter;
    this.gatekeeper = new Gatekeeper(new PartnerDirectory(store::directory), limiter,
        new Buckets.Reading(store.database(), GatewayStore.DIRECTORY_VERSION));
    this.watch = watch;
    this.hashKey = hashKey.clone();
  }

  /**
   * Where a decision finds the partner (counted against its limit), its agreement and the records:
   * for a partner's query, this node's copy of the directory checked in the statement that takes
   * the token ({@link Gatekeeper}), and the source; for {@link Batch}, one copy for the batch and
   * each distinct query's rows once.
   */
  interface Reads {
    /** Empty when the key is unknown, revoked or expired. */
    Optional<Gatekeeper.Admitted> admit(String key, Instant now);

    List<Map<String, Object>> rows(Dataset dataset, Map<String, Object> values) throws SQLException;
  }

  private final Reads direct = new Reads() {
    @Override
    public Optional<Gatekeeper.Admitted> admit(String key, Instant now) {
      return gatekeeper.admit(key, now);
    }

    @Override
    public List<Map<String, Object>> rows(Dataset dataset, Map<String, Object> values) throws SQLException {
      return runner.run(dataset, values);
    }
  };

  /** What a permitted look-up gives back. */
  public record Answer(String dataset, List<Map<String, Object>> rows, long ledgerIndex) {}

  public Answer query(String authorization, JsonNode body) {
    return query(authorization, () -> body);
  }

  /** The body is read only once the caller is known, so a stranger learns nothing from errors. */
  public Answer query(String authorization, java.util.function.Supplier<JsonNode> readBody) {
    Decided d;
    try {
      d = decide(authorization, readBody, direct);
    } catch (CredentialRejected e) {
      metrics.gatewayRefused("credential");
      throw e;
    } catch (RateLimited e) {
      metrics.gatewayRefused("rate_limit");
      throw e;
    }
    // The staff's access-log row and the partner's marks commit with the public entry, in the
    // ledger's batch: one commit for many look-ups, and never one without the other.
    List<String[]> newMarks = storedMarks.unknown(d.partner.id(), d.marks);
    Ledger.Appended appended = ledger.append(d.entry(), Ledger.Rows.into(GatewayStore.ACCESS, index ->
        List.of(new GatewayStore.Logged(d.row(index), d.verdict.rules(), d.decision.inForce(), newMarks))))
        .appended(); // fails closed: 503
    storedMarks.stored(d.partner.id(), newMarks);
    watch.afterAccess(d.partner.id());
    metrics.gatewayLookup(d.outcome);
    if (!d.verdict.permitted()) metrics.gatewayRefused(d.verdict.refusedBy());
    return d.answer(appended.index());
  }

  /**
   * Decides many look-ups that will be recorded together ({@link #recordAll}), for demonstration
   * data; a partner's look-up always goes through {@link #query}. Each look-up is decided by the
   * same code as a query (credentials, rate limit, the body, the engine, the agreement, the
   * dataset's query, marks) and not recorded; the released rows are dropped once counted, as
   * nobody waits for them. The batch reads the directory (partners, keys, agreements) once, when
   * it is made, and each distinct query's rows once, as none of them changes while the batch is
   * made (demonstration data: nobody revokes a key or edits the records meanwhile). Safe for many
   * threads at once; use one per batch.
   */
  public Batch batch() {
    return new Batch();
  }

  /** See {@link #batch}. */
  public final class Batch {
    private final PartnerDirectory.Copy directory = store.directory();
    private final Map<List<Object>, List<Map<String, Object>>> rows = new java.util.concurrent.ConcurrentHashMap<>();
    private final Reads shared = new Reads() {
      @Override
      public Optional<Gatekeeper.Admitted> admit(String key, Instant now) {
        return directory.partnerOf(key, now).map(p ->
            new Gatekeeper.Admitted(p, limiter.acquire(Gatekeeper.bucket(p), Gatekeeper.rate(p)), directory));
      }

      @Override
      public List<Map<String, Object>> rows(Dataset dataset, Map<String, Object> values) throws SQLException {
        List<Object> key = List.of(dataset.id(), values.toString());
        List<Map<String, Object>> known = rows.get(key);
        if (known != null) return known;
        List<Map<String, Object>> read = List.copyOf(direct.rows(dataset, values)); // a failure is not kept
        rows.putIfAbsent(key, read);
        return read;
      }
    };

    private Batch() {}

    /** Decides one look-up of the batch, at the clock's instant; hand it to {@link #recordAll}. */
    public Decided decide(String authorization, JsonNode body) {
      return GatewayService.this.decide(authorization, () -> body, shared).withoutRows();
    }
  }

  private Decided decide(String authorization, java.util.function.Supplier<JsonNode> readBody, Reads reads) {
    if (reads == direct) {
      readBody = readOnce(readBody); // the usual way after a failed try reads the body as it was read
      Decided d = decideInOneTrip(authorization, readBody);
      if (d != null) return d;
    }
    Instant now = clock.instant();
    LocalDate today = city.dateOf(now); // the law and the agreement of the city's date
    Gatekeeper.Admitted admitted = authenticate(authorization, now, reads);
    Partner partner = admitted.partner();
    long wait = admitted.waitSeconds();
    if (wait > 0) {
      throw new RateLimited("partner " + partner.id() + " is over its limit of " + partner.ratePerSecond()
          + " look-ups a second (burst " + partner.burst() + ")", wait);
    }
    QueryRequest q = QueryRequest.parse(readBody.get(), catalog);

    Decision decision;
    Optional<Agreement> agreement;
    try {
      decision = engine.decide(lookUp(partner, today, q));
      agreement = admitted.directory().agreementOn(partner.id(), today);
    } catch (RuntimeException e) {
      throw new Unavailable("the gateway cannot decide this look-up now; nothing was returned", e);
    }
    Verdict verdict = verdict(decision, agreement, q);
    if (!verdict.permitted()) return decided(now, partner, q, decision, verdict, List.of(), null);
    try {
      return decided(now, partner, q, decision, verdict, reads.rows(q.dataset(), q.values()), null);
    } catch (SQLException e) {
      return decided(now, partner, q, decision, verdict, null, e);
    }
  }

  /**
   * A look-up by a key this node's copy of the directory knows, which the copy permits, decided
   * from the copy: its token, the check that the copy is still current and the read of its dataset
   * go to the database in one round trip ({@link Gatekeeper#gate}). Null when any of that does not
   * hold (an unknown key, a bad body, a refusal, a gate that stayed shut, a failure other than the
   * read's time running out): the look-up then goes the usual way, a token and the check first and
   * the read after, which also counts and answers every refusal. A gate that stayed shut kept
   * nothing, so such a look-up is counted once.
   */
  private Decided decideInOneTrip(String authorization, java.util.function.Supplier<JsonNode> readBody) {
    String key = bearerKey(authorization);
    if (key == null) return null;
    Instant now = clock.instant();
    Partner partner;
    QueryRequest q;
    Decision decision;
    Verdict verdict;
    Optional<Buckets.Gate> gate;
    try {
      LocalDate today = city.dateOf(now);
      PartnerDirectory.Copy copy = gatekeeper.directory().current();
      Optional<Partner> known = copy.partnerOf(key, now);
      if (known.isEmpty()) return null;
      partner = known.get();
      q = QueryRequest.parse(readBody.get(), catalog);
      decision = engine.decide(lookUp(partner, today, q));
      verdict = verdict(decision, copy.agreementOn(partner.id(), today), q);
      if (!verdict.permitted()) return null;
      gate = gatekeeper.gate(partner, copy, now);
      if (gate.isEmpty()) return null;
    } catch (RuntimeException e) {
      return null;
    }
    List<Map<String, Object>> raw;
    try {
      raw = runner.run(q.dataset(), q.values(), gate.get());
    } catch (DatasetRunner.GateClosed | RuntimeException e) {
      return null;
    } catch (SQLException e) {
      // The read ran out of time behind an open gate: its token is spent and the copy was current,
      // so it is a failed read, as the usual way records one, not a query to run a second time.
      if (QUERY_CANCELED.equals(e.getSQLState())) return decided(now, partner, q, decision, verdict, null, e);
      return null;
    }
    return decided(now, partner, q, decision, verdict, raw, null);
  }

  // SQLSTATE of a statement cancelled, here by the read's statement_timeout
  private static final String QUERY_CANCELED = "57014";

  // The body read at most once: later calls give the same tree, or throw the same refusal.
  private static java.util.function.Supplier<JsonNode> readOnce(java.util.function.Supplier<JsonNode> read) {
    return new java.util.function.Supplier<>() {
      private JsonNode tree;
      private RuntimeException refused;

      @Override
      public JsonNode get() {
        if (tree == null && refused == null) {
          try {
            tree = read.get();
          } catch (RuntimeException e) {
            refused = e;
          }
        }
        if (refused != null) throw refused;
        return tree;
      }
    };
  }

  private static FederalRequest lookUp(Partner partner, LocalDate today, QueryRequest q) {
    return new FederalRequest(null, today, Body.CPD, partner.agencyId(), Kind.DATABASE_ACCESS, Basis.NONE, q.purpose(),
        Subject.NONE);
  }

  // The look-up decided: the rows released (raw is null when the read failed with failure).
  private Decided decided(Instant now, Partner partner, QueryRequest q, Decision decision, Verdict verdict,
      List<Map<String, Object>> raw, SQLException failure) {
    String paramsHash = keyedHash(canonical(q.parameters()));
    String caseHash = keyedHash(q.caseNumber());
    List<Map<String, Object>> rows = List.of();
    List<String[]> marks = List.of();
    String outcome = verdict.permitted() ? "PERMIT" : "DENY";
    if (failure != null) {
      outcome = "ERROR";
    } else if (verdict.permitted()) {
      marks = new ArrayList<>();
      rows = release(q.dataset(), partner, raw, marks);
    }
    return new Decided(now, partner, q, decision, verdict, outcome, paramsHash, caseHash, rows, marks, failure);
  }

  /**
   * Records decided look-ups in order: their ledger entries, access-log rows and marks in one
   * transaction of the ledger's bulk path, with one checkpoint, or none of them.
   *
   * @return the ledger index of the first
   */
  public long recordAll(List<Decided> decided) {
    if (decided.isEmpty()) throw new IllegalArgumentException("look-ups: none to record");
    List<Decided> all = List.copyOf(decided);
    long first = ledger.bulk((c, appender) -> {
      long[] index = new long[all.size()];
      for (int i = 0; i < index.length; i++) index[i] = appender.append(all.get(i).entry()).index();
      appender.flush(); // the rows read their entries (the synthetic flag)
      store.logAccessAll(c, all, index);
      return Ledger.Outcome.done(index[0]);
    });
    all.stream().mapToLong(d -> d.partner.id()).distinct().forEach(watch::afterAccess);
    return first;
  }

  /**
   * A look-up decided and not yet recorded: its public entry, its access-log row and its marks. What
   * the partner would hear ({@link #answer}) follows once it is recorded.
   */
  public static final class Decided {
    final Instant at;
    final Partner partner;
    final QueryRequest q;
    final Decision decision;
    final Verdict verdict;
    final String outcome;
    final String paramsHash;
    final String caseHash;
    final List<Map<String, Object>> rows; // null once dropped
    final int rowCount;
    final List<String[]> marks;
    final SQLException failure;

    private Decided(Instant at, Partner partner, QueryRequest q, Decision decision, Verdict verdict, String outcome,
        String paramsHash, String caseHash, List<Map<String, Object>> rows, List<String[]> marks,
        SQLException failure) {
      this.at = at;
      this.partner = partner;
      this.q = q;
      this.decision = decision;
      this.verdict = verdict;
      this.outcome = outcome;
      this.paramsHash = paramsHash;
      this.caseHash = caseHash;
      this.rows = rows;
      this.rowCount = rows == null ? 0 : rows.size();
      this.marks = marks;
      this.failure = failure;
    }

    private Decided(Decided d) {
      this.at = d.at;
      this.partner = d.partner;
      this.q = d.q;
      this.decision = d.decision;
      this.verdict = d.verdict;
      this.outcome = d.outcome;
      this.paramsHash = d.paramsHash;
      this.caseHash = d.caseHash;
      this.rows = null;
      this.rowCount = d.rowCount;
      this.marks = d.marks;
      this.failure = d.failure;
    }

    Decided withoutRows() {
      return new Decided(this);
    }

    /** PERMIT, DENY or ERROR. */
    public String outcome() {
      return outcome;
    }

    LedgerEntry entry() {
      Map<String, Object> f = new LinkedHashMap<>();
      f.put("at", at.toString());
      f.put("partner", partner.id());
      f.put("agency", partner.agencyId());
      f.put("dataset", q.dataset().id());
      f.put("purpose", q.purpose().name());
      f.put("outcome", outcome);
      f.put("rules", verdict.rules());
      f.put("packs", decision.inForce());
      f.put("params", paramsHash);
      f.put("case", caseHash);
      f.put("rows", rowCount);
      return LedgerEntry.of("gateway.access", f);
    }

    GatewayStore.Access row(long index) {
      return new GatewayStore.Access(0, at, partner.id(), partner.agencyId(), q.dataset().id(), q.purpose().name(),
          outcome, verdict.reason(), verdict.citation(), paramsHash, caseHash, rowCount, index, false);
    }

    /** What the partner hears once the look-up is recorded at {@code index}: rows, 403 or 503. */
    Answer answer(long index) {
      if (failure != null) {
        throw new Unavailable("the record source did not answer; nothing was returned", failure);
      }
      if (!verdict.permitted()) {
        throw new Refused("refused: " + q.dataset().id() + " for " + q.purpose() + " by " + partner.agencyId(),
            verdict.reason(), verdict.citation());
      }
      return new Answer(q.dataset().id(), rows, index);
    }
  }

  // The key of a well-formed "Bearer <key>" header; null for anything else.
  private static String bearerKey(String authorization) {
    if (authorization == null || !authorization.startsWith("Bearer ") || authorization.length() > 200) return null;
    return authorization.substring("Bearer ".length()).strip();
  }

  private Gatekeeper.Admitted authenticate(String authorization, Instant now, Reads reads) {
    String key = bearerKey(authorization);
    if (key == null) {
      throw new CredentialRejected("Authorization: want \"Bearer <key>\" with the partner's API key");
    }
    Optional<Gatekeeper.Admitted> p;
    try {
      p = reads.admit(key, now);
    } catch (Unavailable e) {
      throw e;
    } catch (RuntimeException e) {
      throw new Unavailable("the gateway cannot check credentials now; nothing was returned", e);
    }
    return p.orElseThrow(() -> new CredentialRejected("Authorization: the key is unknown, revoked or expired"));
  }

  /** The engine's decision held together with the agreement: both must permit. */
  record Verdict(boolean permitted, String reason, String citation, List<String> rules) {
    /** Who refused: the {@code agreement} (the law allowed it) or the {@code law}. */
    String refusedBy() {
      return !rules.isEmpty() && rules.get(rules.size() - 1).startsWith(AGREEMENT + ":") ? "agreement" : "law";
    }
  }

  static Verdict verdict(Decision d, Optional<Agreement> agreement, QueryRequest q) {
    List<String> rules = new ArrayList<>();
    for (Reason r : d.reasons()) rules.add(r.code());
    if (d.outcome() == Outcome.DENY) {
      // every law that forbids it is cited; the reason shown is the database rule when there is one
      List<Reason> denies = d.reasons().stream().filter(r -> r.effect() == Effect.DENY).toList();
      if (denies.isEmpty()) denies = d.reasons();
      Reason shown = denies.stream().filter(r -> r.rule().contains("database")).findFirst().orElse(denies.get(0));
      String citations = String.join("; ", denies.stream().map(Reason::citation).distinct().toList());
      return new Verdict(false, shown.text(), citations, rules);
    }
    if (agreement.isEmpty()) {
      rules.add(AGREEMENT + ":none:DENY");
      return new Verdict(false, "The partner has no data-sharing agreement in force today.",
          "Gateway rule: look-ups only under a signed data-sharing agreement", rules);
    }
    Agreement a = agreement.get();
    if (!a.datasets().contains(q.dataset().id())) {
      rules.add(AGREEMENT + ":" + a.id() + ":dataset:DENY");
      return new Verdict(false, "The partner's agreement does not cover the dataset " + q.dataset().id() + ".",
          a.citation(), rules);
    }
    if (!a.purposes().contains(q.purpose())) {
      rules.add(AGREEMENT + ":" + a.id() + ":purpose:DENY");
      return new Verdict(false, "The partner's agreement does not cover the purpose " + q.purpose() + ".",
          a.citation(), rules);
    }
    rules.add(AGREEMENT + ":" + a.id() + ":PERMIT");
    return new Verdict(true, permitted(d, a, q), citations(d) + "; " + a.citation(), rules);
  }

  /**
   * Why a permitted look-up was permitted, in words: no law in force forbids it, and the agreement
   * covers it. (Each law's own default text speaks of requests it does not address, which reads
   * as nonsense on its own.)
   */
  static String permitted(Decision d, Agreement a, QueryRequest q) {
    int laws = d.inForce().size();
    String noLaw = laws == 1 ? "the law in force on " + d.asOf() + " does not forbid"
        : "none of the " + laws + " laws in force on " + d.asOf() + " forbids";
    return "Permitted: " + noLaw + " the " + RequestLabels.requester(d.requester()) + " to look up police records for "
        + RequestLabels.purpose(q.purpose()).toLowerCase(java.util.Locale.ROOT)
        + ", and the partner's data-sharing agreement #" + a.id() + " covers the dataset " + q.dataset().id()
        + " for that purpose.";
  }

  // the laws that were asked, each cited once
  private static String citations(Decision d) {
    List<String> cited = d.reasons().stream().map(Reason::citation).distinct().toList();
    return cited.isEmpty() ? "no law in force forbids it" : String.join("; ", cited);
  }

  /** Drops never-leave columns and turns record keys into this partner's marks. */
  static List<Map<String, Object>> release(Dataset d, Partner p, List<Map<String, Object>> raw, List<String[]> marks) {
    List<Map<String, Object>> out = new ArrayList<>(raw.size());
    for (Map<String, Object> row : raw) {
      Map<String, Object> kept = new LinkedHashMap<>();
      for (String col : d.released()) {
        Object v = row.get(col);
        if (d.marked().contains(col) && v != null) {
          String mark = Marks.mark(p.markSecret(), d.id(), col, v.toString());
          marks.add(new String[] {mark, col, v.toString()});
          v = mark;
        }
        kept.put(col, v);
      }
      out.add(kept);
    }
    return out;
  }

  // Parameters are often names: a plain hash of them could be confirmed by guessing, so the
  // public ledger gets SHA-256 keyed with the city's secret (HMAC); only the city can recompute it.
  String keyedHash(String text) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(hashKey, "HmacSHA256"));
      return HexFormat.of().formatHex(mac.doFinal(text.getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is missing from this JDK", e);
    }
  }

  private static String canonical(JsonNode params) {
    try {
      Object tree = CANONICAL.treeToValue(params, Object.class);
      return CANONICAL.writeValueAsString(tree);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  DatasetRunner runner() {
    return runner;
  }

  /** This node's copy of the directory: tests count its reads. */
  PartnerDirectory directory() {
    return gatekeeper.directory();
  }

  /** Tests count the statements that admit a look-up before its read. */
  Gatekeeper gatekeeper() {
    return gatekeeper;
  }
}
