package org.sanctuary.policy.agency;

import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * One agency of the registry. {@code facets} holds the facets of the agency and of every agency
 * above it; {@code path} runs from the top of the tree down to this agency.
 */
public record Agency(
    String id,
    String name,
    List<String> path,
    String level,
    Set<Facet> facets,
    List<String> acronyms,
    List<String> aliases,
    String note) {

  public Agency {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(name, "name");
    path = List.copyOf(path);
    facets = Set.copyOf(facets);
    acronyms = List.copyOf(acronyms);
    aliases = List.copyOf(aliases);
  }

  public String parent() {
    return path.size() < 2 ? null : path.get(path.size() - 2);
  }

  /** True when this agency is {@code ancestorId} or sits anywhere under it. */
  public boolean isUnder(String ancestorId) {
    return path.contains(ancestorId);
  }

  public boolean has(Facet f) {
    return facets.contains(f);
  }

  /** The facets as a bit mask: the requester's class in the request space. */
  public int facetMask() {
    int m = 0;
    for (Facet f : facets) m |= f.bit();
    return m;
  }
}
