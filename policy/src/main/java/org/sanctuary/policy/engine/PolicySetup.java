package org.sanctuary.policy.engine;

import org.sanctuary.policy.*;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.sanctuary.policy.engine.Engine;
import org.sanctuary.policy.agency.AgencyRegistry;
import org.sanctuary.policy.pack.CompiledPack;
import org.sanctuary.policy.pack.PackLoader;

/**
 * Builds the decision engine once at start-up: the built-in packs (or a folder of packs), the
 * agency registry, and the local policies the city has switched on.
 */
public final class PolicySetup {
  private PolicySetup() {}

  public static Engine engine(Path packsDir, Set<String> localPolicies) {
    List<CompiledPack> packs;
    try {
      packs = packsDir == null ? PackLoader.builtIn() : PackLoader.fromDirectory(packsDir);
    } catch (IOException e) {
      throw new IllegalStateException("cannot read policy packs from " + packsDir + ": " + e.getMessage(), e);
    }
    return Engine.of(packs, AgencyRegistry.builtIn(), localPolicies);
  }
}
