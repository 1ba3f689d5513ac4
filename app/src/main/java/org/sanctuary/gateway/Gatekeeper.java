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
 *
 * <p>For a partner with a high rate the gate takes up to 50 ms of its rate at once (at most {@link
 * #MOST_LEASED} tokens), and this node spends the tokens left over on the partner's next look-ups
 * within those 50 ms ({@link #LEASE}); what is not spent by then is dropped. Such a look-up's gate
 * only checks that the copy is current: revocation still takes effect on the very next look-up,
 * and the one row of the bucket, which every node's look-ups otherwise update in turn, is updated
 * once a lease. The limit still holds across nodes, since every token comes out of the shared
 * bucket; a node may spend a token up to 50 ms after it left the bucket, so over any window the
 * look-ups granted stay within the burst plus the rate over that window and 50 ms more. A partner
 * whose 50 ms hold fewer than two tokens takes one at a time, as before.
 */
final class Gatekeeper {
  private final PartnerDirectory directory;
  private final Buckets limiter;
  private final Buckets.Reading version;
  private final AtomicLong admissions = new AtomicLong();
  // partner id: until when this node last told it to wait; one entry a partner
  private final Map<Long, Instant> overLimitUntil = new ConcurrentHashMap<>();
  /** How long tokens taken ahead stay this node's to spend. */
  static final java.time.Duration LEASE = java.time.Duration.ofMillis(50);
  /** The most tokens a gate takes ahead for one partner. */
  static final int MOST_LEASED = 32;
  // partner id: the tokens this node took ahead and has not spent yet
  private final Map<Long, Lease> leases = new ConcurrentHashMap<>();
  private final AtomicLong leasedLookUps = new AtomicLong();

  private final long leaseNanos;

  Gatekeeper(PartnerDirectory directory, Buckets limiter, Buckets.Reading version) {
    this(directory, limiter, version, LEASE);
  }

  /** As above, tokens taken ahead staying this node's for {@code lease} (tests lengthen it). */
  Gatekeeper(PartnerDirectory directory, Buckets limiter, Buckets.Reading version, java.time.Duration lease) {
    this.leaseNanos = lease.toNanos();
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
    Lease lease = leases.get(p.id());
    if (lease != null && lease.spend()) {
      leasedLookUps.incrementAndGet();
      return Optional.of(version.gateAt(copy.version())); // the token was taken ahead
    }
    return limiter.gate(bucket(p), rate(p), version, copy.version(), tokensAhead(p)).map(g -> g.whenOpened(taken -> {
      if (taken > 1) leases.put(p.id(), new Lease(taken - 1, System.nanoTime() + leaseNanos));
    }));
  }

  // The tokens a gate takes for p: 50 ms of its rate, at least 1, at most MOST_LEASED and its burst.
  static int tokensAhead(Partner p) {
    long fifty = (long) p.ratePerSecond() * LEASE.toMillis() / 1000;
    return (int) Math.max(1, Math.min(Math.min(MOST_LEASED, p.burst()), fifty));
  }

  /** Tokens taken ahead: spent one by one until none is left or the lease is over. */
  private static final class Lease {
    private final AtomicLong left;
    private final long untilNanos;

    Lease(long tokens, long untilNanos) {
      this.left = new AtomicLong(tokens);
      this.untilNanos = untilNanos;
    }

    boolean spend() {
      return System.nanoTime() - untilNanos < 0 && left.getAndDecrement() > 0;
    }
  }

  /** The name of a partner's bucket: one per partner, shared by every node. */
  static String bucket(Partner p) {
    return "gateway.partner " + p.id();
  }

  static TokenBuckets.Rate rate(Partner p) {
    return TokenBuckets.Rate.perSecond(p.burst(), p.ratePerSecond());
  }

  /** Look-ups whose gate spent a token taken ahead: tests count them. */
  long leasedLookUps() {
    return leasedLookUps.get();
  }

  /** How many tokens {@link #admit} asked for, each in a statement of its own: tests count them. */
  long admissions() {
    return admissions.get();
  }

  PartnerDirectory directory() {
    return directory;
  }
}
