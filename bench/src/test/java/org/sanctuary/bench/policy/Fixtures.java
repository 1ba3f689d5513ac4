package org.sanctuary.bench.policy;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.sanctuary.policy.Basis;
import org.sanctuary.policy.Body;
import org.sanctuary.policy.engine.Engine;
import org.sanctuary.policy.FederalRequest;
import org.sanctuary.policy.Kind;
import org.sanctuary.policy.Purpose;
import org.sanctuary.policy.Subject;
import org.sanctuary.policy.agency.Agency;
import org.sanctuary.policy.agency.AgencyRegistry;
import org.sanctuary.policy.pack.PackLoader;

/** The engine the alternatives are checked against, and the requests they are checked on. */
final class Fixtures {
  static final AgencyRegistry REGISTRY = AgencyRegistry.builtIn();
  static final Engine ENGINE = Engine.of(PackLoader.builtIn(), REGISTRY, Set.of());

  private Fixtures() {}

  static FederalRequest[] stream2022() {
    return RequestStreams.year2022(RequestStreams.SEED, RequestStreams.SIZE);
  }

  /**
   * Every request a 2022 rule can tell apart: one agency of each requester class (agencies with
   * the same facets look the same to every rule), every kind, basis, purpose and set of subject
   * facts, for both bodies.
   */
  static List<FederalRequest> everyShape2022() {
    List<FederalRequest> out = new ArrayList<>();
    LocalDate day = LocalDate.of(2022, 7, 1);
    for (List<Agency> sameFacets : REGISTRY.classes().values()) {
      String requester = sameFacets.get(0).name();
      for (Body body : List.of(Body.CPD, Body.COOK_COUNTY_SHERIFF)) {
        for (Kind kind : Kind.values()) {
          for (Basis basis : Basis.values()) {
            for (Purpose purpose : Purpose.values()) {
              for (int bits = 0; bits < 16; bits++) {
                out.add(new FederalRequest("shape-" + out.size(), day, body, requester, kind, basis, purpose,
                    Subject.ofBits(bits)));
              }
            }
          }
        }
      }
    }
    return out;
  }
}
