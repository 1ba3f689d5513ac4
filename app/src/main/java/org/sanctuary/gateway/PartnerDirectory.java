package org.sanctuary.gateway;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * This node's copy of the gateway's directory: the partners, their live keys (hashes only) and
 * their agreements, as of one version of the database ({@code gateway_directory_version}, which
 * every write to those tables changes in its own transaction). A look-up decides from a copy only
 * when a statement run after the look-up arrived found the database at the copy's version, or
 * when the copy was read after the look-up arrived; otherwise it reads the directory again. So a
 * key revoked, or an agreement changed, on any node is seen on the very next request everywhere.
 */
final class PartnerDirectory {
  private final Supplier<Copy> load;
  private final AtomicLong loads = new AtomicLong();
  private volatile Copy current;

  /** {@code load} reads the whole directory and its version from one snapshot. */
  PartnerDirectory(Supplier<Copy> load) {
    this.load = load;
  }

  /** The copy held now, read first if there is none yet. */
  Copy current() {
    Copy c = current;
    return c != null ? c : first();
  }

  private synchronized Copy first() {
    if (current == null) read();
    return current;
  }

  /**
   * A copy at least as current as the database was when a look-up arrived ({@code arrivedNanos},
   * by {@link System#nanoTime}), given the version a statement sent after that found: the copy held
   * now when it is of that version or was read after the look-up arrived; otherwise a new one, read
   * now.
   */
  Copy asCurrentAs(String seenVersion, long arrivedNanos) {
    Copy c = current;
    if (c != null && c.version().equals(seenVersion)) return c;
    return reload(arrivedNanos, seenVersion);
  }

  // One reader at a time; those who waited take its copy when it is recent enough for them.
  private synchronized Copy reload(long arrivedNanos, String seenVersion) {
    Copy c = current;
    if (c != null && (c.version().equals(seenVersion) || c.readFromNanos() - arrivedNanos > 0)) return c;
    read();
    return current;
  }

  private void read() {
    Copy c = load.get(); // throws when the database cannot answer: the look-up is refused (503)
    loads.incrementAndGet();
    current = c;
  }

  /** How many times the directory was read: tests use it to show that look-ups use the copy. */
  long loads() {
    return loads.get();
  }

  /** A stored key as the directory holds it. */
  record Key(long partnerId, Instant expiresAt) {}

  /**
   * The directory as of {@code version}, read from one snapshot that was taken after {@code
   * readFromNanos} ({@link System#nanoTime}, noted before the read was sent).
   *
   * @param keys live (not revoked) keys by the hex of their SHA-256
   * @param agreements each partner's agreements (kept newest first)
   */
  record Copy(String version, long readFromNanos, Map<String, Key> keys, Map<Long, Partner> partners,
      Map<Long, List<Agreement>> agreements) {
    Copy {
      keys = Map.copyOf(keys);
      partners = Map.copyOf(partners);
      Map<Long, List<Agreement>> newestFirst = new java.util.HashMap<>();
      agreements.forEach((partner, list) ->
          newestFirst.put(partner, list.stream().sorted(Comparator.comparingLong(Agreement::id).reversed()).toList()));
      agreements = Map.copyOf(newestFirst);
    }

    /** The partner holding this key, if the key is known, not revoked and not expired at {@code now}. */
    Optional<Partner> partnerOf(String key, Instant now) {
      Key k = keys.get(HexFormat.of().formatHex(ApiKeys.hash(key)));
      if (k == null || (k.expiresAt() != null && !now.isBefore(k.expiresAt()))) return Optional.empty();
      return Optional.ofNullable(partners.get(k.partnerId()));
    }

    /** The newest agreement in force for the partner on that day, as {@link GatewayStore#agreementOn} reads it. */
    Optional<Agreement> agreementOn(long partnerId, LocalDate day) {
      return agreements.getOrDefault(partnerId, List.of()).stream().filter(a -> a.covers(day)).findFirst();
    }
  }
}
