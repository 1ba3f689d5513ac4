package org.sanctuary.register;

import java.util.List;
import org.sanctuary.policy.Obligation;

/**
 * Which list of which report a duty puts a request on. The packs say what must be logged (the
 * obligations of MCC 2-173-069 and 5 ILCS 805/25); the register records the request on the lists
 * its decision's duties name, so the reports follow the law as encoded, date by date.
 */
public enum ReportDuties {
  /** CPD's detainer and administrative-warrant log, MCC 2-173-069(a)(2). */
  CPD_LOG("chicago-act-2020", "log-detainer-or-warrant"),
  /** CPD's notification to OEMC of a request for assistance, MCC 2-173-069(a)(1). */
  OEMC_NOTICE("chicago-act-2020", "document-assistance-request"),
  /** The Attorney General report's detainers and civil warrants, 5 ILCS 805/25(a)(2). */
  AG_DETAINER("illinois-trust-act-2021", "record-detainer-or-warrant"),
  /** The Attorney General report's requests for assistance, 5 ILCS 805/25(a)(1). */
  AG_ASSISTANCE("illinois-trust-act-2021", "record-assistance-request"),
  /** Any other duty. */
  NONE("", "");

  private final String pack;
  private final String rule;

  ReportDuties(String pack, String rule) {
    this.pack = pack;
    this.rule = rule;
  }

  public String pack() {
    return pack;
  }

  public String rule() {
    return rule;
  }

  public static ReportDuties of(String pack, String rule) {
    for (ReportDuties d : values()) {
      if (d != NONE && d.pack.equals(pack) && d.rule.equals(rule)) return d;
    }
    return NONE;
  }

  /** The lists a decision's duties put the request on. */
  public record Lists(boolean cpdLog, boolean oemcNotice, boolean agDetainer, boolean agAssistance) {
    public static Lists of(List<Obligation> obligations) {
      boolean cpd = false, oemc = false, agd = false, aga = false;
      for (Obligation o : obligations) {
        switch (ReportDuties.of(o.pack(), o.rule())) {
          case CPD_LOG -> cpd = true;
          case OEMC_NOTICE -> oemc = true;
          case AG_DETAINER -> agd = true;
          case AG_ASSISTANCE -> aga = true;
          case NONE -> { }
        }
      }
      return new Lists(cpd, oemc, agd, aga);
    }
  }
}
