package org.sanctuary.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sanctuary.ledger.store.LedgerReader;
import org.sanctuary.staff.AccountAdmin;
import org.sanctuary.store.Database;
import org.sanctuary.store.TestDatabases;

class StaffCommandTest {
  private static org.sanctuary.config.DatabaseServer server;
  @TempDir static Path data;

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  @BeforeAll
  static void database() {
    server = TestDatabases.freshServer();
  }

  private int run(String... args) {
    return runOn(server, args);
  }

  private Path passwordFile(String password) throws Exception {
    Path file = Files.createTempFile(data, "pw", ".txt");
    Files.writeString(file, password + "\n");
    return file;
  }

  @Test
  void add_printsTheSecretOnce_andListShowsNoSecret() throws Exception {
    int status = run("staff", "add", "--username", "admin1", "--role", "ADMINISTRATOR",
        "--password-file", passwordFile("first administrator pw").toString());
    assertThat(status).as(err.toString()).isEqualTo(0);
    Matcher secret = Pattern.compile("secret \\(Base32\\): ([A-Z2-7]{32})").matcher(out.toString());
    assertThat(secret.find()).isTrue();
    assertThat(out.toString()).contains("otpauth://totp/Sanctuary:admin1?secret=" + secret.group(1));
    assertThat(Files.exists(data.resolve("staff.key"))).isTrue();
    assertThat(err.toString()).doesNotContain(secret.group(1)).doesNotContain("first administrator pw");

    out.getBuffer().setLength(0);
    assertThat(run("staff", "list")).isEqualTo(0);
    assertThat(out.toString()).contains("admin1\tactive\tADMINISTRATOR")
        .doesNotContain(secret.group(1)).doesNotContain("first administrator pw");
  }

  @Test
  void disableAndResetTotp_changeTheAccount() throws Exception {
    run("staff", "add", "--username", "oig1", "--role", "OIG_INVESTIGATOR", "--role", "SUPERVISOR",
        "--password-file", passwordFile("an oig supervisor pw").toString());
    out.getBuffer().setLength(0);
    assertThat(run("staff", "reset-totp", "oig1")).isEqualTo(0);
    assertThat(out.toString()).contains("otpauth://totp/Sanctuary:oig1?secret=");
    assertThat(run("staff", "disable", "oig1")).isEqualTo(0);
    out.getBuffer().setLength(0);
    run("staff", "list");
    assertThat(out.toString()).contains("oig1\tdisabled\tOIG_INVESTIGATOR,SUPERVISOR");
  }

  @Test
  void add_shortPassword_exits2WithOneLineNamingTheField() throws Exception {
    int status = run("staff", "add", "--username", "short1", "--role", "AUDITOR",
        "--password-file", passwordFile("tooshort").toString());
    assertThat(status).isEqualTo(2);
    assertThat(err.toString().strip()).startsWith("sanctuary: password: too short")
        .doesNotContain("tooshort");
    assertThat(err.toString().lines()).hasSize(1);
  }

  @Test
  void add_unknownRole_exits2NamingTheOption() {
    assertThat(run("staff", "add", "--username", "x1", "--role", "SHERIFF")).isEqualTo(2);
    assertThat(err.toString()).contains("--role").contains("SHERIFF");
  }

  @Test
  void disable_unknownUser_exits2() {
    assertThat(run("staff", "disable", "ghost")).isEqualTo(2);
    assertThat(err.toString().strip()).isEqualTo(
        "sanctuary: username: \"ghost\" is not a staff account (want an existing username)");
  }

  @Test
  void addDisableAndResetTotp_eachCommitsALedgerEntryAndALineOfHistory_byTheCommandLine() throws Exception {
    assertThat(run("staff", "add", "--username", "clerk7", "--role", "RECORDS_CLERK",
        "--password-file", passwordFile("a records clerk pw").toString())).as(err.toString()).isEqualTo(0);
    assertThat(run("staff", "reset-totp", "clerk7")).as(err.toString()).isEqualTo(0);
    assertThat(run("staff", "disable", "clerk7")).as(err.toString()).isEqualTo(0);

    try (Database database = Database.connect(server)) {
      AccountAdmin admin = new AccountAdmin(database, null, null, null, java.time.Clock.systemUTC());
      long id = admin.idOf("clerk7");
      List<AccountAdmin.Event> history = admin.history(id);
      assertThat(history).extracting(AccountAdmin.Event::action)
          .containsExactly("added", "second_factor_reset", "disabled");
      assertThat(history).extracting(AccountAdmin.Event::actor).containsOnly("the command line");
      assertThat(history.get(0).roles()).containsExactly("RECORDS_CLERK");

      LedgerReader ledger = new LedgerReader(database);
      for (AccountAdmin.Event e : history) {
        JsonNode entry = new ObjectMapper().readTree(ledger.entriesAt(List.of(e.ledgerIndex())).get(0).data());
        assertThat(entry.get("type").asText()).isEqualTo("staff.account");
        assertThat(entry.get("action").asText()).isEqualTo(e.action());
        assertThat(entry.get("account").asLong()).isEqualTo(id);
        assertThat(entry.get("actor").asText()).isEqualTo("command-line");
        assertThat(entry.toString()).doesNotContain("clerk7"); // ids and role names only
      }
    }
  }

  @Test
  void disable_theLastAdministrator_isRefusedAndNothingIsWritten() throws Exception {
    org.sanctuary.config.DatabaseServer alone = TestDatabases.freshServer();
    assertThat(runOn(alone, "staff", "add", "--username", "onlyadmin", "--role", "ADMINISTRATOR",
        "--password-file", passwordFile("the only administrator").toString())).as(err.toString()).isEqualTo(0);
    err.getBuffer().setLength(0);
    assertThat(runOn(alone, "staff", "disable", "onlyadmin")).isEqualTo(2);
    assertThat(err.toString()).startsWith("sanctuary: account: ").contains("administrator");
    try (Database database = Database.connect(alone)) {
      AccountAdmin admin = new AccountAdmin(database, null, null, null, java.time.Clock.systemUTC());
      assertThat(admin.history(admin.idOf("onlyadmin"))).extracting(AccountAdmin.Event::action).containsExactly("added");
      assertThat(admin.list()).singleElement().extracting(AccountAdmin.Account::disabled).isEqualTo(false);
    }
  }

  private int runOn(org.sanctuary.config.DatabaseServer other, String... args) {
    String[] all = new String[args.length + 4];
    System.arraycopy(args, 0, all, 0, args.length);
    System.arraycopy(new String[] {"--data", data.toString(), "--db", other.url()}, 0, all, args.length, 4);
    return Main.execute(all, new PrintWriter(out, true), new PrintWriter(err, true));
  }
}
