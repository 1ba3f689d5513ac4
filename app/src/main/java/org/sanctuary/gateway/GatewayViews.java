package org.sanctuary.gateway;


import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;

/** What the staff pages show: plain values, never a partner's mark secret or a key's hash. */
public final class GatewayViews {
  private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);

  private GatewayViews() {}

  public static String when(Instant at) {
    return at == null ? "" : WHEN.format(at);
  }

  /**
   * An agreement's condition the form left unmet, as a sentence for the page; the API keeps naming
   * the field and the value it wants.
   */
  public static String agreementProblem(org.sanctuary.errors.InvalidInput e) {
    return switch (e.field() == null ? "" : e.field()) {
      case "noOnwardDisclosure" -> "Tick the box to confirm that the agreement carries the clause below: the partner"
          + " passes nothing it obtains through the gateway to anyone enforcing civil immigration law. No agreement"
          + " can be recorded without it.";
      case "datasets" -> "Choose at least one dataset the agreement covers.";
      case "purposes" -> "Choose at least one purpose the agreement allows.";
      case "startsOn" -> "Enter the agreement's first day.";
      case "endsOn" -> "Enter the agreement's last day: the first day or later.";
      case "signedBy" -> "Enter who signed the agreement for the partner (at most 200 characters).";
      default -> e.getMessage();
    };
  }

  public record PartnerRow(long id, String agency, String name, int ratePerSecond, int burst, Instant admittedAt) {
    public static PartnerRow of(Partner p) {
      return new PartnerRow(p.id(), p.agencyId(), p.name(), p.ratePerSecond(), p.burst(), p.admittedAt());
    }
  }

  public record AgreementRow(long id, List<String> datasets, List<String> purposes, String startsOn, String endsOn,
      String clause, String signedBy) {
    public static AgreementRow of(Agreement a) {
      return new AgreementRow(a.id(), a.datasets(), a.purposes().stream().map(Enum::name).sorted().toList(),
          a.startsOn().toString(), a.endsOn().toString(), Agreement.CLAUSE, a.signedBy());
    }
  }

  public record KeyRow(long id, String prefix, Instant createdAt, Instant expiresAt, Instant revokedAt, boolean live) {
    public static KeyRow of(GatewayStore.KeyInfo k, Instant now) {
      return new KeyRow(k.id(), k.prefix(), k.createdAt(), k.expiresAt(), k.revokedAt(), k.liveAt(now));
    }
  }

  /** A key just issued: its only showing. */
  public record NewKey(long id, String key) {}

  public record DatasetRow(String id, String title, Map<String, String> parameters, List<String> returns,
      List<String> neverLeave, List<String> marked, int rowLimit) {
    public static DatasetRow of(Dataset d) {
      Map<String, String> params = new java.util.LinkedHashMap<>();
      d.parameters().values().forEach(p -> params.put(p.name(), p.want()));
      return new DatasetRow(d.id(), d.title(), params, d.released(), d.neverLeave().stream().sorted().toList(),
          d.marked().stream().sorted().toList(), d.rowLimit());
    }
  }

  public record AccessRow(long id, Instant at, long partnerId, String agency, String dataset, String purpose,
      String outcome, String reason, String citation, int rows, long ledgerIndex, String proof, boolean synthetic) {
    public static AccessRow of(GatewayStore.Access a) {
      return new AccessRow(a.id(), a.at(), a.partnerId(), a.agencyId(), a.dataset(), a.purpose(), a.outcome(),
          a.reason(), a.citation(), a.rows(), a.ledgerIndex(), proofLink(a.ledgerIndex()), a.synthetic());
    }
  }

  public record AlertRow(long partnerId, String agency, long lastHour, String hourlyMean, long distinctLastHour,
      String description) {
    public static AlertRow of(Watch.Figures f) {
      return new AlertRow(f.partnerId(), f.agencyId(), f.lastHour(), String.format("%.1f", f.hourlyMean()),
          f.distinctLastHour(), f.describe());
    }
  }

  static final String LEDGER_PROOF = "/api/v1/ledger/proof/inclusion?index=%d&size=%d";

  /** Access-log rows as the staff API and the command line show them. */
  public static List<Map<String, Object>> accessJson(List<GatewayStore.Access> rows) {
    List<Map<String, Object>> out = new ArrayList<>();
    for (GatewayStore.Access a : rows) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("id", a.id());
      m.put("at", a.at().toString());
      m.put("partner", a.partnerId());
      m.put("agency", a.agencyId());
      m.put("dataset", a.dataset());
      m.put("purpose", a.purpose());
      m.put("outcome", a.outcome());
      m.put("reason", a.reason());
      m.put("citation", a.citation());
      m.put("rows", a.rows());
      m.put("ledgerIndex", a.ledgerIndex());
      m.put("proof", proofLink(a.ledgerIndex()));
      out.add(m);
    }
    return out;
  }

  // proved against a tree that holds the entry: size index + 1 is the smallest such tree
  public static String proofLink(long index) {
    return String.format(LEDGER_PROOF, index, index + 1);
  }
}
