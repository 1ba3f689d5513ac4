package org.sanctuary.config;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * How one Sanctuary process runs: validated once at start-up, then frozen.
 *
 * @param port the HTTP port, 0 for any free port
 * @param dataDirectory the data folder (absolute); the embedded database lives in its {@code
 *     postgres} folder
 * @param database the PostgreSQL server to use, or empty for the embedded database
 * @param bindAddress the address the HTTP server listens on
 * @param ledger where the ledger's signing key lives and the name (origin) the log signs as
 * @param city the city's calendar: the zone every "today" is taken in
 * @param poolSize the most database connections this node holds at once
 * @param trustedProxies the proxies whose {@code X-Forwarded-For} names the client
 */
public record Config(
    int port,
    Path dataDirectory,
    Optional<DatabaseServer> database,
    String bindAddress,
    LedgerSettings ledger,
    CityCalendar city,
    int poolSize,
    TrustedProxies trustedProxies) {

  public static final int DEFAULT_PORT = 8080;
  public static final String DEFAULT_DATA = "data";
  public static final String DEFAULT_BIND = "127.0.0.1";
  public static final String ENV_DB_URL = "SANCTUARY_DB_URL";
  public static final String ENV_DB_USER = "SANCTUARY_DB_USER";
  public static final String ENV_DB_PASSWORD = "SANCTUARY_DB_PASSWORD";
  public static final String ENV_LEDGER_KEY_FILE = "SANCTUARY_LEDGER_KEY_FILE";
  public static final String ENV_LEDGER_ORIGIN = "SANCTUARY_LEDGER_ORIGIN";
  public static final String DEFAULT_LEDGER_ORIGIN = "sanctuary.example/chicago-ledger";
  public static final String DEFAULT_LEDGER_KEY = "ledger.key";
  public static final String ENV_DB_POOL_SIZE = "SANCTUARY_DB_POOL_SIZE";
  public static final int DEFAULT_POOL_SIZE = 10;
  private static final int MIN_POOL_SIZE = 2;
  private static final int MAX_POOL_SIZE = 500;
  private static final String POOL_RANGE = MIN_POOL_SIZE + "-" + MAX_POOL_SIZE;
  public static final String ENV_STAFF_KEY_FILE = "SANCTUARY_STAFF_KEY_FILE";
  public static final String DEFAULT_STAFF_KEY = "staff.key";
  public static final String ENV_INCIDENTS_KEY_FILE = "SANCTUARY_INCIDENTS_KEY_FILE";
  public static final String DEFAULT_INCIDENTS_KEY = "incidents.key";

  private static final String PORT_RANGE = "0-65535";
  private static final String WANT_DIRECTORY = "a directory path";
  private static final String WANT_ADDRESS = "an IP address such as 127.0.0.1, 0.0.0.0 or ::1";

  public Config {
    if (port < 0 || port > 65535) {
      throw new ConfigException("port", String.valueOf(port), "is out of range", PORT_RANGE);
    }
    Objects.requireNonNull(dataDirectory, "dataDirectory");
    dataDirectory = dataDirectory.toAbsolutePath().normalize();
    if (Files.exists(dataDirectory) && !Files.isDirectory(dataDirectory)) {
      throw new ConfigException(
          "data", dataDirectory.toString(), "is not a directory", WANT_DIRECTORY);
    }
    Objects.requireNonNull(database, "database");
    checkBind(bindAddress);
    Objects.requireNonNull(ledger, "ledger");
    Objects.requireNonNull(city, "city");
    if (poolSize < MIN_POOL_SIZE || poolSize > MAX_POOL_SIZE) {
      throw new ConfigException("db-pool-size", String.valueOf(poolSize), "is out of range", POOL_RANGE);
    }
    Objects.requireNonNull(trustedProxies, "trustedProxies");
  }

  /** A configuration that trusts no proxy. */
  public Config(int port, Path dataDirectory, Optional<DatabaseServer> database, String bindAddress,
      LedgerSettings ledger, CityCalendar city, int poolSize) {
    this(port, dataDirectory, database, bindAddress, ledger, city, poolSize, TrustedProxies.NONE);
  }

  /** A configuration with the default pool size. */
  public Config(int port, Path dataDirectory, Optional<DatabaseServer> database, String bindAddress,
      LedgerSettings ledger, CityCalendar city) {
    this(port, dataDirectory, database, bindAddress, ledger, city, DEFAULT_POOL_SIZE);
  }

  /** The staff key file (sealing second factors): {@value #ENV_STAFF_KEY_FILE}, else the data folder's. */
  public Path staffKeyFile(Map<String, String> env) {
    return keyFile(null, env.get(ENV_STAFF_KEY_FILE), DEFAULT_STAFF_KEY);
  }

  /**
   * The incidents key file (reporters' words): the option when given, else {@value
   * #ENV_INCIDENTS_KEY_FILE}, else the data folder's.
   */
  public Path incidentsKeyFile(String option, Map<String, String> env) {
    return keyFile(option, env.get(ENV_INCIDENTS_KEY_FILE), DEFAULT_INCIDENTS_KEY);
  }

  // one rule for every key file: an option, then the environment, then the data folder
  private Path keyFile(String option, String fromEnv, String defaultName) {
    if (option != null && !option.isBlank()) return Path.of(option).toAbsolutePath().normalize();
    if (fromEnv != null && !fromEnv.isBlank()) return Path.of(fromEnv).toAbsolutePath().normalize();
    return dataDirectory.resolve(defaultName);
  }

  /** A configuration with the default ledger settings and the Chicago calendar. */
  public Config(int port, Path dataDirectory, Optional<DatabaseServer> database, String bindAddress) {
    this(port, dataDirectory, database, bindAddress, LedgerSettings.DEFAULTS);
  }

  /** A configuration with the Chicago calendar. */
  public Config(int port, Path dataDirectory, Optional<DatabaseServer> database, String bindAddress,
      LedgerSettings ledger) {
    this(port, dataDirectory, database, bindAddress, ledger, CityCalendar.CHICAGO);
  }

  /**
   * The ledger's signing key and origin.
   *
   * @param keyFile the signer key file; empty means {@code <data>/ledger.key}, created on first
   *     start
   * @param origin the log's name, which is also the key's name, e.g. {@code
   *     city.example/ledger}; empty means the name of an existing key, else {@value
   *     #DEFAULT_LEDGER_ORIGIN}
   */
  public record LedgerSettings(Optional<Path> keyFile, Optional<String> origin, java.time.Duration checkpointInterval) {
    /** How often, at most, the ledger signs a checkpoint under load (an idle log signs at once). */
    public static final java.time.Duration DEFAULT_CHECKPOINT_INTERVAL = java.time.Duration.ofMillis(2);
    public static final LedgerSettings DEFAULTS = new LedgerSettings(Optional.empty(), Optional.empty());

    public LedgerSettings {
      Objects.requireNonNull(keyFile, "keyFile");
      Objects.requireNonNull(origin, "origin");
      Objects.requireNonNull(checkpointInterval, "checkpointInterval");
      keyFile = keyFile.map(p -> p.toAbsolutePath().normalize());
      origin.ifPresent(o -> checkOrigin("ledger-origin", o));
    }

    public LedgerSettings(Optional<Path> keyFile, Optional<String> origin) {
      this(keyFile, origin, DEFAULT_CHECKPOINT_INTERVAL);
    }

    /** The key file to use for a data folder. */
    public Path keyFileIn(Path dataDirectory) {
      return keyFile.orElse(dataDirectory.resolve(DEFAULT_LEDGER_KEY));
    }
  }

  // A signed-note key name: printable, no spaces, no '+'.
  static void checkOrigin(String field, String origin) {
    if (origin.isEmpty() || !origin.chars().allMatch(c -> c > 0x20 && c < 0x7f && c != '+')) {
      throw new ConfigException(field, origin, "is not a log name",
          "printable ASCII without spaces or '+', e.g. " + DEFAULT_LEDGER_ORIGIN);
    }
  }

  /**
   * The raw values given on the command line; null means "not given".
   *
   * @param port {@code --port}
   * @param data {@code --data}
   * @param db {@code --db}
   * @param bind {@code --bind}
   * @param ledgerKey {@code --ledger-key}
   * @param ledgerOrigin {@code --ledger-origin}
   * @param cityZone {@code --city-zone}
   * @param dbPoolSize {@code --db-pool-size}
   * @param trustedProxies {@code --trusted-proxy}, each possibly a comma-separated list; empty or null
   *     means "not given"
   * @param checkpointIntervalMs {@code --checkpoint-interval-ms}
   */
  public record Options(String port, String data, String db, String bind, String ledgerKey,
      String ledgerOrigin, String cityZone, String dbPoolSize, List<String> trustedProxies,
      String checkpointIntervalMs) {
    public Options(String port, String data, String db, String bind, String ledgerKey, String ledgerOrigin,
        String cityZone, String dbPoolSize, List<String> trustedProxies) {
      this(port, data, db, bind, ledgerKey, ledgerOrigin, cityZone, dbPoolSize, trustedProxies, null);
    }

    public Options(String port, String data, String db, String bind, String ledgerKey, String ledgerOrigin,
        String cityZone, String dbPoolSize) {
      this(port, data, db, bind, ledgerKey, ledgerOrigin, cityZone, dbPoolSize, null);
    }

    public Options(String port, String data, String db, String bind, String ledgerKey, String ledgerOrigin,
        String cityZone) {
      this(port, data, db, bind, ledgerKey, ledgerOrigin, cityZone, null);
    }

    public Options(String port, String data, String db, String bind) {
      this(port, data, db, bind, null, null, null);
    }

    public Options(String port, String data, String db, String bind, String ledgerKey, String ledgerOrigin) {
      this(port, data, db, bind, ledgerKey, ledgerOrigin, null);
    }

    public static Options none() {
      return new Options(null, null, null, null);
    }
  }

  /**
   * Builds the configuration from command-line values, falling back to the environment for the
   * database and to the defaults for the rest.
   *
   * @throws ConfigException naming the first unusable value
   */
  public static Config resolve(Options options, Map<String, String> env) {
    int port = options.port() == null ? DEFAULT_PORT : parsePort(options.port());
    Path data = parseData(options.data() == null ? DEFAULT_DATA : options.data());
    Optional<DatabaseServer> database = parseDatabase(options.db(), env);
    String bind = options.bind() == null ? DEFAULT_BIND : options.bind();
    return new Config(port, data, database, bind, parseLedger(options, env),
        CityCalendar.resolve(options.cityZone(), env), parsePoolSize(options.dbPoolSize(), env),
        TrustedProxies.resolve(options.trustedProxies(), env));
  }

  private static int parsePoolSize(String option, Map<String, String> env) {
    String field = option == null ? ENV_DB_POOL_SIZE : "db-pool-size";
    String raw = option == null ? blankToNull(env.get(ENV_DB_POOL_SIZE)) : option;
    if (raw == null) {
      return DEFAULT_POOL_SIZE;
    }
    try {
      int size = Integer.parseInt(raw.strip());
      if (size >= MIN_POOL_SIZE && size <= MAX_POOL_SIZE) {
        return size;
      }
    } catch (NumberFormatException e) {
      throw new ConfigException(field, raw, "is not a number", POOL_RANGE);
    }
    throw new ConfigException(field, raw, "is out of range", POOL_RANGE);
  }

  private static LedgerSettings parseLedger(Options options, Map<String, String> env) {
    String keyField = options.ledgerKey() == null ? ENV_LEDGER_KEY_FILE : "ledger-key";
    String key = options.ledgerKey() == null ? blankToNull(env.get(ENV_LEDGER_KEY_FILE)) : options.ledgerKey();
    Optional<Path> keyFile = Optional.empty();
    if (key != null) {
      try {
        keyFile = Optional.of(Path.of(key));
      } catch (InvalidPathException e) {
        throw new ConfigException(keyField, key, "is not a valid path", "a key file path");
      }
      if (key.isBlank() || Files.isDirectory(keyFile.get())) {
        throw new ConfigException(keyField, key, "is not a file", "a key file path");
      }
    }
    String originField = options.ledgerOrigin() == null ? ENV_LEDGER_ORIGIN : "ledger-origin";
    String origin =
        options.ledgerOrigin() == null ? blankToNull(env.get(ENV_LEDGER_ORIGIN)) : options.ledgerOrigin();
    if (origin != null) {
      checkOrigin(originField, origin);
    }
    return new LedgerSettings(keyFile, Optional.ofNullable(origin), parseCheckpointInterval(options, env));
  }

  public static final String ENV_CHECKPOINT_INTERVAL_MS = "SANCTUARY_CHECKPOINT_INTERVAL_MS";
  private static final String INTERVAL_RANGE = "milliseconds, 0-5000";

  private static java.time.Duration parseCheckpointInterval(Options options, Map<String, String> env) {
    String field = options.checkpointIntervalMs() == null ? ENV_CHECKPOINT_INTERVAL_MS : "checkpoint-interval-ms";
    String raw = options.checkpointIntervalMs() == null ? blankToNull(env.get(ENV_CHECKPOINT_INTERVAL_MS))
        : options.checkpointIntervalMs();
    if (raw == null) return LedgerSettings.DEFAULT_CHECKPOINT_INTERVAL;
    long ms;
    try {
      ms = Long.parseLong(raw.strip());
    } catch (NumberFormatException e) {
      throw new ConfigException(field, raw, "is not a number", INTERVAL_RANGE);
    }
    if (ms < 0 || ms > 5_000) throw new ConfigException(field, raw, "is out of range", INTERVAL_RANGE);
    return java.time.Duration.ofMillis(ms);
  }

  /** One line per setting, secrets masked, for the start-up log. */
  public List<String> describe() {
    List<String> lines = new ArrayList<>();
    lines.add(line("port", String.valueOf(port)));
    lines.add(line("bind", bindAddress));
    lines.add(line("data", dataDirectory.toString()));
    if (database.isEmpty()) {
      lines.add(line("db", "embedded PostgreSQL in " + dataDirectory.resolve("postgres")));
    } else {
      DatabaseServer server = database.get();
      lines.add(line("db", server.maskedUrl()));
      server.userName().ifPresent(user -> lines.add(line("db user", user)));
      server
          .passwordValue()
          .ifPresent(password -> lines.add(line("db password", DatabaseServer.MASK)));
    }
    lines.add(line("ledger key", ledger.keyFileIn(dataDirectory).toString()));
    lines.add(line("ledger origin", ledger.origin().orElse("(the key's name, or " + DEFAULT_LEDGER_ORIGIN + ")")));
    lines.add(line("checkpoints", "at most every " + ledger.checkpointInterval().toMillis() + " ms"));
    lines.add(line("city zone", city.zone().getId()));
    lines.add(line("db pool size", String.valueOf(poolSize)));
    lines.add(line("trusted proxies", trustedProxies.describe()));
    return List.copyOf(lines);
  }

  private static String line(String name, String value) {
    return name + " " + ".".repeat(Math.max(3, 16 - name.length())) + " " + value;
  }

  private static int parsePort(String raw) {
    String value = raw.strip();
    if (value.isEmpty()) {
      throw new ConfigException("port", raw, "is empty", PORT_RANGE);
    }
    int port;
    try {
      port = Integer.parseInt(value);
    } catch (NumberFormatException e) {
      if (value.chars().allMatch(Character::isDigit)) {
        throw new ConfigException("port", raw, "is out of range", PORT_RANGE);
      }
      throw new ConfigException("port", raw, "is not a number", PORT_RANGE);
    }
    if (port < 0 || port > 65535) {
      throw new ConfigException("port", raw, "is out of range", PORT_RANGE);
    }
    return port;
  }

  private static Path parseData(String raw) {
    if (raw.isBlank()) {
      throw new ConfigException("data", raw, "is empty", WANT_DIRECTORY);
    }
    try {
      return Path.of(raw);
    } catch (InvalidPathException e) {
      throw new ConfigException("data", raw, "is not a valid path", WANT_DIRECTORY);
    }
  }

  private static Optional<DatabaseServer> parseDatabase(String option, Map<String, String> env) {
    String field = "db";
    String url = option;
    if (url == null) {
      field = ENV_DB_URL;
      url = blankToNull(env.get(ENV_DB_URL));
      if (url == null) {
        return Optional.empty();
      }
    }
    DatabaseServer.check(field, url);
    return Optional.of(
        new DatabaseServer(
            url, blankToNull(env.get(ENV_DB_USER)), blankToNull(env.get(ENV_DB_PASSWORD))));
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value;
  }

  private static void checkBind(String bind) {
    if (bind == null || bind.isBlank()) {
      throw new ConfigException("bind", bind, "is empty", WANT_ADDRESS);
    }
    try {
      InetAddress.getByName(bind);
    } catch (UnknownHostException | SecurityException e) {
      throw new ConfigException("bind", bind, "is not a known address", WANT_ADDRESS);
    }
  }
}
