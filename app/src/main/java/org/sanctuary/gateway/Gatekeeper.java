package org.sanctuary.gateway;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.sanctuary.limits.Buckets;
import org.sanctuary.limits.TokenBuckets;

/**
 * The first step of a look-up: which partner holds the key, found in this node's copy of the
 * directory, with one token taken from the partner's rate limit. The statement that takes the
 * token also reads the directory's version, so a look-up costs one statement before its dataset is
 * read; when the version moved (a key, partner or agreement changed on any node) the copy is read
 * again and the look-up is decided by the new one. A key the copy does not know costs one
 * statement too (is the copy current?), and no token. A look-up the copy permits can instead send
 * that statement as the {@link #gate} of its read, in one round trip.
 */
final class Gatekeeper {
  private final PartnerDirectory directory;
  private final Buckets limiter;
  private final Buckets.Reading version;
  private final AtomicLong admissions = new AtomicLong();
  // partner id: until when this node last told it to wait; one entry a partner
  private final Map<Long, Instant> overLimitUntil = new ConcurrentHashMap<>();

  Gatekeeper(PartnerDirectory directory, Buckets limiter, Buckets.Reading version) {
    this.directory = directory;
    this.limiter = limiter;
    this.version = version;
  }

  /** A known caller: its partner, the seconds it must wait (0: go ahead) and the copy that decides its look-up. */
  record Admitted(Partner partner, long waitSeconds, PartnerDirectory.Copy directory) {}

  /**
   * The partner holding {@code key} at {@code now}, counted against its limit; empty when the key is
   * unknown, revoked or expired.
   *
   * @throws RuntimeException when the version, the limit or the directory cannot be read: the
   *     look-up is refused (503), never decided by a copy that may be stale
   */
  Optional<Admitted> admit(String key, Instant now) {
    long arrived = System.nanoTime();
    PartnerDirectory.Copy copy = directory.current();
    Optional<Partner> partner = copy.partnerOf(key, now);
    if (partner.isEmpty()) {
      // perhaps issued since the copy was read: refuse only on a copy known to be current
      copy = directory.asCurrentAs(version.read(), arrived);
      partner = copy.partnerOf(key, now);
      if (partner.isEmpty()) return Optional.empty();
    }
    Partner p = partner.get();
    admissions.incrementAndGet();
    Buckets.Taken taken = limiter.acquireReading(bucket(p), rate(p), version);
    if (taken.waitSeconds() > 0) {
      overLimitUntil.put(p.id(), now.plusSeconds(taken.waitSeconds()));
    }
    PartnerDirectory.Copy current = directory.asCurrentAs(taken.value(), arrived);
    if (current != copy) {
      // changed meanwhile: the new copy decides (the token is spent all the same: the partner asked)
      Optional<Partner> again = current.partnerOf(key, now);
      if (again.isEmpty()) return Optional.empty();
      p = again.get();
    }
    return Optional.of(new Admitted(p, taken.waitSeconds(), current));
  }

  /**
   * The gate for a look-up by {@code p}, found in {@code copy}: in the round trip that reads the
   * look-up's dataset, it takes the token and lets the read run only when one was granted and the
   * database is still at the copy's version, so the copy decided the look-up as {@link #admit}
   * would have. Empty when the buckets are not kept in the directory's database, or while a wait
   * this node gave the partner (429) is not over at {@code now}.
   */
  Optional<Buckets.Gate> gate(Partner p, PartnerDirectory.Copy copy, Instant now) {
    // A partner this node last found over its limit goes the usual way until its wait is over:
    // a closed gate would cost it three statements (the gate, its rollback, the usual one).
    Instant until = overLimitUntil.get(p.id());
    if (until != null) {
      if (now.isBefore(until)) return Optional.empty();
      overLimitUntil.remove(p.id(), until);
    }
    return limiter.gate(bucket(p), rate(p), version, copy.version());
  }

  /** The name of a partner's bucket: one per partner, shared by every node. */
  static String bucket(Partner p) {
    return "gateway.partner " + p.id();
  }

  static TokenBuckets.Rate rate(Partner p) {
    return TokenBuckets.Rate.perSecond(p.burst(), p.ratePerSecond());
  }

  /** How many tokens {@link #admit} asked for, each in a statement of its own: tests count them. */
  long admissions() {
    return admissions.get();
  }

  PartnerDirectory directory() {
    return directory;
  }
}
