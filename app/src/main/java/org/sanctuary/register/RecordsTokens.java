package org.sanctuary.register;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.regex.Pattern;
import org.sanctuary.gateway.ApiKeys;
import org.sanctuary.ledger.store.Ledger;
import org.sanctuary.ledger.store.LedgerEntry;
import org.sanctuary.errors.InvalidInput;
import org.sanctuary.store.Database;

/**
 * API tokens for the records systems that record received requests. A token is 256 random bits,
 * shown once when issued; only its SHA-256 is kept. Issuing and revoking are ledger entries
 * ({@code records.token}); so is every use, as the {@code by} field of the request it recorded.
 */
public final class RecordsTokens {
  /** Every token starts with this, so a leaked one is easy to spot in logs and code. */
  public static final String PREFIX = "srt_";
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,62}");

  private final Database database;
  private final TokenStore store;
  private final Ledger ledger;
  private final Clock clock;
  // Live tokens this node has seen, by hash: a request recorded with one asks the database nothing
  // before its batch, whose statement checks the token again (RegisterStore.INSERT). Only tokens
  // found live are kept, so the map holds at most the tokens ever issued.
  private final java.util.concurrent.ConcurrentHashMap<String, Long> seen = new java.util.concurrent.ConcurrentHashMap<>();

  public RecordsTokens(Database database, Ledger ledger, Clock clock) {
    this.database = database;
    this.store = new TokenStore(database);
    this.ledger = ledger;
    this.clock = clock;
  }

  /** A token just issued: the only time {@code token} is known to anyone. */
  public record Issued(long id, String name, String token) {}

  /** A token as listed: id, name, first characters, when issued and revoked. */
  public record Summary(long id, String name, String prefix, Instant createdAt, Instant revokedAt) {
    public boolean revoked() {
      return revokedAt != null;
    }
  }

  public Issued issue(String name) {
    String n = checkName(name);
    String token = ApiKeys.generate(PREFIX);
    Instant now = clock.instant();
    // the id is drawn first, so the ledger entry can name it
    long id = database.inTransaction(c -> {
      if (TokenStore.nameTaken(c, n)) {
        throw new InvalidInput("name", "name: \"" + n + "\" is taken (want a new name; names of revoked tokens stay taken)");
      }
      return TokenStore.nextId(c);
    });
    ledger.append(entry("issued", id, now),
        Ledger.Write.of((c, index) -> TokenStore.insert(c, id, n, ApiKeys.hash(token), ApiKeys.shown(token, PREFIX), now)));
    return new Issued(id, n, token);
  }

  /** Revokes the live token called {@code name}; its next use is refused. */
  public long revoke(String name) {
    String n = checkName(name);
    Instant now = clock.instant();
    OptionalLong id = database.inTransaction(c -> TokenStore.live(c, n));
    if (id.isEmpty()) {
      throw new InvalidInput("name", "name: no live token called \"" + n + "\" (see 'register token-list')");
    }
    ledger.append(entry("revoked", id.getAsLong(), now), Ledger.Write.of((c, index) -> TokenStore.revoke(c, id.getAsLong(), now)));
    forget(Recorder.token(id.getAsLong()));
    return id.getAsLong();
  }

  /**
   * Who a presented token records as, when it is a live token (or was when this node last saw it:
   * what it records is stored only if it still is, see {@link Register#record}).
   */
  public Optional<Recorder> check(String token) {
    if (token == null || !token.startsWith(PREFIX) || token.length() > 100) return Optional.empty();
    byte[] hash = ApiKeys.hash(token);
    String key = java.util.HexFormat.of().formatHex(hash);
    Long known = seen.get(key);
    if (known != null) return Optional.of(Recorder.token(known));
    OptionalLong id = store.find(hash);
    if (id.isEmpty()) return Optional.empty();
    seen.put(key, id.getAsLong());
    return Optional.of(Recorder.token(id.getAsLong()));
  }

  /** Drops a token this node took for live and the database refused: its next use asks again. */
  public void forget(Recorder by) {
    if (by.kind().equals("token")) seen.values().removeIf(id -> id == by.id());
  }

  public List<Summary> list() {
    return store.list().stream().map(r -> new Summary(r.id(), r.name(), r.prefix(), r.createdAt(), r.revokedAt()))
        .toList();
  }

  private static LedgerEntry entry(String action, long id, Instant at) {
    Map<String, Object> f = new LinkedHashMap<>();
    f.put("action", action);
    f.put("token", id);
    f.put("at", at.toString());
    return LedgerEntry.of("records.token", f);
  }

  static String checkName(String name) {
    String n = name == null ? "" : name.strip();
    if (!NAME.matcher(n).matches()) {
      throw new InvalidInput("name", "name: \"" + ChicagoTime.clip(n) + "\" is not a token name"
          + " (want 1 to 63 letters, digits, '.', '_' or '-', starting with a letter or digit)");
    }
    return n;
  }
}
