package org.sanctuary.bench.policy;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.sanctuary.policy.Body;
import org.sanctuary.policy.Decision;
import org.sanctuary.policy.FederalRequest;
import org.sanctuary.policy.Subject;
import org.sanctuary.policy.Verdict;
import org.sanctuary.policy.engine.Engine;
import org.sanctuary.policy.json.DecisionJson;

/**
 * A year of requests as one JSON object per line, the input of {@code ./sanctuary decide}: received
 * on any day of 2024, 70 % by CPD, 25 % by the Cook County Sheriff, the rest by other city and
 * county bodies; requester, kind, basis, purpose and facts drawn as in {@link RequestStreams}.
 *
 * <p>Beside the requests it writes their answers for {@link JacksonFloor}, which must write the
 * decisions' bytes without deciding: {@code answers.json}, the distinct answers (the decision
 * without its id and date), and {@code answers.bin}, for each line the number of its answer.
 */
public final class ReplayRequests {
  public static final long SEED = 0x5A7C_2024L;
  static final int YEAR = 2024;
  static final String REQUESTS = "requests.ndjson";
  static final String ANSWERS = "answers.json";
  static final String ANSWER_OF_LINE = "answers.bin";

  private static final JsonFactory JSON = new JsonFactory();
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private ReplayRequests() {}

  /** Writes {@code lines} requests and their answers into {@code dir}, the same ones for the same seed. */
  public static void write(Path dir, int lines, long seed, Engine engine) throws IOException {
    SplittableRandom random = new SplittableRandom(seed);
    int days = LocalDate.of(YEAR, 12, 31).getDayOfYear();
    record Key(String requester, Verdict verdict) {}
    Map<Key, Integer> answerNumbers = new HashMap<>();
    ArrayNode answers = MAPPER.createArrayNode();
    try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(dir.resolve(REQUESTS)), 1 << 16);
        JsonGenerator g = JSON.createGenerator(out);
        DataOutputStream numbers = new DataOutputStream(
            new BufferedOutputStream(Files.newOutputStream(dir.resolve(ANSWER_OF_LINE)), 1 << 16))) {
      g.setRootValueSeparator(null);
      for (int n = 0; n < lines; n++) {
        LocalDate day = LocalDate.ofYearDay(YEAR, 1 + random.nextInt(days));
        FederalRequest drawn = RequestStreams.request(random, n, day, body(random));
        FederalRequest r = new FederalRequest(String.format("%d-%07d", YEAR, n + 1), drawn.received(),
            drawn.receivingAgency(), drawn.requester(), drawn.kind(), drawn.basis(), drawn.purpose(), drawn.subject());
        write(g, r);
        g.writeRaw('\n');
        Decision d = engine.decide(r);
        Integer number = answerNumbers.computeIfAbsent(new Key(d.requester(), d.verdict()), k -> {
          answers.add(answer(d));
          return answers.size() - 1;
        });
        numbers.writeInt(number);
      }
    }
    MAPPER.writeValue(dir.resolve(ANSWERS).toFile(), answers);
  }

  /** The decision's JSON without the fields that come from the request line (id and date). */
  private static ObjectNode answer(Decision d) {
    ObjectNode o = DecisionJson.write(new Decision(null, d.asOf(), d.requester(), d.verdict()));
    o.remove("asOf");
    return o;
  }

  private static Body body(SplittableRandom random) {
    int b = random.nextInt(200);
    if (b < 140) return Body.CPD;
    if (b < 190) return Body.COOK_COUNTY_SHERIFF;
    if (b < 196) return Body.CITY;
    if (b < 199) return Body.COOK_COUNTY;
    return Body.CITY_CLERK;
  }

  private static void write(JsonGenerator g, FederalRequest r) throws IOException {
    g.writeStartObject();
    g.writeStringField("id", r.id());
    g.writeStringField("received", r.received().toString());
    g.writeStringField("receivingAgency", r.receivingAgency().name());
    g.writeStringField("requester", r.requester());
    g.writeStringField("kind", r.kind().name());
    g.writeStringField("basis", r.basis().name());
    g.writeStringField("purpose", r.purpose().name());
    // as a clerk would fill it in: the warrant check always answered, other facts when they hold
    Subject s = r.subject();
    g.writeObjectFieldStart("subject");
    g.writeBooleanField("outstandingCriminalWarrant", s.outstandingCriminalWarrant());
    for (int i = 1; i < Subject.FIELDS.size(); i++) {
      if ((s.bits() & (1 << i)) != 0) g.writeBooleanField(Subject.FIELDS.get(i), true);
    }
    g.writeEndObject();
    g.writeEndObject();
  }
}
