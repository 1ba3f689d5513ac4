package org.sanctuary.bench.register;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.time.LocalDate;
import java.util.Base64;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.sanctuary.policy.Decision;
import org.sanctuary.policy.FederalRequest;
import org.sanctuary.policy.engine.PolicySetup;
import org.sanctuary.policy.json.DecisionJson;
import org.sanctuary.requests.web.RecordedAnswer;
import org.sanctuary.web.Json;

/**
 * The answer to a recorded decision over HTTP, without its receipt's reads: the decision built as
 * a tree and written by Jackson for every answer (the way before), against the decision's JSON
 * kept by the register and written around the same receipt ({@link RecordedAnswer}). A detainer
 * under the 2024 packs: five reasons and two duties, about 2.5 kB of the 3.5 kB answer.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Thread)
public class RecordedAnswerBench {
  private static final ObjectMapper MAPPER = Json.newMapper();

  private Decision decision;
  private String kept;
  private UUID request;
  private ObjectNode receiptTree;

  @Setup
  public void setUp() throws JsonProcessingException {
    FederalRequest r = org.sanctuary.policy.json.RequestJson.parse(MAPPER.readTree(
        "{\"received\":\"2024-07-15\",\"receivingAgency\":\"CPD\",\"requester\":\"ICE\",\"kind\":\"DETAINER\","
            + "\"basis\":\"ADMINISTRATIVE_WARRANT\",\"purpose\":\"CIVIL_IMMIGRATION\"}"));
    decision = PolicySetup.engine(null, Set.of()).decide(r);
    if (!decision.asOf().equals(LocalDate.of(2024, 7, 15))) throw new IllegalStateException("decided as of " + decision.asOf());
    kept = DecisionJson.write(decision).toString();
    request = UUID.fromString("1f0e2d3c-4b5a-4978-8695-a4b3c2d1e0f9");
    receiptTree = MAPPER.createObjectNode();
    receiptTree.put("index", 774032L);
    receiptTree.put("leafHash", Base64.getEncoder().encodeToString(new byte[32]));
    receiptTree.put("checkpoint", "sanctuary.example/chicago-ledger\n774033\n"
        + Base64.getEncoder().encodeToString(new byte[32]) + "\n\n\u2014 sanctuary.example/chicago-ledger "
        + Base64.getEncoder().encodeToString(new byte[68]) + "\n");
    receiptTree.put("treeSize", 774033L);
    ArrayNode proof = receiptTree.putArray("inclusionProof");
    for (int i = 0; i < 11; i++) proof.add(Base64.getEncoder().encodeToString(new byte[32]));
    if (!new String(tree(), java.nio.charset.StandardCharsets.UTF_8)
        .equals(new String(kept(), java.nio.charset.StandardCharsets.UTF_8))) {
      throw new IllegalStateException("the two ways answer differently");
    }
  }

  /** The way before: the decision as a tree, with the receipt's, written by Jackson. */
  @Benchmark
  public byte[] tree() throws JsonProcessingException {
    ObjectNode o = DecisionJson.write(decision);
    o.put("recorded", true);
    o.put("request", request.toString());
    o.set("ledger", receiptTree);
    return MAPPER.writeValueAsBytes(o);
  }

  /** The decision's kept JSON around the receipt, written by Jackson as before. */
  @Benchmark
  public byte[] kept() throws JsonProcessingException {
    ByteArrayOutputStream out = new ByteArrayOutputStream(4096);
    RecordedAnswer.write(out, kept, request, MAPPER.writeValueAsBytes(receiptTree));
    return out.toByteArray();
  }
}
