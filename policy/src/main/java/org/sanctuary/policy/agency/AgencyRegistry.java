package org.sanctuary.policy.agency;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.sanctuary.policy.yaml.SourceError;
import org.sanctuary.policy.yaml.SourceException;
import org.sanctuary.policy.yaml.YamlFile;
import org.yaml.snakeyaml.nodes.Node;

/**
 * The requesting agencies, as a tree (DHS > ICE > ERO ...), with names, acronyms and aliases.
 * Names resolve whatever their case and punctuation ("U.S. Border Patrol", "border patrol",
 * "USBP"). An unknown name resolves to nothing, and the engine refuses it. Immutable, thread-safe.
 */
public final class AgencyRegistry {
  private static final Set<String> FILE_KEYS = Set.of("updated", "source", "agencies");
  private static final Set<String> AGENCY_KEYS =
      Set.of("id", "name", "acronyms", "aliases", "level", "facets", "note", "children");
  private static final int LOOKUP_CACHE_LIMIT = 4096;

  private final LocalDate updated;
  private final Map<String, Agency> byId;
  private final Map<String, Agency> byName;
  private final Map<String, Agency> exactCache = new ConcurrentHashMap<>();

  private AgencyRegistry(LocalDate updated, Map<String, Agency> byId, Map<String, Agency> byName) {
    this.updated = updated;
    this.byId = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(byId)); // registry order
    this.byName = Map.copyOf(byName);
  }

  /** The registry shipped with Sanctuary. */
  public static AgencyRegistry builtIn() {
    try (InputStream in = AgencyRegistry.class.getResourceAsStream("/agencies/agencies.yaml")) {
      if (in == null) throw new IllegalStateException("agencies/agencies.yaml is missing from the classpath");
      return parse("agencies/agencies.yaml", new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new IllegalStateException("cannot read the agency registry", e);
    }
  }

  /** Reads a registry file; every error in it is reported at once. */
  public static AgencyRegistry parse(String fileName, String text) {
    List<SourceError> errors = new ArrayList<>();
    YamlFile file = new YamlFile(fileName, errors);
    Map<String, Agency> byId = new LinkedHashMap<>();
    Map<String, Agency> byName = new HashMap<>();
    LocalDate updated = null;
    var root = file.parse(text);
    if (root.isPresent()) {
      Map<String, Node> f = file.fields(root.get(), "registry", FILE_KEYS);
      updated = file.date(f, "updated", root.get(), true);
      for (Node n : file.list(f, "agencies", root.get(), true)) {
        read(file, n, List.of(), EnumSet.noneOf(Facet.class), byId, byName);
      }
    }
    if (!errors.isEmpty()) throw new SourceException(errors);
    return new AgencyRegistry(updated, byId, byName);
  }

  private static void read(YamlFile file, Node node, List<String> parentPath, Set<Facet> inherited,
      Map<String, Agency> byId, Map<String, Agency> byName) {
    Map<String, Node> f = file.fields(node, "agency", AGENCY_KEYS);
    String id = file.string(f, "id", node, true);
    String name = file.string(f, "name", node, true);
    String level = file.string(f, "level", node, false);
    EnumSet<Facet> facets = EnumSet.noneOf(Facet.class);
    facets.addAll(inherited);
    for (String key : file.strings(f, "facets")) {
      Facet facet = Facet.byKey(key);
      if (facet == null) {
        file.error(f.get("facets"), "unknown facet '" + key + "' (want one of " + facetKeys() + ")");
      } else {
        facets.add(facet);
      }
    }
    if (id == null || name == null) return;
    if (!id.matches("[A-Z][A-Z0-9_]*")) {
      file.error(f.get("id"), "id '" + id + "' must be upper-case letters, digits and _");
    }
    List<String> path = new ArrayList<>(parentPath);
    path.add(id);
    if (level == null && !parentPath.isEmpty()) {
      level = byId.get(parentPath.get(parentPath.size() - 1)).level();
    }
    Agency agency = new Agency(id, name, path, level == null ? "federal" : level, facets,
        file.strings(f, "acronyms"), file.strings(f, "aliases"), file.string(f, "note", node, false));
    if (byId.putIfAbsent(id, agency) != null) {
      file.error(f.get("id"), "agency id '" + id + "' appears twice");
    }
    List<String> names = new ArrayList<>();
    names.add(id);
    names.add(name);
    names.addAll(agency.acronyms());
    names.addAll(agency.aliases());
    for (String n : names) {
      for (String key : Names.variants(n)) {
        Agency other = byName.putIfAbsent(key, agency);
        if (other != null && !other.id().equals(id)) {
          file.error(node, "name '" + n + "' of " + id + " already names " + other.id());
        }
      }
    }
    for (Node child : file.list(f, "children", node, false)) {
      read(file, child, path, facets, byId, byName);
    }
  }

  private static String facetKeys() {
    List<String> keys = new ArrayList<>();
    for (Facet f : Facet.values()) keys.add(f.key());
    return String.join(", ", keys);
  }

  /** Finds an agency by id, name, acronym or alias; empty when nobody by that name is known. */
  public Optional<Agency> resolve(String requester) {
    if (requester == null) return Optional.empty();
    Agency hit = exactCache.get(requester);
    if (hit != null) return Optional.of(hit);
    hit = byName.get(Names.normalize(requester));
    if (hit != null && exactCache.size() < LOOKUP_CACHE_LIMIT) {
      exactCache.put(requester, hit); // only known names are cached, so the cache cannot be flooded
    }
    return Optional.ofNullable(hit);
  }

  public Optional<Agency> byId(String id) {
    return Optional.ofNullable(byId.get(id));
  }

  public Collection<Agency> all() {
    return byId.values();
  }

  public LocalDate updated() {
    return updated;
  }

  /**
   * The requester classes of the request space: each distinct facet set, with the agencies that
   * have it, in registry order. Agencies in one class are indistinguishable to every rule.
   */
  public SortedMap<Integer, List<Agency>> classes() {
    SortedMap<Integer, List<Agency>> out = new TreeMap<>();
    for (Agency a : byId.values()) {
      out.computeIfAbsent(a.facetMask(), k -> new ArrayList<>()).add(a);
    }
    return out;
  }
}
