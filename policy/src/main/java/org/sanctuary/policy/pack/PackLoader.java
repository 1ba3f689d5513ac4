package org.sanctuary.policy.pack;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.MonthDay;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.sanctuary.policy.Body;
import org.sanctuary.policy.Effect;
import org.sanctuary.policy.PackStatus;
import org.sanctuary.policy.pack.CelCondition.Problem;
import org.sanctuary.policy.yaml.SourceError;
import org.sanctuary.policy.yaml.SourceException;
import org.sanctuary.policy.yaml.YamlFile;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;

/**
 * Reads policy packs (one YAML file per law or version), checks them and compiles their
 * conditions. Every error in every file is reported at once, with file, line and column; if there
 * is any error, no pack is loaded.
 */
public final class PackLoader {
  private static final Set<String> PACK_KEYS = Set.of("id", "version", "title", "jurisdiction", "binds",
      "effective", "status", "source", "default", "rules", "provisions", "duties");
  private static final Set<String> EFFECTIVE_KEYS = Set.of("from", "to", "note");
  private static final Set<String> SOURCE_KEYS = Set.of("citation", "url", "verified", "note");
  private static final Set<String> DEFAULT_KEYS = Set.of("citation", "text");
  private static final Set<String> RULE_KEYS =
      Set.of("id", "citation", "text", "verified", "note", "when", "effect", "lifts", "dueDays");
  private static final Set<String> PROVISION_KEYS = Set.of("id", "citation", "text", "verified", "note");
  private static final Set<String> DUTY_KEYS =
      Set.of("id", "citation", "text", "verified", "note", "dueOn", "dueEveryYear");
  private static final String ID = "[a-z0-9]+(-[a-z0-9]+)*";

  private PackLoader() {}

  /** The packs shipped with Sanctuary, listed in {@code packs/index.txt} on the classpath. */
  public static List<CompiledPack> builtIn() {
    Map<String, String> files = new LinkedHashMap<>();
    for (String name : resource("packs/index.txt").split("\\R")) {
      String n = name.strip();
      if (!n.isEmpty() && !n.startsWith("#")) files.put("packs/" + n, resource("packs/" + n));
    }
    return load(files);
  }

  /** Every {@code *.yaml} pack in a folder (tests files, {@code *.tests.yaml}, are skipped). */
  public static List<CompiledPack> fromDirectory(Path dir) throws IOException {
    Map<String, String> files = new LinkedHashMap<>();
    try (Stream<Path> s = Files.list(dir)) {
      for (Path p : s.sorted().toList()) {
        String n = p.getFileName().toString();
        if (n.endsWith(".yaml") && !n.endsWith(".tests.yaml")) {
          files.put(p.toString(), Files.readString(p, StandardCharsets.UTF_8));
        }
      }
    }
    return load(files);
  }

  /** Loads packs from file name to text. Throws {@link SourceException} listing every error. */
  public static List<CompiledPack> load(Map<String, String> files) {
    List<SourceError> errors = new ArrayList<>();
    List<CompiledPack> packs = new ArrayList<>();
    Map<String, String> seen = new HashMap<>();
    for (var e : files.entrySet()) {
      CompiledPack p = read(e.getKey(), e.getValue(), errors);
      if (p == null) continue;
      String previous = seen.putIfAbsent(p.id(), e.getKey());
      if (previous != null) {
        errors.add(new SourceError(e.getKey(), 1, 1, "pack id '" + p.id() + "' is also used by " + previous));
      }
      packs.add(p);
    }
    if (!errors.isEmpty()) throw new SourceException(errors);
    return List.copyOf(packs);
  }

  private static CompiledPack read(String fileName, String text, List<SourceError> errors) {
    int before = errors.size();
    YamlFile file = new YamlFile(fileName, errors);
    var rootOpt = file.parse(text);
    if (rootOpt.isEmpty()) return null;
    Node root = rootOpt.get();
    Map<String, Node> f = file.fields(root, "pack", PACK_KEYS);

    String id = file.string(f, "id", root, true);
    if (id != null && !id.matches(ID)) file.error(f.get("id"), "id '" + id + "' must be lower-case words joined by -");
    String base = fileName.substring(fileName.lastIndexOf('/') + 1);
    if (id != null && !base.equals(id + ".yaml")) {
      file.error(f.get("id"), "pack '" + id + "' must be in a file named " + id + ".yaml");
    }
    Integer version = file.integer(f, "version");
    String title = file.string(f, "title", root, true);
    String jurisdiction = file.string(f, "jurisdiction", root, true);
    Set<Body> binds = bodies(file, f, root);
    PackStatus status = status(file, f, root);

    LocalDate from = null;
    LocalDate to = null;
    Node eff = f.get("effective");
    if (eff == null) {
      file.error(root, "missing 'effective' (with 'from' and, if it ended, 'to')");
    } else {
      Map<String, Node> ef = file.fields(eff, "effective", EFFECTIVE_KEYS);
      from = file.date(ef, "from", eff, true);
      to = file.date(ef, "to", eff, false);
      if (from != null && to != null && !to.isAfter(from)) {
        file.error(ef.get("to"), "effective 'to' (" + to + ") must be after 'from' (" + from + ")");
      }
    }

    Source source = null;
    Node src = f.get("source");
    if (src == null) {
      file.error(root, "missing 'source' (citation, url, verified)");
    } else {
      Map<String, Node> sf = file.fields(src, "source", SOURCE_KEYS);
      source = new Source(file.string(sf, "citation", src, true), file.string(sf, "url", src, false),
          file.bool(sf, "verified", false), file.string(sf, "note", src, false));
    }

    PolicyPack.DefaultReason dflt = null;
    Node d = f.get("default");
    if (d != null) {
      Map<String, Node> df = file.fields(d, "default", DEFAULT_KEYS);
      String c = file.string(df, "citation", d, true);
      String t = file.string(df, "text", d, true);
      if (c != null && t != null) dflt = new PolicyPack.DefaultReason(c, t);
    }

    List<Rule> rules = new ArrayList<>();
    List<CelCondition> conditions = new ArrayList<>();
    Set<String> ruleIds = new HashSet<>();
    boolean hasDeny = false;
    for (Node rn : file.list(f, "rules", root, true)) {
      hasDeny |= readRule(file, rn, rules, conditions, ruleIds) == Effect.DENY;
    }
    checkLifts(file, rules, f.get("rules"));
    if (dflt == null && hasDeny) {
      file.error(root, "a pack with deny rules needs a 'default' (citation and text) for requests none of them covers");
    }

    List<Provision> provisions = new ArrayList<>();
    for (Node pn : file.list(f, "provisions", root, false)) {
      Map<String, Node> pf = file.fields(pn, "provision", PROVISION_KEYS);
      String pid = file.string(pf, "id", pn, true);
      String pc = file.string(pf, "citation", pn, true);
      String pt = file.string(pf, "text", pn, true);
      if (pid != null && !ruleIds.add(pid)) file.error(pf.get("id"), "id '" + pid + "' is used twice in this pack");
      if (pid != null && pc != null && pt != null) provisions.add(new Provision(pid, pc, pt, file.bool(pf, "verified", false)));
    }

    List<Duty> duties = new ArrayList<>();
    for (Node dn : file.list(f, "duties", root, false)) {
      Duty duty = readDuty(file, dn, ruleIds);
      if (duty != null) duties.add(duty);
    }

    if (errors.size() > before) return null;
    PolicyPack pack = new PolicyPack(id, version == null ? 1 : version, title, jurisdiction, binds, from, to,
        status, source, dflt, rules, provisions, duties);
    return new CompiledPack(pack, conditions);
  }

  /** Reads one rule; returns its effect (null when unreadable) whether or not the rule had errors. */
  private static Effect readRule(YamlFile file, Node rn, List<Rule> rules, List<CelCondition> conditions, Set<String> ids) {
    Map<String, Node> rf = file.fields(rn, "rule", RULE_KEYS);
    String rid = file.string(rf, "id", rn, true);
    if (rid != null && !rid.matches(ID)) file.error(rf.get("id"), "rule id '" + rid + "' must be lower-case words joined by -");
    if (rid != null && !ids.add(rid)) file.error(rf.get("id"), "rule id '" + rid + "' is used twice in this pack");
    String citation = file.string(rf, "citation", rn, true);
    String text = file.string(rf, "text", rn, true);
    boolean verified = file.bool(rf, "verified", false);
    String effectText = file.string(rf, "effect", rn, true);
    Effect effect = null;
    if (effectText != null) {
      // A note is Sanctuary's own remark on a decision, never a pack's rule.
      effect = switch (effectText.toLowerCase(Locale.ROOT)) {
        case "deny" -> Effect.DENY;
        case "permit" -> Effect.PERMIT;
        case "obligation" -> Effect.OBLIGATION;
        default -> null;
      };
      if (effect == null) {
        file.error(rf.get("effect"), "effect '" + effectText + "' is not one of deny, permit, obligation");
      }
    }
    List<String> lifts = file.strings(rf, "lifts");
    Integer dueDays = file.integer(rf, "dueDays");
    String when = file.string(rf, "when", rn, true);
    CelCondition condition = null;
    if (when != null) {
      List<Problem> problems = new ArrayList<>();
      condition = Conditions.compile(when, problems);
      Node wn = rf.get("when");
      int firstLine = YamlFile.line(wn) + (isBlockScalar(wn) ? 1 : 0);
      for (Problem p : problems) {
        file.errorsView().add(new SourceError(file.name(), firstLine + p.line() - 1,
            p.line() == 1 && !isBlockScalar(wn) ? wn.getStartMark().getColumn() + p.column() : p.column(),
            "rule '" + rid + "' condition: " + p.message()));
      }
    }
    if (effect == Effect.PERMIT && lifts.isEmpty()) {
      file.error(rn, "rule '" + rid + "' is an exception (permit) and must name the deny rules it lifts in 'lifts'");
    }
    if (effect != null && effect != Effect.PERMIT && !lifts.isEmpty()) {
      file.error(rf.get("lifts"), "rule '" + rid + "': only exceptions (effect permit) may lift rules");
    }
    if (dueDays != null && effect != Effect.OBLIGATION) {
      file.error(rf.get("dueDays"), "rule '" + rid + "': only obligations have 'dueDays'");
    }
    if (rid != null && citation != null && text != null && effect != null && condition != null) {
      rules.add(new Rule(rid, citation, text, verified, when, effect, lifts, dueDays, YamlFile.line(rn)));
      conditions.add(condition);
    }
    return effect;
  }

  /** Reads one calendar duty: due once ({@code dueOn: YYYY-MM-DD}) or yearly ({@code dueEveryYear: MM-DD}). */
  private static Duty readDuty(YamlFile file, Node dn, Set<String> ids) {
    Map<String, Node> df = file.fields(dn, "duty", DUTY_KEYS);
    String did = file.string(df, "id", dn, true);
    if (did != null && !did.matches(ID)) file.error(df.get("id"), "duty id '" + did + "' must be lower-case words joined by -");
    if (did != null && !ids.add(did)) file.error(df.get("id"), "id '" + did + "' is used twice in this pack");
    String citation = file.string(df, "citation", dn, true);
    String text = file.string(df, "text", dn, true);
    LocalDate once = file.date(df, "dueOn", dn, false);
    String yearly = file.string(df, "dueEveryYear", dn, false);
    MonthDay every = null;
    if (yearly != null) {
      try {
        every = MonthDay.parse("--" + yearly);
      } catch (DateTimeParseException e) {
        file.error(df.get("dueEveryYear"), "duty '" + did + "': dueEveryYear '" + yearly + "' is not a month and day like 03-01");
      }
    }
    if ((once == null) == (yearly == null)) {
      file.error(dn, "duty '" + did + "' needs exactly one of 'dueOn' (a date) and 'dueEveryYear' (MM-DD)");
      return null;
    }
    if (did == null || citation == null || text == null || (yearly != null && every == null)) return null;
    return new Duty(did, citation, text, file.bool(df, "verified", false), once, every);
  }

  private static boolean isBlockScalar(Node n) {
    return n instanceof ScalarNode s && (s.getScalarStyle().getChar() != null)
        && (s.getScalarStyle().getChar() == '|' || s.getScalarStyle().getChar() == '>');
  }

  private static void checkLifts(YamlFile file, List<Rule> rules, Node at) {
    Map<String, Effect> effects = new HashMap<>();
    for (Rule r : rules) effects.put(r.id(), r.effect());
    for (Rule r : rules) {
      for (String target : r.lifts()) {
        Effect e = effects.get(target);
        if (e == null) {
          file.error(at, "rule '" + r.id() + "' lifts '" + target + "', which is not a rule of this pack");
        } else if (e != Effect.DENY) {
          file.error(at, "rule '" + r.id() + "' lifts '" + target + "', which is not a deny rule");
        }
      }
    }
  }

  private static Set<Body> bodies(YamlFile file, Map<String, Node> f, Node root) {
    EnumSet<Body> out = EnumSet.noneOf(Body.class);
    List<String> names = file.strings(f, "binds");
    if (names.isEmpty()) file.error(root, "missing 'binds' (one or more of " + Body.names() + ")");
    for (String n : names) {
      try {
        out.add(Body.valueOf(n));
      } catch (IllegalArgumentException e) {
        file.error(f.get("binds"), "binds: '" + n + "' is not one of " + Body.names());
      }
    }
    return out;
  }

  private static PackStatus status(YamlFile file, Map<String, Node> f, Node root) {
    String s = file.string(f, "status", root, true);
    if (s == null) return null;
    for (PackStatus st : PackStatus.values()) {
      if (st.label().equals(s)) return st;
    }
    file.error(f.get("status"), "status '" + s + "' is not one of enacted, directive, proposed, local-policy");
    return null;
  }

  private static String resource(String path) {
    try (InputStream in = PackLoader.class.getClassLoader().getResourceAsStream(path)) {
      if (in == null) throw new IllegalStateException(path + " is missing from the classpath");
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalStateException("cannot read " + path, e);
    }
  }
}
