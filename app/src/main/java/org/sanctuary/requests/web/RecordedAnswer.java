package org.sanctuary.requests.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import org.sanctuary.ledger.store.LedgerReader;
import org.sanctuary.ledger.web.ReceiptJson;
import org.sanctuary.ledger.witnessing.CheckpointPublisher;
import org.sanctuary.register.Register;
import org.sanctuary.web.Json;

/**
 * The answer to recorded requests, as bytes: each decision's JSON as the register stored it (the
 * same for every request decided alike, so it is written once and kept), then {@code recorded},
 * {@code request} and the receipt under {@code ledger}. The reasons and duties with their texts
 * are most of an answer; building them into a tree and writing it again for every request cost
 * the node more than the rest of the answer.
 */
public final class RecordedAnswer {
  private static final ObjectMapper MAPPER = Json.newMapper();
  private static final byte[] RECORDED = ",\"recorded\":true,\"request\":\"".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] LEDGER = "\",\"ledger\":".getBytes(StandardCharsets.US_ASCII);

  private RecordedAnswer() {}

  /** One answer, or ({@code array}) a JSON array of them in order. */
  static byte[] write(List<Register.Recorded> recorded, boolean array, LedgerReader ledger,
      CheckpointPublisher publisher) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(recorded.size() * 4096);
    if (array) out.write('[');
    for (int i = 0; i < recorded.size(); i++) {
      if (i > 0) out.write(',');
      Register.Recorded rec = recorded.get(i);
      write(out, rec.decisionJson(), rec.request(), receipt(rec, ledger, publisher));
    }
    if (array) out.write(']');
    return out.toByteArray();
  }

  /**
   * One answer: the fields of {@code decisionJson} (a JSON object with at least one field), then
   * {@code recorded}, {@code request} and {@code receipt} (a JSON object) under {@code ledger}.
   */
  public static void write(ByteArrayOutputStream out, String decisionJson, UUID request, byte[] receipt) {
    byte[] decision = decisionJson.getBytes(StandardCharsets.UTF_8);
    if (decision.length <= 2 || decision[0] != '{' || decision[decision.length - 1] != '}') {
      throw new IllegalStateException("a decision's JSON that is not an object");
    }
    out.write(decision, 0, decision.length - 1); // its fields, without the closing brace
    out.writeBytes(RECORDED);
    out.writeBytes(request.toString().getBytes(StandardCharsets.US_ASCII));
    out.writeBytes(LEDGER);
    out.writeBytes(receipt);
    out.write('}');
  }

  // where the entry landed, then (ReceiptJson) its leaf hash, a signed checkpoint covering it and the proof
  private static byte[] receipt(Register.Recorded rec, LedgerReader ledger, CheckpointPublisher publisher) {
    ObjectNode receipt = JsonNodeFactory.instance.objectNode();
    receipt.put("index", rec.appended().index());
    ReceiptJson.write(receipt, ledger, publisher, rec.appended().index());
    try {
      return MAPPER.writeValueAsBytes(receipt);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a receipt that cannot be written as JSON", e);
    }
  }
}
