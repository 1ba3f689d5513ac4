package org.sanctuary.limits;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.sanctuary.errors.Unavailable;
import org.sanctuary.store.Database;
import org.sanctuary.store.StoreException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Token buckets in PostgreSQL, shared by every node on the database, so a client gets the limit
 * once however many nodes it reaches. Each check is one statement that refills the bucket and takes
 * a token atomically, with the exact integer credit of {@link TokenBuckets}; the row lock makes
 * racing checks, from any node, take turns. Time is the node's clock (nodes keep time by NTP: a
 * node running ahead can grant a client only its lead's worth of tokens early).
 *
 * <p>Keys are stored as HMAC-SHA-256 under a key kept outside the database, so a copy of the
 * database does not say which addresses were here. The table is UNLOGGED: a check waits for no
 * disk flush, and nothing of it reaches the WAL, its archives or replicas; a database crash
 * empties it, which only hands every client a fresh burst.
 *
 * <p>When the database cannot answer, the check throws (a {@link StoreException} for an outage,
 * else {@link Unavailable}): the request is refused with 503, never let through.
 */
public final class PostgresBuckets implements Buckets {
  private static final Logger log = LoggerFactory.getLogger(PostgresBuckets.class);

  // Refill from the elapsed time (capped before multiplying, as in TokenBuckets), then take up to
  // 'want' tokens, as many as there are; 'granted' and 'taken' keep the answer, since RETURNING
  // sees only the new row.
  private static final String PARAMETERS =
      "WITH p (now, unit, tokens, cap, want) AS (VALUES (?::bigint, ?::bigint, ?::bigint, ?::bigint, ?::bigint))\n";
  private static final String UPSERT = """
      INSERT INTO rate_bucket AS b (key_hash, credit, updated_at_ns, full_at_ns, granted, taken)
      SELECT ?, p.cap - k.n * p.unit, p.now, p.now + (k.n * p.unit + p.tokens - 1) / p.tokens, true, k.n
      FROM p, LATERAL (SELECT LEAST(p.want, p.cap / p.unit) AS n) k
      ON CONFLICT (key_hash) DO UPDATE SET (credit, updated_at_ns, full_at_ns, granted, taken) = (
        SELECT t.credit, t.at, t.at + (t.cap - t.credit + t.tokens - 1) / t.tokens, t.n > 0, t.n
        FROM (
          SELECT r.credit - r.n * r.unit AS credit, r.n, r.at, r.cap, r.tokens
          FROM (
            SELECT c.credit, LEAST(c.want, c.credit / c.unit) AS n, c.at, c.unit, c.cap, c.tokens
            FROM (
              SELECT CASE WHEN e.elapsed >= (e.cap - e.credit) / e.tokens + 1 THEN e.cap
                          ELSE e.credit + e.elapsed * e.tokens END AS credit, e.at, e.unit, e.cap, e.tokens, e.want
              FROM (
                SELECT LEAST(b.credit, p.cap) AS credit, GREATEST(p.now - b.updated_at_ns, 0) AS elapsed,
                       GREATEST(b.updated_at_ns, p.now) AS at, p.unit, p.cap, p.tokens, p.want
                FROM p) e) c) r) t)
      RETURNING credit, granted, taken""";
  private static final String TAKE = PARAMETERS + UPSERT;

  // The same, and a value read at the same moment (one statement, one snapshot): the bucket's
  // arithmetic is the statement above, unchanged.
  private static final String TAKE_THEN = PARAMETERS + ", take AS (" + UPSERT + ")\n";

  private static String takeReading(String scalarQuery) {
    return TAKE_THEN + "SELECT credit, granted, (" + scalarQuery + ") AS reading FROM take";
  }

  // The same, failing (V917) unless a token was granted and the value is the one expected: CASE
  // evaluates in order, so the function that fails runs only then. Its one row: the tokens taken.
  private static String gateReading(String scalarQuery) {
    return TAKE_THEN + "SELECT CASE WHEN granted AND (" + scalarQuery
        + ") = ? THEN taken ELSE bucket_gate_closed()::int::bigint END FROM take";
  }

  // a bucket that has filled up again is no different from one never used
  private static final String FORGET_FULL = "DELETE FROM rate_bucket WHERE full_at_ns <= ?";

  private final Database database;
  private final Clock clock;
  private final SecretKeySpec keyHashing;
  // a gate's statement for each reading's query: the same string each time, which the driver's
  // cache of parsed statements then finds at once
  private final java.util.Map<String, String> gateSql = new java.util.concurrent.ConcurrentHashMap<>();

  /** Buckets in {@code database}; {@code keySecret} (32 bytes or more) keys the stored hashes. */
  public PostgresBuckets(Database database, Clock clock, byte[] keySecret) {
    if (keySecret.length < 32) {
      throw new IllegalArgumentException("rate limit key: " + keySecret.length + " bytes (want 32 or more)");
    }
    this.database = database;
    this.clock = clock;
    this.keyHashing = new SecretKeySpec(keySecret.clone(), "HmacSHA256");
  }

  @Override
  public long acquire(String key, TokenBuckets.Rate rate) {
    return take(TAKE, key, rate, null).waitSeconds();
  }

  /** In one statement when {@code reading} is from this database; see {@link Buckets#acquireReading}. */
  @Override
  public Taken acquireReading(String key, TokenBuckets.Rate rate, Reading reading) {
    if (reading.database() != database) return Buckets.super.acquireReading(key, rate, reading);
    Taken taken = take(takeReading(reading.scalarQuery()), key, rate, reading);
    reading.present(taken.value()); // checked after the statement: a missing value refuses (503)
    return taken;
  }

  /** A gate when {@code reading} is from this database; see {@link Buckets#gate}. */
  @Override
  public Optional<Gate> gate(String key, TokenBuckets.Rate rate, Reading reading, String expected, int upTo) {
    if (reading.database() != database) return Optional.empty();
    if (upTo < 1) throw new IllegalArgumentException("tokens to take: " + upTo + " (want 1 or more)");
    String sql = gateSql.computeIfAbsent(reading.scalarQuery(), PostgresBuckets::gateReading);
    long now = TokenBuckets.nanos(clock.instant());
    byte[] hashed = hash(key);
    return Optional.of(new Gate() {
      @Override
      public String sql() {
        return sql;
      }

      @Override
      public int bind(PreparedStatement ps, int first) throws SQLException {
        int next = bindTake(ps, first, now, rate, upTo, hashed);
        ps.setString(next, expected);
        return next + 1;
      }
    });
  }

  private Taken take(String sql, String key, TokenBuckets.Rate rate, Reading reading) {
    long now = TokenBuckets.nanos(clock.instant());
    try (Connection c = database.dataSource().getConnection();
        PreparedStatement take = c.prepareStatement(sql)) {
      bindTake(take, 1, now, rate, 1, hash(key));
      try (ResultSet r = take.executeQuery()) {
        r.next();
        long wait = r.getBoolean("granted") ? 0 : rate.secondsUntilToken(r.getLong("credit"));
        return new Taken(wait, reading == null ? null : r.getString("reading"));
      }
    } catch (SQLException | RuntimeException e) {
      if (StoreException.isOutage(e)) throw new StoreException("database: " + e.getMessage(), e); // 503 as any outage
      throw new Unavailable("the rate limit cannot be checked now, so nothing was done; try again shortly", e);
    }
  }

  // The take's parameters (PARAMETERS, then the key's hash in UPSERT) from first; the next index.
  private static int bindTake(PreparedStatement ps, int first, long now, TokenBuckets.Rate rate, int want,
      byte[] keyHash) throws SQLException {
    ps.setLong(first, now);
    ps.setLong(first + 1, rate.unitNanos());
    ps.setLong(first + 2, rate.tokens());
    ps.setLong(first + 3, rate.capacity());
    ps.setLong(first + 4, want);
    ps.setBytes(first + 5, keyHash);
    return first + 6;
  }

  /** Deletes the buckets that are full again; returns how many. */
  public int forgetFull() {
    long now = TokenBuckets.nanos(clock.instant());
    return database.inTransaction(c -> {
      try (PreparedStatement delete = c.prepareStatement(FORGET_FULL)) {
        delete.setLong(1, now);
        return delete.executeUpdate();
      }
    });
  }

  /**
   * Deletes full buckets every {@code every} on a daemon thread, until the returned handle is
   * closed. Every node may run it; the deletes do not disturb each other or a check.
   */
  public AutoCloseable scheduleCleanup(Duration every) {
    ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "rate-limit-cleanup");
      t.setDaemon(true);
      return t;
    });
    timer.scheduleWithFixedDelay(() -> {
      try {
        forgetFull();
      } catch (StoreException e) {
        log.warn("rate limits: full buckets not cleaned up now ({}); trying again later", e.getMessage());
      } catch (RuntimeException e) {
        log.error("rate limits: the clean-up failed; trying again later", e);
      }
    }, every.toMillis(), every.toMillis(), TimeUnit.MILLISECONDS);
    return timer::shutdownNow;
  }

  private byte[] hash(String key) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(keyHashing);
      return mac.doFinal(key.getBytes(StandardCharsets.UTF_8));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HMAC-SHA-256 is not available", e);
    }
  }
}
