package org.sanctuary.incidents.routing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.sanctuary.incidents.model.Category;
import org.sanctuary.incidents.model.Departments;
import org.sanctuary.incidents.model.EmployeeType;
import org.sanctuary.incidents.model.Investigator;
import org.sanctuary.policy.PackStatus;
import org.sanctuary.policy.yaml.SourceError;
import org.sanctuary.policy.yaml.SourceException;
import org.sanctuary.policy.yaml.YamlFile;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;

/**
 * Reads routing packs (one YAML file per version of the law), compiles their conditions and checks
 * that each covers every report: every employee type, category and department reaches a rule.
 * Every error in every file is reported at once with its line; with any error, nothing loads.
 */
public final class RoutingLoader {
  private static final String INDEX = "incidents/routing/index.txt";
  private static final Set<String> PACK_KEYS =
      Set.of("id", "version", "title", "status", "effective", "source", "rules");
  private static final Set<String> EFFECTIVE_KEYS = Set.of("from", "to", "note");
  private static final Set<String> SOURCE_KEYS = Set.of("citation", "url", "verified", "note");
  private static final Set<String> RULE_KEYS = Set.of("id", "citation", "text", "verified", "note", "when", "routeTo");

  private RoutingLoader() {}

  /** The packs listed in {@code incidents/routing/index.txt} on the classpath. */
  public static List<RoutingPack> builtIn() {
    Map<String, String> files = new LinkedHashMap<>();
    for (String line : resource(INDEX).split("\\R")) {
      String n = line.strip();
      if (!n.isEmpty() && !n.startsWith("#")) files.put(n, resource("incidents/routing/" + n));
    }
    return load(files);
  }

  /** Loads packs from file name to text; throws {@link SourceException} listing every error. */
  public static List<RoutingPack> load(Map<String, String> files) {
    List<SourceError> errors = new ArrayList<>();
    List<RoutingPack> packs = new ArrayList<>();
    Set<String> ids = new HashSet<>();
    for (var e : files.entrySet()) {
      YamlFile file = new YamlFile(e.getKey(), errors);
      MappingNode root = file.parse(e.getValue()).orElse(null);
      if (root == null) continue;
      RoutingPack pack = read(file, root);
      if (pack == null) continue;
      if (!ids.add(pack.id())) {
        file.error(root, "pack id '" + pack.id() + "' is used by another file");
        continue;
      }
      packs.add(pack);
    }
    if (!errors.isEmpty()) throw new SourceException(errors);
    return List.copyOf(packs);
  }

  private static RoutingPack read(YamlFile file, MappingNode root) {
    int before = file.errorsView().size();
    Map<String, Node> f = file.fields(root, "pack", PACK_KEYS);
    String id = file.string(f, "id", root, true);
    if (id != null && !id.matches("[a-z0-9]+(-[a-z0-9]+)*")) {
      file.error(f.get("id"), "'id' must be lower-case words joined by '-'");
    }
    Integer version = file.integer(f, "version");
    if (version == null && !f.containsKey("version")) file.error(root, "missing 'version'");
    String title = file.string(f, "title", root, true);
    PackStatus status = status(file, f, root);
    Map<String, Node> eff = f.containsKey("effective")
        ? file.fields(f.get("effective"), "effective", EFFECTIVE_KEYS) : Map.of();
    if (!f.containsKey("effective")) file.error(root, "missing 'effective'");
    LocalDate from = file.date(eff, "from", f.getOrDefault("effective", root), f.containsKey("effective"));
    LocalDate to = file.date(eff, "to", root, false);
    if (from != null && to != null && to.isBefore(from)) file.error(eff.get("to"), "'to' is before 'from'");
    Map<String, Node> src = f.containsKey("source") ? file.fields(f.get("source"), "source", SOURCE_KEYS) : Map.of();
    if (!f.containsKey("source")) file.error(root, "missing 'source'");
    String citation = file.string(src, "citation", f.getOrDefault("source", root), f.containsKey("source"));
    String url = file.string(src, "url", root, false);
    boolean verified = file.bool(src, "verified", false);

    List<RoutingRule> rules = new ArrayList<>();
    Set<String> ruleIds = new HashSet<>();
    for (Node n : file.list(f, "rules", root, true)) {
      RoutingRule rule = rule(file, n);
      if (rule != null && !ruleIds.add(rule.id())) {
        file.error(n, "rule id '" + rule.id() + "' is used twice");
      } else if (rule != null) {
        rules.add(rule);
      }
    }
    if (file.errorsView().size() > before) return null;
    RoutingPack pack = new RoutingPack(id, version, title, status, from, to, citation, url, verified, rules);
    checkTotal(file, root, pack);
    return file.errorsView().size() > before ? null : pack;
  }

  private static PackStatus status(YamlFile file, Map<String, Node> f, Node root) {
    String s = file.string(f, "status", root, true);
    if (s == null) return null;
    for (PackStatus p : List.of(PackStatus.ENACTED, PackStatus.PROPOSED)) {
      if (p.label().equals(s)) return p;
    }
    file.error(f.get("status"), "'status': \"" + s + "\" is not known (want enacted or proposed)");
    return null;
  }

  private static RoutingRule rule(YamlFile file, Node n) {
    int before = file.errorsView().size();
    Map<String, Node> r = file.fields(n, "rule", RULE_KEYS);
    String id = file.string(r, "id", n, true);
    String citation = file.string(r, "citation", n, true);
    String text = file.string(r, "text", n, true);
    boolean verified = file.bool(r, "verified", false);
    String when = file.string(r, "when", n, true);
    String to = file.string(r, "routeTo", n, true);
    Investigator routeTo = null;
    if (to != null) {
      try {
        routeTo = Investigator.valueOf(to);
      } catch (IllegalArgumentException e) {
        file.error(r.get("routeTo"), "'routeTo': \"" + to + "\" is not known (want COPA or OIG)");
      }
    }
    RouteCondition condition = null;
    if (when != null) {
      List<String> problems = new ArrayList<>();
      condition = RouteCondition.compile(when, knownValues(), problems);
      for (String p : problems) file.error(r.get("when"), "'when': " + p);
    }
    if (file.errorsView().size() > before) return null;
    return new RoutingRule(id, citation, text, verified, condition, routeTo);
  }

  // The input space is small (2 x 8 x the departments), so every point is tried.
  private static void checkTotal(YamlFile file, Node root, RoutingPack pack) {
    for (EmployeeType t : EmployeeType.values()) {
      for (Category c : Category.values()) {
        for (String d : Departments.codes()) {
          RouteInput input = new RouteInput(t, c, d);
          if (pack.match(input).isEmpty()) {
            file.error(root, "no rule routes a report about " + t + " / " + c + " / " + d
                + " (every report must reach a rule)");
            return;
          }
        }
      }
    }
  }

  private static Set<String> knownValues() {
    Set<String> values = new HashSet<>(Departments.codes());
    for (EmployeeType t : EmployeeType.values()) values.add(t.name());
    for (Category c : Category.values()) values.add(c.name());
    return values;
  }

  private static String resource(String name) {
    try (InputStream in = RoutingLoader.class.getClassLoader().getResourceAsStream(name)) {
      if (in == null) throw new IllegalStateException("missing resource " + name);
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
