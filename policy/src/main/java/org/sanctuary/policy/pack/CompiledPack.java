package org.sanctuary.policy.pack;

import java.util.List;

/** A pack with its rule conditions compiled, in rule order. Immutable and thread-safe. */
public record CompiledPack(PolicyPack pack, List<CelCondition> conditions) {
  public CompiledPack {
    conditions = List.copyOf(conditions);
    if (conditions.size() != pack.rules().size()) {
      throw new IllegalArgumentException("one condition per rule");
    }
  }

  public String id() {
    return pack.id();
  }
}
