package org.sanctuary.bench.policy;

import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.sanctuary.policy.Decision;
import org.sanctuary.policy.engine.Engine;
import org.sanctuary.policy.FederalRequest;
import org.sanctuary.policy.agency.AgencyRegistry;
import org.sanctuary.policy.pack.PackLoader;

/**
 * Decisions per second, one decision per operation, on one thread:
 *
 * <ul>
 *   <li>{@code engineMixed}: the engine on requests over 1985..2026 and every body;
 *   <li>{@code engine2022}: the engine on requests received in 2022 by CPD or the Sheriff;
 *   <li>{@code handWritten2022}: the same 2022 stream through the hand-written rules, the floor;
 *   <li>{@code cedar2022}: the same 2022 stream through the rules in Cedar, for reference.
 * </ul>
 *
 * Every variant resolves the requester through the agency registry. The engine's memo tables and
 * the registry's name cache are filled in set-up, so the timed part is the steady state.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@State(Scope.Thread)
public class DecisionBenchmark {
  private static final int WRAP = RequestStreams.SIZE - 1;

  private Engine engine;
  private HandWritten2022 handWritten;
  private FederalRequest[] mixed;
  private FederalRequest[] year2022;
  private int cursor;

  @Setup(Level.Trial)
  public void setUp() {
    AgencyRegistry registry = AgencyRegistry.builtIn();
    engine = Engine.of(PackLoader.builtIn(), registry, Set.of());
    handWritten = new HandWritten2022(registry);
    mixed = RequestStreams.mixed(engine, RequestStreams.SEED, RequestStreams.SIZE);
    year2022 = RequestStreams.year2022(RequestStreams.SEED, RequestStreams.SIZE);
    for (FederalRequest r : mixed) engine.decide(r);
    for (FederalRequest r : year2022) engine.decide(r);
  }

  /** Cedar's native library loads only for the benchmark that uses it. */
  @State(Scope.Thread)
  public static class CedarState {
    Cedar2022 cedar;

    @Setup(Level.Trial)
    public void setUp() {
      cedar = Cedar2022.load(AgencyRegistry.builtIn());
    }
  }

  @Benchmark
  public Decision engineMixed() {
    return engine.decide(mixed[next()]);
  }

  @Benchmark
  public Decision engine2022() {
    return engine.decide(year2022[next()]);
  }

  @Benchmark
  public FloorDecision handWritten2022() {
    return handWritten.decide(year2022[next()]);
  }

  @Benchmark
  public CedarDecision cedar2022(CedarState state) {
    return state.cedar.decide(year2022[next()]);
  }

  private int next() {
    int i = cursor;
    cursor = (i + 1) & WRAP;
    return i;
  }
}
