package org.sanctuary.register;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.sanctuary.policy.Basis;
import org.sanctuary.policy.Body;
import org.sanctuary.policy.engine.Engine;
import org.sanctuary.errors.InvalidInput;
import org.sanctuary.policy.Kind;
import org.sanctuary.policy.Outcome;
import org.sanctuary.policy.engine.PackEvaluation;
import org.sanctuary.policy.Purpose;
import org.sanctuary.policy.Shape;
import org.sanctuary.policy.agency.Agency;
import org.sanctuary.policy.pack.CompiledPack;

/**
 * A year's recorded requests decided again under a chosen set of packs, as if those packs alone
 * were in force whatever their dates or status (a superseded ordinance, a proposed one): how many
 * answers change, grouped by the rule that explains the new answer, with examples. Packs combine as
 * the engine combines them: deny overrides, an exception lifts only the rules of its own pack it
 * names. A request the chosen packs do not bind (another body) is counted apart, not decided.
 */
public final class Replay {
  static final int EXAMPLES = 3;

  private final Engine engine;
  private final List<CompiledPack> packs;
  private final Map<Long, Answer> memo = new HashMap<>();

  /** @throws InvalidInput naming the pack when one is unknown, or when none is given */
  public Replay(Engine engine, List<String> packIds) {
    this.engine = engine;
    if (packIds.isEmpty()) throw new InvalidInput("pack", "pack: none given (want one or more pack ids)");
    List<CompiledPack> chosen = new ArrayList<>();
    for (String id : packIds) {
      CompiledPack cp = engine.pack(id).orElseThrow(() -> new InvalidInput("pack", "pack: no policy pack \""
          + ChicagoTime.clip(id) + "\" (want one of " + String.join(", ", engine.packs().stream().map(p -> p.id()).toList())
          + ")"));
      if (chosen.stream().noneMatch(c -> c.id().equals(id))) chosen.add(cp);
    }
    this.packs = List.copyOf(chosen);
  }

  /** One request whose answer changed: what it was, what the chosen packs say, and why. */
  public record Example(String request, String received, Body body, String requester, String kind, String basis,
      String purpose, String before, List<String> beforeRules, String after, List<String> afterRules) {}

  /** Changed answers explained by one rule of the chosen packs. */
  public record Group(String rule, String before, String after, long requests, List<Example> examples) {}

  /** The whole replay. */
  public record Result(int year, List<String> packs, long requests, long decided, long notBound, long changed,
      List<Group> groups) {}

  private record Answer(Outcome outcome, List<String> rules) {}

  /** Decides every request {@code store} holds for {@code year} again. */
  public Result run(RegisterStore store, int year) {
    long[] n = new long[4]; // requests, decided, not bound, changed
    Map<String, long[]> counts = new LinkedHashMap<>();
    Map<String, List<Example>> examples = new LinkedHashMap<>();
    Map<String, String[]> keys = new LinkedHashMap<>();
    store.decided(year, r -> {
      n[0]++;
      Optional<Answer> again = decide(r);
      if (again.isEmpty()) {
        n[2]++;
        return;
      }
      n[1]++;
      Answer a = again.get();
      if (a.outcome().name().equals(r.outcome())) return;
      n[3]++;
      for (String rule : a.rules()) {
        String key = rule + "|" + r.outcome() + "|" + a.outcome();
        keys.putIfAbsent(key, new String[] {rule, r.outcome(), a.outcome().name()});
        counts.computeIfAbsent(key, k -> new long[1])[0]++;
        List<Example> ex = examples.computeIfAbsent(key, k -> new ArrayList<>());
        if (ex.size() < EXAMPLES) {
          ex.add(new Example(r.publicId().toString(), r.received().toString(), r.body(),
              r.requester() == null ? "UNKNOWN" : r.requester(), r.kind(), r.basis(), r.purpose(), r.outcome(),
              r.reasons(), a.outcome().name(), a.rules()));
        }
      }
    });
    List<Group> groups = new ArrayList<>();
    for (var e : counts.entrySet()) {
      String[] k = keys.get(e.getKey());
      groups.add(new Group(k[0], k[1], k[2], e.getValue()[0], List.copyOf(examples.get(e.getKey()))));
    }
    groups.sort((a, b) -> Long.compare(b.requests(), a.requests()));
    return new Result(year, packs.stream().map(CompiledPack::id).toList(), n[0], n[1], n[2], n[3], groups);
  }

  private Optional<Answer> decide(RegisterStore.Decided r) {
    List<CompiledPack> binding = packs.stream().filter(p -> p.pack().binds(r.body())).toList();
    if (binding.isEmpty()) return Optional.empty();
    Optional<Agency> agency = engine.registry().resolve(r.requesterText());
    if (agency.isEmpty()) {
      return Optional.of(new Answer(Outcome.DENY, List.of(Engine.SANCTUARY + ":unknown-requester")));
    }
    Shape shape = new Shape(r.body(), agency.get().facetMask(), Kind.valueOf(r.kind()), Basis.valueOf(r.basis()),
        Purpose.valueOf(r.purpose()), r.subjectBits());
    long key = ((((((long) shape.body().ordinal() * 1024 + shape.facets()) * 8 + shape.kind().ordinal()) * 4
        + shape.basis().ordinal()) * 2 + shape.purpose().ordinal()) * 16) + shape.subjectBits();
    return Optional.of(memo.computeIfAbsent(key, k -> combine(binding, shape)));
  }

  // deny overrides; on a permit, the exceptions that lifted a bar, else each pack's default
  private static Answer combine(List<CompiledPack> binding, Shape shape) {
    List<String> denies = new ArrayList<>();
    List<String> permits = new ArrayList<>();
    for (CompiledPack cp : binding) {
      PackEvaluation e = PackEvaluation.of(cp, shape);
      for (String rule : e.decidingRules()) {
        (e.outcome() == Outcome.DENY ? denies : permits).add(cp.id() + ":" + rule);
      }
    }
    return denies.isEmpty() ? new Answer(Outcome.PERMIT, List.copyOf(permits)) : new Answer(Outcome.DENY, List.copyOf(denies));
  }
}
