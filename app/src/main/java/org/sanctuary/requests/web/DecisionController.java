package org.sanctuary.requests.web;

import org.sanctuary.requests.*;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.sanctuary.ledger.store.LedgerReader;
import org.sanctuary.ledger.web.ReceiptJson;
import org.sanctuary.ledger.witnessing.CheckpointPublisher;
import org.sanctuary.policy.FederalRequest;
import org.sanctuary.policy.InputException;
import org.sanctuary.policy.json.DecisionJson;
import org.sanctuary.policy.json.RequestJson;
import org.sanctuary.errors.InvalidInput;
import org.sanctuary.web.JsonBody;

/** {@code POST /api/v1/decisions}: one request (object) or many (array, at most 1,000). */
public final class DecisionController {
  static final int MAX_BATCH = 1000;
  private final DecisionService service;
  private final LedgerReader ledger;
  private final CheckpointPublisher publisher;

  public DecisionController(DecisionService service, LedgerReader ledger) {
    this(service, ledger, CheckpointPublisher.unwitnessed(ledger));
  }

  /** As above; receipts also name the published cosigned checkpoint when it covers the entry. */
  public DecisionController(DecisionService service, LedgerReader ledger, CheckpointPublisher publisher) {
    this.service = service;
    this.ledger = ledger;
    this.publisher = publisher;
  }

  public void create(Context ctx) {
    JsonNode body = JsonBody.read(ctx, JsonNode.class);
    if (body == null || !(body.isObject() || body.isArray())) {
      throw new InvalidInput("body", "body: want a request object or an array of them");
    }
    if (body.isObject()) {
      ctx.status(201).json(answer(service.decide(RequestJson.parse(body))));
      return;
    }
    if (body.size() > MAX_BATCH) {
      throw new InvalidInput("body", "body: " + body.size() + " requests in one call (want at most " + MAX_BATCH + ")");
    }
    // every request is read before any is decided, so a bad item records nothing
    List<FederalRequest> requests = new ArrayList<>();
    for (int i = 0; i < body.size(); i++) {
      try {
        requests.add(RequestJson.parse(body.get(i)));
      } catch (InputException e) {
        throw new InputException("[" + i + "]." + e.field(), "request " + (i + 1) + ": " + e.getMessage());
      }
    }
    // one unit: every request is recorded with its entry in one commit, or none is
    ArrayNode out = JsonNodeFactory.instance.arrayNode();
    for (DecisionService.Recorded r : service.decideAll(requests)) out.add(answer(r));
    ctx.status(201).json(out);
  }

  // The receipt: where the entry landed, a signed checkpoint covering it, and the proof.
  private ObjectNode answer(DecisionService.Recorded rec) {
    ObjectNode o = DecisionJson.write(rec.decision());
    o.put("request", rec.stored().publicId().toString());
    ObjectNode out = o.putObject("ledger");
    out.put("index", rec.appended().index());
    out.put("leafHash", Base64.getEncoder().encodeToString(rec.appended().leafHash()));
    ReceiptJson.write(out, ledger, publisher, rec.appended().index());
    return o;
  }
}
