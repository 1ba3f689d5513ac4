package org.sanctuary.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.sql.SQLException;
import java.time.Clock;
import org.sanctuary.limits.TokenBuckets;
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
  private static final int MAX_PARTNERS_TRACKED = 100_000;
  private final TokenBuckets<Long> limiter;
  private final Watch watch;
  private final byte[] hashKey;
  private final CityCalendar city;

  GatewayService(Engine engine, GatewayStore store, DatasetCatalog catalog, DatasetRunner runner, Ledger ledger,
      Clock clock, Watch watch, byte[] hashKey, CityCalendar city) {
    this.city = city;
    this.engine = engine;
    this.store = store;
    this.catalog = catalog;
    this.runner = runner;
    this.ledger = ledger;
    this.clock = clock;
    this.limiter = new TokenBuckets<>(clock, MAX_PARTNERS_TRACKED);
    this.watch = watch;
    this.hashKey = hashKey.clone();
  }

  /** What a permitted look-up gives back. */
  public record Answer(String dataset, List<Map<String, Object>> rows, long ledgerIndex) {}

  public Answer query(String authorization, JsonNode body) {
    return query(authorization, () -> body);
  }

  /** The body is read only once the caller is known, so a stranger learns nothing from errors. */
  public Answer query(String authorization, java.util.function.Supplier<JsonNode> readBody) {
    Instant now = clock.instant();
    LocalDate today = city.dateOf(now); // the law and the agreement of the city's date
    Partner partner = authenticate(authorization, now);
    long wait = limiter.acquire(partner.id(), TokenBuckets.Rate.perSecond(partner.burst(), partner.ratePerSecond()));
    if (wait > 0) {
      throw new RateLimited("partner " + partner.id() + " is over its limit of " + partner.ratePerSecond()
          + " look-ups a second (burst " + partner.burst() + ")", wait);
    }
    QueryRequest q = QueryRequest.parse(readBody.get(), catalog);

    Decision decision;
    Optional<Agreement> agreement;
    try {
      decision = engine.decide(new FederalRequest(null, today, Body.CPD, partner.agencyId(), Kind.DATABASE_ACCESS,
          Basis.NONE, q.purpose(), Subject.NONE));
      agreement = store.database().inTransaction(c -> store.agreementOn(c, partner.id(), today));
    } catch (RuntimeException e) {
      throw new Unavailable("the gateway cannot decide this look-up now; nothing was returned", e);
    }
    Verdict verdict = verdict(decision, agreement, q);
    String paramsHash = keyedHash(canonical(q.parameters()));
    String caseHash = keyedHash(q.caseNumber());

    List<Map<String, Object>> rows = List.of();
    List<String[]> marks = List.of();
    String outcome = verdict.permitted() ? "PERMIT" : "DENY";
    SQLException failure = null;
    if (verdict.permitted()) {
      try {
        List<Map<String, Object>> raw = runner.run(q.dataset(), q.values());
        marks = new ArrayList<>();
        rows = release(q.dataset(), partner, raw, marks);
      } catch (SQLException e) {
        failure = e;
        outcome = "ERROR";
      }
    }

    Map<String, Object> f = new LinkedHashMap<>();
    f.put("at", now.toString());
    f.put("partner", partner.id());
    f.put("agency", partner.agencyId());
    f.put("dataset", q.dataset().id());
    f.put("purpose", q.purpose().name());
    f.put("outcome", outcome);
    f.put("rules", verdict.rules());
    f.put("packs", decision.inForce());
    f.put("params", paramsHash);
    f.put("case", caseHash);
    f.put("rows", rows.size());
    List<String[]> issued = marks;
    String result = outcome;
    int released = rows.size();
    // The staff's access-log row and the partner's marks commit with the public entry, in the
    // ledger's batch: one commit for many look-ups, and never one without the other.
    Ledger.Appended appended = ledger.append(LedgerEntry.of("gateway.access", f), Ledger.Write.of((c, index) -> {
      store.logAccess(c, new GatewayStore.Access(0, now, partner.id(), partner.agencyId(), q.dataset().id(),
          q.purpose().name(), result, verdict.reason(), verdict.citation(), paramsHash, caseHash, released, index),
          verdict.rules(), decision.inForce(), issued);
    })).appended(); // fails closed: 503
    watch.afterAccess(partner.id());
    if (failure != null) {
      throw new Unavailable("the record source did not answer; nothing was returned", failure);
    }
    if (!verdict.permitted()) {
      throw new Refused("refused: " + q.dataset().id() + " for " + q.purpose() + " by " + partner.agencyId(),
          verdict.reason(), verdict.citation());
    }
    return new Answer(q.dataset().id(), rows, appended.index());
  }

  private Partner authenticate(String authorization, Instant now) {
    if (authorization == null || !authorization.startsWith("Bearer ") || authorization.length() > 200) {
      throw new CredentialRejected("Authorization: want \"Bearer <key>\" with the partner's API key");
    }
    String key = authorization.substring("Bearer ".length()).strip();
    Optional<Partner> p;
    try {
      p = store.database().inTransaction(c -> store.authenticate(c, key, now));
    } catch (RuntimeException e) {
      throw new Unavailable("the gateway cannot check credentials now; nothing was returned", e);
    }
    return p.orElseThrow(() -> new CredentialRejected("Authorization: the key is unknown, revoked or expired"));
  }

  /** The engine's decision held together with the agreement: both must permit. */
  record Verdict(boolean permitted, String reason, String citation, List<String> rules) {}

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
    Reason first = d.reasons().get(0);
    return new Verdict(true, first.text(), first.citation() + "; " + a.citation(), rules);
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
}
