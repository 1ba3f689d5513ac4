package org.sanctuary.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code decide} reads its input as it comes and decides it in one pass; before, it read the whole
 * input, then parsed, then checked, then decided. For seeded random inputs, good and bad, both
 * must print the same bytes, or refuse with the same one line and exit status.
 */
class DecideStreamingTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String[] REQUESTERS = {"ICE", "U.S. Immigration and Customs Enforcement", "ICE ERO", "HSI",
      "CBP", "border patrol", "FBI", "DEA", "U.S. Marshals", "Illinois State Police", "Bureau of Made-Up Things"};
  private static final String[] KINDS = {"DETAINER", "TRANSFER", "INTERVIEW", "NOTIFICATION", "INFORMATION",
      "ASSISTANCE", "DATABASE_ACCESS"};
  private static final String[] BASES = {"NONE", "ADMINISTRATIVE_WARRANT", "JUDICIAL_WARRANT"};
  private static final String[] BODIES = {"CPD", "COOK_COUNTY_SHERIFF", "CITY", "COOK_COUNTY", "CITY_CLERK"};
  private static final String[] ID_PIECES = {"r-", "2024-", "\"", "\\", "/", "é", "北京", "😀", "\t", " ", "\u2028", "{}"};

  private static DecideCommandTest.Run streaming(String... args) {
    return DecideCommandTest.run(args);
  }

  private static DecideCommandTest.Run legacy(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int status = new CommandLine(new LegacyDecideCommand())
        .setOut(new PrintWriter(out, true))
        .setErr(new PrintWriter(err, true))
        .setExecutionExceptionHandler(Main::failed)
        .execute(java.util.Arrays.copyOfRange(args, 1, args.length));
    return new DecideCommandTest.Run(status, out.toString(), err.toString());
  }

  private static DecideCommandTest.Run assertSame(String... args) {
    DecideCommandTest.Run was = legacy(args);
    DecideCommandTest.Run now = streaming(args);
    assertThat(now.err()).as("refusal").isEqualTo(was.err());
    assertThat(now.status()).as("exit status").isEqualTo(was.status());
    assertThat(now.out()).as("decisions").isEqualTo(was.out());
    return now;
  }

  @Test
  void randomInputs_sameDecisionsAndRefusalsAsBefore(@TempDir Path dir) throws Exception {
    int refused = 0;
    for (int seed = 1; seed <= 40; seed++) {
      SplittableRandom random = new SplittableRandom(seed);
      Path f = dir.resolve("requests-" + seed + ".json");
      Files.write(f, input(random));
      List<String> args = new ArrayList<>(List.of("decide"));
      if (random.nextInt(5) == 0) args.addAll(List.of("--as-of", random.nextBoolean() ? "2016-01-01" : "1970-01-01"));
      if (random.nextInt(4) == 0) args.addAll(List.of("--format", "text"));
      args.add(f.toString());
      DecideCommandTest.Run was = legacy(args.toArray(String[]::new));
      if (was.status() != 0) refused++;
      DecideCommandTest.Run now = streaming(args.toArray(String[]::new));
      assertThat(now.err()).as("refusal, seed " + seed).isEqualTo(was.err());
      assertThat(now.status()).as("exit status, seed " + seed).isEqualTo(was.status());
      assertThat(now.out()).as("decisions, seed " + seed).isEqualTo(was.out());
    }
    assertThat(refused).as("inputs refused").isBetween(10, 30);
  }

  @Test
  void aLargeFile_sameBytesAsBefore(@TempDir Path dir) throws Exception {
    SplittableRandom random = new SplittableRandom(99);
    StringBuilder lines = new StringBuilder();
    for (int i = 0; i < 30_000; i++) lines.append(request(random, false)).append('\n');
    Path f = Files.writeString(dir.resolve("year.ndjson"), lines);
    assertSame("decide", f.toString());
  }

  @Test
  void undecidableRequests_numberedAsBefore_whileThePacksLoadAndAfter(@TempDir Path dir) throws Exception {
    // the first requests are checked while the packs load, and decided once they have
    SplittableRandom random = new SplittableRandom(100);
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < 70_000; i++) lines.add(request(random, false));
    String noLaw = "\"received\":\"1975-05-05\"";
    for (int at : new int[] {3, 65_537, 69_999}) {
      List<String> spoilt = new ArrayList<>(lines);
      spoilt.set(at - 1, spoilt.get(at - 1).replaceFirst("\"received\":\"[0-9-]+\"", noLaw));
      Path f = Files.write(dir.resolve("at-" + at + ".ndjson"), spoilt);
      assertThat(assertSame("decide", f.toString()).err()).contains("request " + at + ": received: no law in force");
    }
  }

  @Test
  void problems_rankAsBefore(@TempDir Path dir) throws Exception {
    SplittableRandom random = new SplittableRandom(5);
    String good = request(random, false);
    String badKind = good.replaceFirst("\"kind\":\"[A-Z_]+\"", "\"kind\":\"HOLD\"");
    String noLaw = good.replaceFirst("\"received\":\"[0-9-]+\"", "\"received\":\"1970-01-01\"");
    List<byte[]> inputs = List.of(
        // a request the engine cannot decide, then one that is not a request: the latter is reported
        utf8(good + "\n" + noLaw + "\n" + badKind + "\n" + good + "\n"),
        // a bad request, then malformed JSON further on: the malformed JSON is reported
        utf8(good + "\n" + badKind + "\n" + good + "\n{\"kind\":\n"),
        // malformed JSON, then a byte that is not UTF-8 further on: the file cannot be read
        concat(utf8(good + "\n{oops}\n" + good + "\n"), new byte[] {'{', '"', 'x', '"', ':', '"', (byte) 0xC3, '"', '}'}),
        concat(utf8("[" + good + ","), new byte[] {(byte) 0xE2, (byte) 0x82}),
        utf8("\uFEFF" + good),
        utf8(good + "\r\n\r\n" + good + " " + good + "\r\n"),
        utf8("[" + good + "," + noLaw + "]"),
        utf8("[" + noLaw + "]"),
        utf8(noLaw),
        utf8(badKind),
        utf8("[" + badKind + "]"),
        utf8("[" + good + "] " + good),
        utf8("[" + good + "] x"),
        utf8("[" + good),
        utf8("   \n  "),
        utf8("42"),
        utf8(good.replace("{\"id\"", "{\"subject\":{\"placeOfBirth\":\"x\"},\"id\"")));
    int n = 0;
    for (byte[] input : inputs) {
      Path f = Files.write(dir.resolve("case-" + n++ + ".json"), input);
      assertSame("decide", f.toString());
      assertSame("decide", "--format", "text", "--as-of", "2016-01-01", f.toString());
    }
    assertSame("decide", dir.resolve("no-such.json").toString());
    assertSame("decide", dir.toString()); // a folder, not a file
  }

  @Test
  void bytesThatAreNotUtf8_sameRefusalAsBefore(@TempDir Path dir) throws Exception {
    // the JDK words these by how many bytes it found bad, which depends on the bytes and on where they stop
    int[][] patterns = {{0xFF}, {0xC3}, {0xE2, 0x82}, {0xE2}, {0xF0, 0x9F, 0x98}, {0xC0, 0x80}, {0xED, 0xA0, 0x80},
        {0xF4, 0x90, 0x80, 0x80}, {0x80}, {0xE2, 0x28, 0xA1}, {0xE0, 0x80, 0x80}, {0xF8, 0x88, 0x80, 0x80, 0x80}};
    String good = request(new SplittableRandom(3), false);
    int n = 0;
    for (int[] pattern : patterns) {
      byte[] bad = new byte[pattern.length];
      for (int i = 0; i < bad.length; i++) bad[i] = (byte) pattern[i];
      byte[] prefix = utf8(good + "\n" + good + "\n{\"id\":\"x");
      for (byte[] input : List.of(concat(prefix, bad), concat(concat(prefix, bad), utf8("\"}\n" + good)))) {
        Path f = Files.write(dir.resolve("bytes-" + n++ + ".json"), input);
        assertSame("decide", f.toString());
      }
    }
  }

  @Test
  void packsThatCannotLoad_rankAsBefore(@TempDir Path dir) throws Exception {
    Path packs = Files.createDirectory(dir.resolve("packs"));
    Files.writeString(packs.resolve("broken.yaml"), "id: [unclosed\n");
    Path malformed = Files.writeString(dir.resolve("malformed.json"), "{oops}");
    Path unreadable = Files.write(dir.resolve("unreadable.json"), new byte[] {'{', (byte) 0xFF, '}'});
    for (Path f : List.of(malformed, unreadable)) {
      assertSame("decide", "--packs", packs.toString(), f.toString());
      assertSame("decide", "--packs", dir.resolve("none").toString(), f.toString());
      assertSame("decide", "--local-policy", "no-such-policy", f.toString());
    }
  }

  @Test
  void standardOutputInUtf8_getsTheSameBytesStraight(@TempDir Path dir) throws Exception {
    StandardOutput probe = new StandardOutput(new PrintStream(new ByteArrayOutputStream(), true));
    assumeTrue(probe.utf8().isPresent(), "standard output here is not UTF-8");
    SplittableRandom random = new SplittableRandom(8);
    StringBuilder lines = new StringBuilder();
    for (int i = 0; i < 5_000; i++) lines.append(request(random, false)).append('\n');
    Path f = Files.writeString(dir.resolve("r.ndjson"), lines);
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    StringWriter err = new StringWriter();
    int status = Main.execute(new String[] {"decide", f.toString()},
        new StandardOutput(new PrintStream(bytes, true)), new PrintWriter(err, true));
    assertThat(status).as(err.toString()).isZero();
    assertThat(bytes.toString(StandardCharsets.UTF_8)).isEqualTo(legacy("decide", f.toString()).out());
  }

  /** One input: one object, an array, or objects on lines; now and then a bad item or malformed text. */
  private static byte[] input(SplittableRandom random) {
    int count = random.nextInt(8) == 0 ? 1 : 1 + random.nextInt(300);
    boolean spoil = random.nextInt(3) == 0;
    List<String> items = new ArrayList<>();
    for (int i = 0; i < count; i++) items.add(request(random, spoil && random.nextInt(40) == 0));
    if (spoil && random.nextInt(4) == 0) {
      int at = random.nextInt(items.size());
      String item = items.get(at);
      items.set(at, item.substring(0, random.nextInt(item.length()))); // cut short: malformed
    }
    String text = switch (random.nextInt(4)) {
      case 0 -> "[" + String.join(random.nextBoolean() ? "," : ",\n", items) + "]";
      case 1 -> String.join("\r\n", items) + "\r\n";
      default -> String.join(random.nextInt(10) == 0 ? "\n\n  " : "\n", items) + (random.nextBoolean() ? "\n" : "");
    };
    byte[] bytes = utf8(text);
    if (spoil && random.nextInt(10) == 0) bytes[random.nextInt(bytes.length)] = (byte) 0xFF; // not UTF-8
    return bytes;
  }

  /** A request as JSON text; a bad one has one thing wrong with it. */
  private static String request(SplittableRandom random, boolean bad) {
    ObjectNode r = JSON.createObjectNode();
    if (random.nextInt(6) != 0) r.put("id", id(random));
    r.put("received", String.format("20%02d-%02d-%02d", 18 + random.nextInt(7), 1 + random.nextInt(12),
        1 + random.nextInt(28)));
    r.put("receivingAgency", pick(random, BODIES));
    r.put("requester", pick(random, REQUESTERS));
    r.put("kind", pick(random, KINDS));
    r.put("basis", pick(random, BASES));
    r.put("purpose", random.nextBoolean() ? "CIVIL_IMMIGRATION" : "CRIMINAL");
    ObjectNode subject = r.putObject("subject");
    if (random.nextBoolean()) subject.put("felonyConviction", random.nextBoolean());
    if (random.nextBoolean()) subject.put("gangDatabase", random.nextBoolean());
    if (random.nextInt(3) == 0) subject.put("outstandingCriminalWarrant", true);
    if (bad) {
      switch (random.nextInt(8)) {
        case 0 -> r.put("kind", "HOLD");
        case 1 -> r.remove("purpose");
        case 2 -> r.put("colour", "red");
        case 3 -> r.put("citizenship", "none");
        case 4 -> subject.put("felonyConviction", "yes");
        case 5 -> r.put("received", "2024-02-30");
        case 6 -> r.put("received", "1980-0" + (1 + random.nextInt(9)) + "-15"); // no law in force: undecided
        default -> r.put("requester", 7);
      }
    }
    return r.toString();
  }

  private static String id(SplittableRandom random) {
    StringBuilder s = new StringBuilder();
    for (int i = random.nextInt(4); i >= 0; i--) {
      s.append(random.nextInt(3) == 0 ? pick(random, ID_PIECES) : Integer.toString(random.nextInt(100000)));
    }
    return s.toString().isBlank() ? "x" : s.toString();
  }

  private static <T> T pick(SplittableRandom random, T[] values) {
    return values[random.nextInt(values.length)];
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] out = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }
}
