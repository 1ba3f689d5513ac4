package org.sanctuary.policy.json;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.sanctuary.policy.Decision;
import org.sanctuary.policy.Effect;
import org.sanctuary.policy.Obligation;
import org.sanctuary.policy.Outcome;
import org.sanctuary.policy.Reason;
import org.sanctuary.policy.Verdict;

/**
 * The lines must be, byte for byte, what {@code DecisionJson.write(d).toString()} printed as UTF-8,
 * for any id and text: seeded random decisions with quotes, backslashes, control characters,
 * other scripts and emoji, absent ids and requesters, shared and fresh verdicts.
 */
class DecisionLinesTest {
  private static final String[] PIECES = {"a", "Z", "0", " ", "\"", "\\", "/", "</script>", "\t", "\n", "\r",
      "\u0001", "\u001f", "\u007f", "\u0080", "é", "ñ", "北京", "\u2028", "\ufeff", "😀", "ICE", ",\"inForce\":",
      "{", "}", "[", "]", "&amp;", "'", "\ud800"};

  @Test
  void write_randomDecisions_sameBytesAsDecisionJson() {
    SplittableRandom random = new SplittableRandom(2024);
    List<Verdict> verdicts = new ArrayList<>();
    for (int i = 0; i < 40; i++) verdicts.add(verdict(random));
    StringBuilder expected = new StringBuilder();
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DecisionLines lines = new DecisionLines(bytes, "\n")) {
      for (int n = 0; n < 20_000; n++) {
        Verdict v = random.nextInt(10) == 0 ? verdict(random) : verdicts.get(random.nextInt(verdicts.size()));
        if (random.nextInt(20) == 0) v = copy(v); // equal content, another object
        Decision d = new Decision(random.nextInt(8) == 0 ? null : text(random),
            LocalDate.ofEpochDay(random.nextInt(3_000_000)), random.nextInt(8) == 0 ? null : text(random), v);
        lines.write(d);
        expected.append(DecisionJson.write(d).toString()).append('\n');
      }
    }
    byte[] want = expected.toString().getBytes(StandardCharsets.UTF_8);
    assertThat(bytes.toByteArray()).isEqualTo(want);
  }

  @Test
  void write_eachWriteHoldsWholeLines_andTheLineSeparatorGiven() {
    List<String> writes = new ArrayList<>();
    OutputStream recorder = new OutputStream() {
      @Override
      public void write(int b) {
        throw new AssertionError("single bytes are never written");
      }

      @Override
      public void write(byte[] b, int off, int len) {
        writes.add(new String(b, off, len, StandardCharsets.UTF_8));
      }
    };
    SplittableRandom random = new SplittableRandom(7);
    Verdict v = verdict(random);
    try (DecisionLines lines = new DecisionLines(recorder, "\r\n")) {
      for (int n = 0; n < 5_000; n++) lines.write(new Decision("r-" + n + "-😀", LocalDate.of(2024, 1, 1), "ice", v));
    }
    assertThat(writes).hasSizeGreaterThan(10).allSatisfy(w -> assertThat(w).endsWith("}\r\n"));
    assertThat(String.join("", writes).split("\r\n")).hasSize(5_000);
  }

  private static Verdict copy(Verdict v) {
    return new Verdict(v.outcome(), new ArrayList<>(v.inForce()), new ArrayList<>(v.reasons()),
        new ArrayList<>(v.obligations()));
  }

  private static Verdict verdict(SplittableRandom random) {
    List<String> inForce = new ArrayList<>();
    for (int i = random.nextInt(4); i > 0; i--) inForce.add(text(random));
    List<Reason> reasons = new ArrayList<>();
    for (int i = 1 + random.nextInt(3); i > 0; i--) {
      List<String> lifts = random.nextBoolean() ? List.of() : List.of(text(random), text(random));
      reasons.add(new Reason(text(random), text(random), Effect.values()[random.nextInt(Effect.values().length)],
          "c " + text(random), text(random), lifts));
    }
    List<Obligation> obligations = new ArrayList<>();
    for (int i = random.nextInt(3); i > 0; i--) {
      obligations.add(new Obligation(text(random), text(random), text(random), text(random),
          random.nextBoolean() ? null : random.nextInt(400)));
    }
    return new Verdict(random.nextBoolean() ? Outcome.DENY : Outcome.PERMIT, inForce, reasons, obligations);
  }

  private static String text(SplittableRandom random) {
    StringBuilder s = new StringBuilder();
    for (int i = random.nextInt(6); i >= 0; i--) {
      s.append(random.nextInt(3) == 0 ? PIECES[random.nextInt(PIECES.length)] : "word" + random.nextInt(100));
    }
    return s.toString();
  }
}
