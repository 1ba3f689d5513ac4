package org.sanctuary.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigTest {
  private static final Map<String, String> NO_ENV = Map.of();

  @Test
  void resolve_nothingGiven_usesDefaults() {
    Config config = Config.resolve(Config.Options.none(), NO_ENV);

    assertThat(config.port()).isEqualTo(8080);
    assertThat(config.bindAddress()).isEqualTo("127.0.0.1");
    assertThat(config.dataDirectory()).isEqualTo(Path.of("data").toAbsolutePath());
    assertThat(config.database()).isEmpty();
  }

  @Test
  void resolve_portOutOfRange_namesFieldValueAndWant() {
    assertThatThrownBy(() -> Config.resolve(options("70000", null, null, null), NO_ENV))
        .isInstanceOf(ConfigException.class)
        .hasMessage("port: \"70000\" is out of range (want 0-65535)")
        .extracting(e -> ((ConfigException) e).field())
        .isEqualTo("port");
  }

  @Test
  void resolve_portNotANumber_saysSo() {
    assertThatThrownBy(() -> Config.resolve(options("eighty", null, null, null), NO_ENV))
        .hasMessage("port: \"eighty\" is not a number (want 0-65535)");
  }

  @Test
  void resolve_hugePort_isOutOfRangeNotNaN() {
    assertThatThrownBy(() -> Config.resolve(options("99999999999", null, null, null), NO_ENV))
        .hasMessage("port: \"99999999999\" is out of range (want 0-65535)");
  }

  @Test
  void resolve_portZero_isAllowed() {
    assertThat(Config.resolve(options("0", null, null, null), NO_ENV).port()).isZero();
  }

  @Test
  void resolve_dataIsAFile_isRefused(@TempDir Path folder) throws Exception {
    Path file = Files.createFile(folder.resolve("not-a-folder"));

    assertThatThrownBy(() -> Config.resolve(options(null, file.toString(), null, null), NO_ENV))
        .hasMessage("data: \"" + file + "\" is not a directory (want a directory path)");
  }

  @Test
  void resolve_dbNotPostgres_isRefused() {
    assertThatThrownBy(() -> Config.resolve(options(null, null, "jdbc:mysql://db/x", null), NO_ENV))
        .hasMessage(
            "db: \"jdbc:mysql://db/x\" is not a PostgreSQL JDBC URL"
                + " (want jdbc:postgresql://HOST[:PORT]/DATABASE)");
  }

  @Test
  void resolve_badDbFromEnvironment_namesTheVariable() {
    assertThatThrownBy(
            () -> Config.resolve(Config.Options.none(), Map.of("SANCTUARY_DB_URL", "postgres://x")))
        .extracting(e -> ((ConfigException) e).field())
        .isEqualTo("SANCTUARY_DB_URL");
  }

  @Test
  void resolve_dbOptionAndEnvironment_optionWins() {
    Config config =
        Config.resolve(
            options(null, null, "jdbc:postgresql://a/one", null),
            Map.of("SANCTUARY_DB_URL", "jdbc:postgresql://b/two"));

    assertThat(config.database()).map(DatabaseServer::url).hasValue("jdbc:postgresql://a/one");
  }

  @Test
  void resolve_credentialsFromEnvironment_areUsed() {
    Config config =
        Config.resolve(
            Config.Options.none(),
            Map.of(
                "SANCTUARY_DB_URL", "jdbc:postgresql://db/sanctuary",
                "SANCTUARY_DB_USER", "app",
                "SANCTUARY_DB_PASSWORD", "hunter2"));

    assertThat(config.database())
        .hasValue(new DatabaseServer("jdbc:postgresql://db/sanctuary", "app", "hunter2"));
  }

  @Test
  void describe_passwords_areMasked() {
    Config config =
        Config.resolve(
            options(null, null, "jdbc:postgresql://db/s?user=app&password=hunter2&ssl=true", null),
            Map.of("SANCTUARY_DB_PASSWORD", "swordfish"));

    String described = String.join("\n", config.describe());

    assertThat(described)
        .doesNotContain("hunter2", "swordfish")
        .contains("jdbc:postgresql://db/s?user=app&password=<masked>&ssl=true")
        .contains("db password")
        .contains("<masked>");
    assertThat(config.toString()).doesNotContain("hunter2", "swordfish");
  }

  @Test
  void resolve_unknownBindAddress_isRefused() {
    assertThatThrownBy(
            () -> Config.resolve(options(null, null, null, "no-such-host.invalid"), NO_ENV))
        .hasMessageStartingWith("bind: \"no-such-host.invalid\" is not a known address");
  }

  @Test
  void describe_embedded_namesTheFolder() {
    Config config = Config.resolve(options(null, "/srv/sanctuary", null, null), NO_ENV);

    assertThat(config.describe())
        .anyMatch(line -> line.endsWith("embedded PostgreSQL in /srv/sanctuary/postgres"));
  }

  @Test
  void resolve_cityZone_defaultsToChicago_thenEnvironment_thenOption() {
    assertThat(Config.resolve(options(null, null, null, null), NO_ENV).city().zone().getId())
        .isEqualTo("America/Chicago");
    Map<String, String> env = Map.of(CityCalendar.ENV, "America/New_York");
    assertThat(Config.resolve(options(null, null, null, null), env).city().zone().getId())
        .isEqualTo("America/New_York");
    Config.Options withZone = new Config.Options(null, null, null, null, null, null, "America/Denver");
    assertThat(Config.resolve(withZone, env).city().zone().getId()).isEqualTo("America/Denver");
  }

  @Test
  void resolve_unknownCityZone_isRefusedNamingTheField() {
    assertThatThrownBy(() -> Config.resolve(new Config.Options(null, null, null, null, null, null, "Mars/Olympus"), NO_ENV))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("city-zone: \"Mars/Olympus\" is not a time zone");
    assertThatThrownBy(() -> Config.resolve(options(null, null, null, null), Map.of(CityCalendar.ENV, "Chicago")))
        .hasMessageStartingWith(CityCalendar.ENV + ": \"Chicago\" is not a time zone");
  }

  private static Config.Options options(String port, String data, String db, String bind) {
    return new Config.Options(port, data, db, bind);
  }

  @Test
  void resolve_ledgerOriginWithSpace_namesFieldValueAndWant() {
    assertThatThrownBy(() -> Config.resolve(new Config.Options(null, null, null, null, null, "city ledger"), Map.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("ledger-origin: \"city ledger\" is not a log name (want ");
  }

  @Test
  void resolve_ledgerKeyFromEnvironment_isUsedAndNamedByTheVariable(@TempDir Path dir) {
    Config config = Config.resolve(Config.Options.none(),
        Map.of(Config.ENV_LEDGER_KEY_FILE, dir.resolve("city.key").toString()));
    assertThat(config.ledger().keyFileIn(config.dataDirectory())).isEqualTo(dir.resolve("city.key").toAbsolutePath());
    assertThatThrownBy(() -> Config.resolve(Config.Options.none(), Map.of(Config.ENV_LEDGER_KEY_FILE, dir.toString())))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith(Config.ENV_LEDGER_KEY_FILE + ":");
  }

  @Test
  void resolve_noLedgerKeyGiven_usesTheDataFolder() {
    Config config = Config.resolve(new Config.Options(null, "somewhere", null, null), Map.of());
    assertThat(config.ledger().keyFileIn(config.dataDirectory()))
        .isEqualTo(config.dataDirectory().resolve(Config.DEFAULT_LEDGER_KEY));
  }

  @Test
  void poolSize_optionOverEnvironmentOverDefault_andBadValuesNameTheField() {
    Config.Options none = Config.Options.none();
    assertThat(Config.resolve(none, Map.of()).poolSize()).isEqualTo(Config.DEFAULT_POOL_SIZE);
    assertThat(Config.resolve(none, Map.of(Config.ENV_DB_POOL_SIZE, "32")).poolSize()).isEqualTo(32);
    Config.Options forty = new Config.Options(null, null, null, null, null, null, null, "40");
    assertThat(Config.resolve(forty, Map.of(Config.ENV_DB_POOL_SIZE, "32")).poolSize()).isEqualTo(40);
    assertThatThrownBy(() -> Config.resolve(new Config.Options(null, null, null, null, null, null, null, "1"), Map.of()))
        .isInstanceOf(ConfigException.class).hasMessageContaining("db-pool-size").hasMessageContaining("out of range");
    assertThatThrownBy(() -> Config.resolve(none, Map.of(Config.ENV_DB_POOL_SIZE, "many")))
        .isInstanceOf(ConfigException.class).hasMessageContaining(Config.ENV_DB_POOL_SIZE)
        .hasMessageContaining("not a number");
  }

  @Test
  void checkpointInterval_optionOverEnvironmentOverDefault_andBadValuesNameTheField() {
    Config.Options none = Config.Options.none();
    assertThat(Config.resolve(none, Map.of()).ledger().checkpointInterval()).hasMillis(2);
    assertThat(Config.resolve(none, Map.of(Config.ENV_CHECKPOINT_INTERVAL_MS, "250")).ledger().checkpointInterval())
        .hasMillis(250);
    Config.Options zero = new Config.Options(null, null, null, null, null, null, null, null, null, "0");
    assertThat(Config.resolve(zero, Map.of(Config.ENV_CHECKPOINT_INTERVAL_MS, "250")).ledger().checkpointInterval())
        .isZero();
    assertThatThrownBy(() -> Config.resolve(new Config.Options(null, null, null, null, null, null, null, null, null,
        "-5"), Map.of())).isInstanceOf(ConfigException.class).hasMessageContaining("checkpoint-interval-ms")
        .hasMessageContaining("out of range");
    assertThatThrownBy(() -> Config.resolve(none, Map.of(Config.ENV_CHECKPOINT_INTERVAL_MS, "soon")))
        .isInstanceOf(ConfigException.class).hasMessageContaining(Config.ENV_CHECKPOINT_INTERVAL_MS)
        .hasMessageContaining("not a number");
  }
}
