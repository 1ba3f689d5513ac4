package org.sanctuary.bench.policy;

import java.time.LocalDate;
import java.util.SplittableRandom;
import org.sanctuary.policy.Basis;
import org.sanctuary.policy.Body;
import org.sanctuary.policy.engine.Engine;
import org.sanctuary.policy.FederalRequest;
import org.sanctuary.policy.Kind;
import org.sanctuary.policy.Purpose;
import org.sanctuary.policy.Subject;

/**
 * The request streams the decision benchmarks cycle through, drawn from a seeded random so every
 * run and every test sees the same requests.
 */
public final class RequestStreams {
  /** Requests per stream: a power of two, so a cursor wraps with a mask. */
  public static final int SIZE = 4096;
  public static final long SEED = 0x5A7C_2022L;

  static final LocalDate FIRST = LocalDate.of(1985, 1, 1);
  static final LocalDate LAST = LocalDate.of(2026, 12, 31);
  private static final Body[] BODIES_2022 = {Body.CPD, Body.COOK_COUNTY_SHERIFF};

  private RequestStreams() {}

  /** Requests over 1985..2026 and every body, leaving out days on which no law binds the body. */
  public static FederalRequest[] mixed(Engine engine, long seed, int size) {
    SplittableRandom random = new SplittableRandom(seed);
    FederalRequest[] out = new FederalRequest[size];
    long first = FIRST.toEpochDay();
    long days = LAST.toEpochDay() - first + 1;
    int n = 0;
    while (n < size) {
      LocalDate day = LocalDate.ofEpochDay(first + random.nextLong(days));
      Body body = Body.values()[random.nextInt(Body.values().length)];
      if (engine.inForce(body, day).isEmpty()) continue; // the engine would refuse it: no law to decide by
      out[n] = request(random, n, day, body);
      n++;
    }
    return out;
  }

  /** Requests received in 2022 by CPD or the Cook County Sheriff. */
  public static FederalRequest[] year2022(long seed, int size) {
    SplittableRandom random = new SplittableRandom(seed);
    FederalRequest[] out = new FederalRequest[size];
    for (int n = 0; n < size; n++) {
      LocalDate day = LocalDate.ofYearDay(2022, 1 + random.nextInt(365));
      out[n] = request(random, n, day, BODIES_2022[random.nextInt(BODIES_2022.length)]);
    }
    return out;
  }

  /** One request drawn from the mix above, with the id {@code "bench-" + n}. */
  static FederalRequest request(SplittableRandom random, int n, LocalDate day, Body body) {
    Kind kind = Kind.values()[random.nextInt(Kind.values().length)];
    // most detainers and transfer requests come on immigration forms, few with a judge's warrant
    int b = random.nextInt(20);
    Basis basis = b < 6 ? Basis.NONE : b < 15 ? Basis.ADMINISTRATIVE_WARRANT : Basis.JUDICIAL_WARRANT;
    Purpose purpose = random.nextInt(5) < 3 ? Purpose.CIVIL_IMMIGRATION : Purpose.CRIMINAL;
    Subject subject = new Subject(fact(random), fact(random), fact(random), fact(random));
    return new FederalRequest("bench-" + n, day, body, Requesters.draw(random), kind, basis, purpose, subject);
  }

  private static boolean fact(SplittableRandom random) {
    return random.nextInt(100) < 15;
  }
}
