package org.sanctuary.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DecideCommandTest {
  private static final String ICE = "{\"received\":\"2019-07-15\",\"receivingAgency\":\"CPD\",\"requester\":\"ICE\","
      + "\"kind\":\"DETAINER\",\"basis\":\"NONE\",\"purpose\":\"CIVIL_IMMIGRATION\",\"subject\":{\"felonyConviction\":true}}";

  record Run(int status, String out, String err) {}

  static Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int status = Main.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
    return new Run(status, out.toString(), err.toString());
  }

  @Test
  void decide_oneObject_printsOneDecisionLine(@TempDir Path dir) throws Exception {
    Path f = Files.writeString(dir.resolve("r.json"), ICE);
    Run r = run("decide", f.toString());
    assertThat(r.status()).isZero();
    assertThat(r.out().lines()).singleElement().asString().contains("\"outcome\":\"DENY\"").contains("5 ILCS 805/15(a)");
  }

  @Test
  void decide_asOf_usesTheLawOfThatDate(@TempDir Path dir) throws Exception {
    Path f = Files.writeString(dir.resolve("r.json"), ICE);
    Run r = run("decide", "--as-of", "2016-01-01", f.toString());
    assertThat(r.out()).contains("\"outcome\":\"PERMIT\"").contains("carve-out-felony-conviction").contains("\"asOf\":\"2016-01-01\"");
  }

  @Test
  void decide_oneObjectPerLine_printsOneLineEach(@TempDir Path dir) throws Exception {
    Path f = Files.writeString(dir.resolve("r.ndjson"), ICE + "\n" + ICE.replace("ICE", "FBI") + "\n");
    Run r = run("decide", f.toString());
    assertThat(r.status()).isZero();
    assertThat(r.out().lines()).hasSize(2);
  }

  @Test
  void decide_arrayWithOneBadItem_exits2AndPrintsNoDecision(@TempDir Path dir) throws Exception {
    Path f = Files.writeString(dir.resolve("r.json"), "[" + ICE + "," + ICE.replace("DETAINER", "HOLD") + "]");
    Run r = run("decide", f.toString());
    assertThat(r.status()).isEqualTo(2);
    assertThat(r.out()).isEmpty();
    assertThat(r.err().lines()).singleElement().asString().contains("request 2").contains("kind").contains("HOLD");
  }

  @Test
  void decide_aStatusField_exits2NamingTheField(@TempDir Path dir) throws Exception {
    Path f = Files.writeString(dir.resolve("r.json"), ICE.replace("{", "{\"immigrationStatus\":\"x\","));
    Run r = run("decide", f.toString());
    assertThat(r.status()).isEqualTo(2);
    assertThat(r.out()).isEmpty();
    assertThat(r.err().lines()).singleElement().asString()
        .contains("immigrationStatus:").contains("never collects immigration status");
  }

  @Test
  void decide_formatText_explainsTheAnswerInWords(@TempDir Path dir) throws Exception {
    Path f = Files.writeString(dir.resolve("r.json"), ICE);
    Run r = run("decide", "--format", "text", f.toString());
    assertThat(r.status()).isZero();
    assertThat(r.out()).contains(": DENY (law in force on 2019-07-15")
        .contains("DENY means the law does not allow this.").contains("requester: ICE")
        .contains("[5 ILCS 805/15(a)").doesNotContain("{\"");
    Run permit = run("decide", "--format", "text", "--as-of", "2016-01-01", f.toString());
    assertThat(permit.out()).contains("PERMIT means the law allows this; it does not mean it must be done.");
  }

  @Test
  void decide_unknownFormat_exits2NamingTheOption(@TempDir Path dir) throws Exception {
    Path f = Files.writeString(dir.resolve("r.json"), ICE);
    Run r = run("decide", "--format", "yaml", f.toString());
    assertThat(r.status()).isEqualTo(2);
    assertThat(r.out()).isEmpty();
    assertThat(r.err()).contains("format: \"yaml\" is not a format (want json or text)");
  }

  @Test
  void decide_malformedJson_exits2WithOneLine(@TempDir Path dir) throws Exception {
    Path f = Files.writeString(dir.resolve("r.json"), "{\"received\":");
    Run r = run("decide", f.toString());
    assertThat(r.status()).isEqualTo(2);
    assertThat(r.err().lines()).singleElement().asString().contains("malformed JSON");
  }

  @Test
  void decide_noLawOnThatDate_exits2NamingReceived(@TempDir Path dir) throws Exception {
    Path f = Files.writeString(dir.resolve("r.json"), ICE.replace("2019-07-15", "1980-01-01"));
    Run r = run("decide", f.toString());
    assertThat(r.status()).isEqualTo(2);
    assertThat(r.err()).contains("received: no law in force for CPD on 1980-01-01");
  }

  @Test
  void decide_missingFile_exits2() {
    Run r = run("decide", "no-such-file.json");
    assertThat(r.status()).isEqualTo(2);
    assertThat(r.err()).contains("no such file");
  }

  @Test
  void policies_diff_2012And2021_listsTheCarveOuts() {
    Run r = run("policies", "diff", "chicago-wco-2012", "chicago-2021");
    assertThat(r.status()).isZero();
    assertThat(r.out()).contains("A PERMIT by carve-out-felony-conviction  ->  B DENY")
        .contains("A PERMIT by carve-out-gang-database  ->  B DENY");
  }

  @Test
  void policies_show_unknownPack_exits2() {
    Run r = run("policies", "show", "nope");
    assertThat(r.status()).isEqualTo(2);
    assertThat(r.err()).contains("no pack 'nope'");
  }

  @Test
  void policies_list_namesWhatIsInForce() {
    Run r = run("policies", "list", "--as-of", "2019-07-15");
    assertThat(r.out()).contains("In force for CPD on 2019-07-15: chicago-wco-2012, illinois-trust-act-2017, chicago-cpd-2019-ice-database");
  }
}
