package org.sanctuary.register;

import java.util.List;
import org.sanctuary.policy.Body;

/**
 * One agency's annual report to the Illinois Attorney General (5 ILCS 805/25): (a)(1) the requests
 * for assistance in civil immigration enforcement and how each was addressed, and (a)(2) each
 * detainer or civil immigration warrant with its outcome. An empty list is certified as such. No
 * names or other personal identifiers (§25(b)).
 */
public record TrustAct(int year, Body agency, List<Assistance> assistanceRequests, List<Detainer> detainers,
    Checkpoint checkpoint, boolean synthetic) {

  public TrustAct {
    assistanceRequests = List.copyOf(assistanceRequests);
    detainers = List.copyOf(detainers);
  }

  /** §25(a)(1): a request for assistance, who asked, and how it was addressed (outcome, citations). */
  public record Assistance(String received, String requester, String outcome, List<String> citations) {
    public Assistance {
      citations = List.copyOf(citations);
    }
  }

  /**
   * §25(a)(2): (A) the day received, (B) when bail was posted, (C) released or transferred, (D) when,
   * (E) the receiving agency.
   */
  public record Detainer(String received, String bailPostedAt, String disposition, String dispositionAt,
      String receivingAgency) {}

  public boolean assistanceCertifiedNone() {
    return assistanceRequests.isEmpty();
  }

  public boolean detainersCertifiedNone() {
    return detainers.isEmpty();
  }

  /** The certification of §25(a)(1) when there was nothing to report. */
  public String assistanceCertification() {
    return "The " + label(agency) + " certifies that in " + year + " it received no request from the Department of"
        + " Homeland Security or Immigration and Customs Enforcement for participation, support or assistance in"
        + " an immigration agent's civil enforcement operation (5 ILCS 805/25(a)(1)).";
  }

  /** The certification of §25(a)(2) when there was nothing to report. */
  public String detainerCertification() {
    return "The " + label(agency) + " certifies that in " + year + " it received no immigration detainer and no"
        + " civil immigration warrant (5 ILCS 805/25(a)(2)).";
  }

  public static String label(Body body) {
    return body == Body.COOK_COUNTY_SHERIFF ? "Cook County Sheriff's Office" : body.label();
  }
}
