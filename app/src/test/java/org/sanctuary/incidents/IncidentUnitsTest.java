package org.sanctuary.incidents;

import org.sanctuary.limits.ClientLimit;
import org.sanctuary.testing.MutableClock;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Properties;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IncidentUnitsTest {

  @Test
  void messages_everyLanguageFileHasEveryEnglishKey_andNoOthers() {
    Set<Object> english = Messages.file("en").keySet();
    for (String lang : Messages.LANGUAGES) {
      Properties p = Messages.file(lang);
      assertThat(p.keySet()).as(lang).containsExactlyInAnyOrderElementsOf(english);
      if (!lang.equals("en")) {
        // a translation, not a copy: the title and the no-status promise differ from English
        assertThat(p.getProperty("report.title")).as(lang).isNotEqualTo(Messages.file("en").getProperty("report.title"));
        assertThat(p.getProperty("report.noStatus")).as(lang).isNotEqualTo(Messages.file("en").getProperty("report.noStatus"));
      }
      p.forEach((k, v) -> assertThat((String) v).as(lang + " " + k).isNotBlank());
    }
    assertThat(Messages.of("ar").dir()).isEqualTo("rtl");
    assertThat(Messages.of("xx").language()).isEqualTo("en");
  }

  /** Issue 14: the receipt page tells every reporter the routing rule in their own language. */
  @Test
  void messages_wordEveryRoutingRuleOfEveryShippedPack_inEveryLanguage() {
    for (var pack : org.sanctuary.incidents.routing.Router.builtIn().packs()) {
      for (var rule : pack.rules()) {
        String key = "route." + pack.id() + "." + rule.id();
        for (String lang : Messages.LANGUAGES) {
          assertThat(Messages.file(lang).getProperty(key)).as(lang + " " + key).isNotBlank();
        }
      }
    }
  }

  @Test
  void key_roundTrips_andRefusesAValueMovedToAnotherReportOrColumn() {
    IncidentKey key = IncidentKey.of(new byte[32]);
    byte[] sealed = key.encrypt("ya no aguanto", "R1", "description");
    assertThat(key.decrypt(sealed, "R1", "description")).isEqualTo("ya no aguanto");
    assertThatThrownBy(() -> key.decrypt(sealed, "R2", "description")).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> key.decrypt(sealed, "R1", "contact")).isInstanceOf(IllegalStateException.class);
    assertThat(key.encrypt("same", "R1", "d")).isNotEqualTo(key.encrypt("same", "R1", "d"));
  }

  @Test
  void key_employeeHash_linksSpellingsOfTheSameBadge_andDependsOnTheKey() {
    IncidentKey a = IncidentKey.of(new byte[32]);
    byte[] other = new byte[32];
    other[0] = 1;
    assertThat(a.employeeHash("#1234 ")).isEqualTo(a.employeeHash("1234"));
    assertThat(a.employeeHash("Officer  smith")).isEqualTo(a.employeeHash("OFFICER SMITH"));
    assertThat(a.employeeHash("1234")).isNotEqualTo(IncidentKey.of(other).employeeHash("1234"));
  }

  @Test
  void keyFile_isCreatedOwnerOnly_reusedAfterwards_andAWrongSizeIsRefused(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("sub/incidents.key");
    IncidentKey first = IncidentKey.loadOrCreate(file);
    assertThat(Files.size(file)).isEqualTo(32);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
    byte[] sealed = first.encrypt("hello", "R", "c");
    assertThat(IncidentKey.loadOrCreate(file).decrypt(sealed, "R", "c")).isEqualTo("hello");
    Files.write(file, new byte[10]);
    assertThatThrownBy(() -> IncidentKey.loadOrCreate(file)).hasMessageContaining("holds 10 bytes");
  }

  @Test
  void keyFile_optionWinsOverEnvironmentOverDataFolder() {
    org.sanctuary.config.Config config = new org.sanctuary.config.Config(0, Path.of("/d"), java.util.Optional.empty(), "127.0.0.1");
    assertThat(config.incidentsKeyFile("/k", java.util.Map.of(IncidentKey.ENV_KEY_FILE, "/e"))).isEqualTo(Path.of("/k"));
    assertThat(config.incidentsKeyFile(null, java.util.Map.of(IncidentKey.ENV_KEY_FILE, "/e"))).isEqualTo(Path.of("/e"));
    assertThat(config.incidentsKeyFile(null, java.util.Map.of())).isEqualTo(Path.of("/d/incidents.key"));
  }

  @Test
  void receipts_areLongAndUnambiguous_andForgiveHowPeopleTypeThem() {
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < 1000; i++) assertThat(seen.add(Receipts.newReceipt())).isTrue();
    // 20 symbols of 32 = 100 bits; 26 symbols = 130 bits
    assertThat(Receipts.RECEIPT_LENGTH * 5).isGreaterThanOrEqualTo(80);
    assertThat(Receipts.SECRET_LENGTH * 5).isGreaterThanOrEqualTo(128);
    String r = Receipts.newReceipt();
    assertThat(Receipts.normalize(Receipts.grouped(r).toLowerCase(), 20)).isEqualTo(r);
    assertThat(Receipts.normalize("oooo-iiii-llll-0000-1111", 20)).isEqualTo("00001111111100001111");
    assertThat(Receipts.normalize("UUUU-0000-0000-0000-0000", 20)).isNull();
    assertThat(Receipts.normalize("0000", 20)).isNull();
    String secret = Receipts.newSecret();
    assertThat(Receipts.matches(Receipts.hash(secret), Receipts.grouped(secret))).isTrue();
    assertThat(Receipts.matches(Receipts.hash(secret), Receipts.newSecret())).isFalse();
    assertThat(Receipts.matches(Receipts.hash(""), "")).isFalse();
  }

  @Test
  void rateLimiter_allowsTheBurst_thenOnePerPeriod_perClient() {
    MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
    ClientLimit limiter = new ClientLimit(clock, 2, Duration.ofSeconds(10));
    assertThat(limiter.tryAcquire("a")).isTrue();
    assertThat(limiter.tryAcquire("a")).isTrue();
    assertThat(limiter.tryAcquire("a")).isFalse();
    assertThat(limiter.tryAcquire("b")).isTrue();
    clock.advance(Duration.ofSeconds(10));
    assertThat(limiter.tryAcquire("a")).isTrue();
    assertThat(limiter.tryAcquire("a")).isFalse();
  }

  @Test
  void intakeCheck_randomInputsNeverThrow_andOnlyValidOnesPass() {
    SplittableRandom random = new SplittableRandom(20260310);
    String[] samples = {"", " ", "POLICE", "CITY", "CPD", "CA01", "PD025", "CA78", "2026-03-01", "2030-01-01",
        "x".repeat(6000), "<script>", "es", "xx", "HELD_FOR_ICE", "UNKNOWN"};
    for (int i = 0; i < 5000; i++) {
      java.util.Map<String, String> raw = new java.util.HashMap<>();
      for (String field : IntakeCheck.FIELDS) {
        if (random.nextBoolean()) raw.put(field, samples[random.nextInt(samples.length)]);
      }
      IntakeCheck.Result result = IntakeCheck.check(raw, java.time.LocalDate.of(2026, 3, 10));
      if (result.ok()) {
        assertThat(result.intake().description()).isNotBlank();
        assertThat(Locations.isKnown(result.intake().location())).isTrue();
      } else {
        assertThat(result.errors()).allSatisfy(e -> assertThat(IntakeCheck.FIELDS).contains(e.field()));
      }
    }
  }
}
