package org.sanctuary.policy.diff;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.sanctuary.policy.Basis;
import org.sanctuary.policy.Body;
import org.sanctuary.policy.Kind;
import org.sanctuary.policy.engine.PackEvaluation;
import org.sanctuary.policy.Purpose;
import org.sanctuary.policy.Shape;
import org.sanctuary.policy.agency.Agency;
import org.sanctuary.policy.agency.AgencyRegistry;
import org.sanctuary.policy.pack.CompiledPack;

/**
 * Compares two packs over the whole finite request space and lists every shape whose outcome
 * differs, grouped by the pair of answers and folded into "cubes" (sets of values per dimension)
 * so a person can read it. Dates play no part: each pack is asked as if it were in force.
 */
public final class PackDiff {
  /** Dimensions of a shape, in cube order. */
  static final int BODY = 0, CLASS = 1, KIND = 2, BASIS = 3, PURPOSE = 4, SUBJECT0 = 5, DIMS = 9;

  private PackDiff() {}

  /** A requester class: a facet set and the agencies that have it. */
  public record RequesterClass(int facets, List<String> agencies) {
    public String label() {
      String names = agencies.size() <= 4 ? String.join(", ", agencies)
          : String.join(", ", agencies.subList(0, 4)) + " and " + (agencies.size() - 4) + " more";
      return org.sanctuary.policy.agency.Facet.describe(facets) + " (" + names + ")";
    }
  }

  /** A block of shapes: for each dimension the values it covers. Subject facts are true/false sets. */
  public record Cube(Set<Body> bodies, List<RequesterClass> requesters, Set<Kind> kinds, Set<Basis> bases,
      Set<Purpose> purposes, List<String> subjectFacts, int shapes) {}

  /**
   * Shapes where A and B answer differently, explained by one rule: a rule of A ({@code side} "A"),
   * or of B when A only gave its default. {@code otherRules} are the other side's deciding rules
   * over the group, most frequent first.
   */
  public record Group(String side, String rule, String outcomeA, String outcomeB, List<String> otherRules,
      int shapes, List<Cube> cubes) {}

  /** The whole comparison. */
  public record Result(String packA, String packB, Set<Body> bodies, List<RequesterClass> requesterClasses,
      int shapesCompared, int shapesDiffering, List<Group> groups) {}

  public static Result compare(CompiledPack a, CompiledPack b, AgencyRegistry registry) {
    Set<Body> bodies = EnumSet.noneOf(Body.class);
    bodies.addAll(a.pack().binds());
    bodies.retainAll(b.pack().binds());
    if (bodies.isEmpty()) { // packs for different bodies: compare their rules over both
      bodies.addAll(a.pack().binds());
      bodies.addAll(b.pack().binds());
    }
    List<RequesterClass> classes = new ArrayList<>();
    registry.classes().forEach((mask, agencies) ->
        classes.add(new RequesterClass(mask, agencies.stream().map(Agency::id).toList())));

    // A shape lands in one group per rule that explains it: A's deciding rules, or B's when A
    // only had its default. Shapes decided by two carve-outs thus appear under each of them.
    Map<String, List<int[]>> differing = new LinkedHashMap<>();
    Map<String, String[]> keys = new LinkedHashMap<>();
    Map<String, Map<String, Integer>> otherRules = new LinkedHashMap<>();
    int compared = 0;
    int total = 0;
    List<Body> bodyList = List.copyOf(bodies);
    for (int bi = 0; bi < bodyList.size(); bi++) {
      for (int ci = 0; ci < classes.size(); ci++) {
        for (Kind kind : Kind.values()) {
          for (Basis basis : Basis.values()) {
            for (Purpose purpose : Purpose.values()) {
              for (int subject = 0; subject < 16; subject++) {
                compared++;
                Shape shape = new Shape(bodyList.get(bi), classes.get(ci).facets(), kind, basis, purpose, subject);
                PackEvaluation ea = PackEvaluation.of(a, shape);
                PackEvaluation eb = PackEvaluation.of(b, shape);
                if (ea.outcome() == eb.outcome()) continue;
                total++;
                int[] point = new int[DIMS];
                point[BODY] = bi;
                point[CLASS] = ci;
                point[KIND] = kind.ordinal();
                point[BASIS] = basis.ordinal();
                point[PURPOSE] = purpose.ordinal();
                for (int s = 0; s < 4; s++) point[SUBJECT0 + s] = (subject >> s) & 1;
                boolean bySideA = !ea.decidingRules().equals(List.of("default"));
                PackEvaluation explaining = bySideA ? ea : eb;
                PackEvaluation other = bySideA ? eb : ea;
                for (String rule : explaining.decidingRules()) {
                  String key = (bySideA ? "A:" : "B:") + rule + ":" + ea.outcome();
                  keys.putIfAbsent(key, new String[] {bySideA ? "A" : "B", rule, ea.outcome().name(),
                      eb.outcome().name()});
                  differing.computeIfAbsent(key, k -> new ArrayList<>()).add(point);
                  Map<String, Integer> counts = otherRules.computeIfAbsent(key, k -> new LinkedHashMap<>());
                  other.decidingRules().forEach(r -> counts.merge(r, 1, Integer::sum));
                }
              }
            }
          }
        }
      }
    }
    List<Group> groups = new ArrayList<>();
    for (var e : differing.entrySet()) {
      String[] k = keys.get(e.getKey());
      List<Cube> cubes = new ArrayList<>();
      for (long[] c : Cubes.fold(e.getValue())) cubes.add(describe(c, bodyList, classes));
      List<String> others = otherRules.get(e.getKey()).entrySet().stream()
          .sorted((x, y) -> y.getValue() - x.getValue()).map(Map.Entry::getKey).toList();
      groups.add(new Group(k[0], k[1], k[2], k[3], others, e.getValue().size(), cubes));
    }
    groups.sort(Comparator.comparing(Group::side).thenComparing(Comparator.comparingInt(Group::shapes).reversed()));
    return new Result(a.id(), b.id(), bodies, classes, compared, total, groups);
  }

  private static Cube describe(long[] masks, List<Body> bodies, List<RequesterClass> classes) {
    Set<Body> bs = EnumSet.noneOf(Body.class);
    List<RequesterClass> rs = new ArrayList<>();
    Set<Kind> ks = EnumSet.noneOf(Kind.class);
    Set<Basis> bas = EnumSet.noneOf(Basis.class);
    Set<Purpose> ps = EnumSet.noneOf(Purpose.class);
    for (int i = 0; i < bodies.size(); i++) if ((masks[BODY] >> i & 1) != 0) bs.add(bodies.get(i));
    for (int i = 0; i < classes.size(); i++) if ((masks[CLASS] >> i & 1) != 0) rs.add(classes.get(i));
    for (Kind k : Kind.values()) if ((masks[KIND] >> k.ordinal() & 1) != 0) ks.add(k);
    for (Basis b : Basis.values()) if ((masks[BASIS] >> b.ordinal() & 1) != 0) bas.add(b);
    for (Purpose p : Purpose.values()) if ((masks[PURPOSE] >> p.ordinal() & 1) != 0) ps.add(p);
    List<String> facts = new ArrayList<>();
    int shapes = Long.bitCount(masks[BODY]) * Long.bitCount(masks[CLASS]) * ks.size() * bas.size() * ps.size();
    for (int s = 0; s < 4; s++) {
      long m = masks[SUBJECT0 + s];
      String name = org.sanctuary.policy.Subject.FIELDS.get(s);
      if (m == 0b10) facts.add(name);
      else if (m == 0b01) facts.add("not " + name);
      shapes *= Long.bitCount(m);
    }
    return new Cube(bs, rs, ks, bas, ps, facts, shapes);
  }
}
