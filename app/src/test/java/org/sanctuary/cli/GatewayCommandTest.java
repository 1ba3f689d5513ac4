package org.sanctuary.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sanctuary.store.TestDatabases;

/** {@code gateway partner-add} with an immigration agency: refused without the acknowledgement. */
class GatewayCommandTest {
  private static String db;
  @TempDir static Path data;

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  @BeforeAll
  static void database() {
    db = TestDatabases.freshServer().url();
  }

  private int run(String... args) {
    String[] all = new String[args.length + 4];
    System.arraycopy(args, 0, all, 0, args.length);
    System.arraycopy(new String[] {"--data", data.toString(), "--db", db}, 0, all, args.length, 4);
    return Main.execute(all, new PrintWriter(out, true), new PrintWriter(err, true));
  }

  @Test
  void partnerAdd_immigrationAgency_needsTheAcknowledgement_andAdmitsNothingWithoutIt() {
    int refused = run("gateway", "partner-add", "Border Patrol", "--signed-by", "X", "--until", "2099-12-31");
    assertThat(refused).as(out.toString()).isEqualTo(2);
    assertThat(err.toString().strip()).startsWith("sanctuary: acknowledge-immigration-agency: U.S. Border Patrol is part of"
        + " the U.S. Department of Homeland Security; U.S. Border Patrol enforces immigration law")
        .contains("(want --acknowledge-immigration-agency");
    assertThat(err.toString().lines()).hasSize(1);

    err.getBuffer().setLength(0);
    int admitted = run("gateway", "partner-add", "Border Patrol", "--signed-by", "X", "--until", "2099-12-31",
        "--acknowledge-immigration-agency");
    assertThat(admitted).as(err.toString()).isEqualTo(0);
    assertThat(out.toString()).contains("(USBP), agreement ").contains("sgw_");
  }

  @Test
  void partnerAdd_otherAgency_needsNoAcknowledgement() {
    assertThat(run("gateway", "partner-add", "FBI", "--signed-by", "X", "--until", "2099-12-31"))
        .as(err.toString()).isEqualTo(0);
  }
}
