package org.sanctuary.requests.web;


import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.sanctuary.errors.CredentialRejected;
import org.sanctuary.errors.InvalidInput;
import org.sanctuary.ledger.store.LedgerReader;
import org.sanctuary.ledger.witnessing.CheckpointPublisher;
import org.sanctuary.policy.FederalRequest;
import org.sanctuary.policy.InputException;
import org.sanctuary.policy.json.DecisionJson;
import org.sanctuary.policy.json.RequestJson;
import org.sanctuary.register.ChicagoTime;
import org.sanctuary.register.Received;
import org.sanctuary.register.Recorder;
import org.sanctuary.register.Register;
import org.sanctuary.register.web.Recording;
import org.sanctuary.web.JsonBody;

/**
 * {@code POST /api/v1/decisions}: one request (object) or many (array, at most 1,000). Without a
 * credential it is a trial: decided and answered the same way, {@code "recorded": false}, never
 * stored or ledgered (200). With a records-system token or a records clerk's session the requests
 * are recorded, all or none, each answered with its receipt (201).
 */
public final class DecisionController {
  static final int MAX_BATCH = 1000;
  private final Register register;
  private final Recording recording;
  private final LedgerReader ledger;
  private final CheckpointPublisher publisher;

  public DecisionController(Register register, Recording recording, LedgerReader ledger) {
    this(register, recording, ledger, CheckpointPublisher.unwitnessed(ledger));
  }

  /** As above; receipts also name the published cosigned checkpoint when it covers the entry. */
  public DecisionController(Register register, Recording recording, LedgerReader ledger,
      CheckpointPublisher publisher) {
    this.register = register;
    this.recording = recording;
    this.ledger = ledger;
    this.publisher = publisher;
  }

  public void create(Context ctx) {
    // A bad credential is refused before anything is read; a token revoked on another node since
    // this one last saw it, when its requests are stored (nothing is).
    Optional<Recorder> by = recording.recorder(ctx);
    JsonNode body = JsonBody.read(ctx, JsonNode.class);
    if (body == null || !(body.isObject() || body.isArray())) {
      throw new InvalidInput("body", "body: want a request object or an array of them");
    }
    if (body.isArray() && body.size() > MAX_BATCH) {
      throw new InvalidInput("body", "body: " + body.size() + " requests in one call (want at most " + MAX_BATCH + ")");
    }
    // every request is read and decided before any is stored, so a bad item records nothing
    List<FederalRequest> requests = new ArrayList<>();
    if (body.isObject()) {
      requests.add(decidable(RequestJson.parse(body)));
    } else {
      for (int i = 0; i < body.size(); i++) {
        try {
          requests.add(decidable(RequestJson.parse(body.get(i))));
        } catch (InputException e) {
          throw new InputException("[" + i + "]." + e.field(), "request " + (i + 1) + ": " + e.getMessage());
        }
      }
    }
    if (by.isEmpty()) {
      recording.limitTrial(ctx);
      ArrayNode out = JsonNodeFactory.instance.arrayNode();
      for (FederalRequest r : requests) out.add(trial(r));
      JsonBody.answer(ctx.status(200), body.isObject() ? out.get(0) : out);
      return;
    }
    List<Register.Item> items = new ArrayList<>();
    for (FederalRequest r : requests) {
      items.add(Register.Item.of(new Received(r, new ChicagoTime.When(r.received(), null), null, null, null)));
    }
    List<Register.Recorded> recorded;
    try {
      recorded = register.record(items, by.get());
    } catch (CredentialRejected e) {
      recording.refused(by.get()); // revoked since this node last saw it
      throw e;
    }
    JsonBody.answerBytes(ctx.status(201), RecordedAnswer.write(recorded, body.isArray(), ledger, publisher));
  }

  // pure and cheap: a date with no law in force fails here, before anything is stored
  private FederalRequest decidable(FederalRequest r) {
    register.engine().decide(r);
    return r;
  }

  private ObjectNode trial(FederalRequest r) {
    ObjectNode o = DecisionJson.write(register.trial(r));
    o.put("recorded", false);
    return o;
  }
}
