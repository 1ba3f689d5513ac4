package org.sanctuary.policy.json;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.sanctuary.policy.Decision;
import org.sanctuary.policy.Obligation;
import org.sanctuary.policy.Reason;

/** Writes a decision as the JSON of design.md, fields in a fixed order. */
public final class DecisionJson {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private DecisionJson() {}

  public static ObjectNode write(Decision d) {
    ObjectNode o = MAPPER.createObjectNode();
    if (d.requestId() != null) o.put("id", d.requestId());
    o.put("outcome", d.outcome().name());
    o.put("asOf", d.asOf().toString());
    if (d.requester() == null) {
      o.putNull("requester");
    } else {
      o.put("requester", d.requester());
    }
    ArrayNode inForce = o.putArray("inForce");
    d.inForce().forEach(inForce::add);
    ArrayNode reasons = o.putArray("reasons");
    for (Reason r : d.reasons()) {
      ObjectNode n = reasons.addObject();
      n.put("pack", r.pack());
      n.put("rule", r.rule());
      n.put("effect", r.effect().name());
      n.put("citation", r.citation());
      n.put("text", r.text());
      if (!r.lifts().isEmpty()) {
        ArrayNode l = n.putArray("lifts");
        r.lifts().forEach(l::add);
      }
    }
    ArrayNode obligations = o.putArray("obligations");
    for (Obligation ob : d.obligations()) {
      ObjectNode n = obligations.addObject();
      n.put("pack", ob.pack());
      n.put("rule", ob.rule());
      n.put("citation", ob.citation());
      n.put("text", ob.text());
      if (ob.dueDays() != null) n.put("dueDays", ob.dueDays());
    }
    return o;
  }
}
