package org.sanctuary.incidents.routing;

import java.util.Objects;
import org.sanctuary.incidents.model.Investigator;

/** Who investigates a report, and the pack and rule that say so. */
public record Route(Investigator routedTo, String pack, String rule, String citation, String text) {
  public Route {
    Objects.requireNonNull(routedTo, "routedTo");
    Objects.requireNonNull(pack, "pack");
    Objects.requireNonNull(rule, "rule");
    Objects.requireNonNull(citation, "citation");
    Objects.requireNonNull(text, "text");
  }
}
