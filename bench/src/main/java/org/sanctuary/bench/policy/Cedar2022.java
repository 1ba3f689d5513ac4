package org.sanctuary.bench.policy;

import com.cedarpolicy.AuthorizationEngine;
import com.cedarpolicy.BasicAuthorizationEngine;
import com.cedarpolicy.model.AuthorizationRequest;
import com.cedarpolicy.model.AuthorizationResponse;
import com.cedarpolicy.model.AuthorizationSuccessResponse;
import com.cedarpolicy.model.entity.Entity;
import com.cedarpolicy.model.exception.AuthException;
import com.cedarpolicy.model.exception.CacheException;
import com.cedarpolicy.model.policy.Policy;
import com.cedarpolicy.model.policy.PolicySet;
import com.cedarpolicy.value.EntityTypeName;
import com.cedarpolicy.value.EntityUID;
import com.cedarpolicy.value.PrimBool;
import com.cedarpolicy.value.PrimString;
import com.cedarpolicy.value.Value;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.sanctuary.policy.Basis;
import org.sanctuary.policy.Body;
import org.sanctuary.policy.FederalRequest;
import org.sanctuary.policy.Kind;
import org.sanctuary.policy.Outcome;
import org.sanctuary.policy.Purpose;
import org.sanctuary.policy.Subject;
import org.sanctuary.policy.agency.Agency;
import org.sanctuary.policy.agency.AgencyRegistry;
import org.sanctuary.policy.agency.Facet;

/**
 * The 2022 rules for CPD and the Cook County Sheriff as a Cedar policy set (rules-2022.cedar),
 * decided by cedar-java's native authorizer: a reference point for the benchmarks; nothing in
 * Sanctuary decides with it.
 *
 * <p>Everything that does not depend on the request is built once: the parsed and natively cached
 * policy set, one principal entity per registry agency, the action and resource ids and the
 * context values. Per request it builds the context map and the request, as a caller would.
 */
public final class Cedar2022 {
  private static final String POLICIES = "rules-2022.cedar";

  private record Principal(EntityUID id, Set<Entity> entities) {}

  private final AgencyRegistry registry;
  private final AuthorizationEngine cedar = new BasicAuthorizationEngine();
  private final PolicySet policies;
  private final Map<String, String> ruleByPolicyId;
  private final Map<String, Principal> principals = new HashMap<>();
  private final EntityUID[] actions = new EntityUID[Kind.values().length];
  private final EntityUID[] bodies = new EntityUID[Body.values().length];
  private final Value[] bases = new Value[Basis.values().length];
  private final Value[] purposes = new Value[Purpose.values().length];
  private static final Value TRUE = new PrimBool(true);
  private static final Value FALSE = new PrimBool(false);

  private Cedar2022(AgencyRegistry registry, PolicySet policies, Map<String, String> ruleByPolicyId) {
    this.registry = registry;
    this.policies = policies;
    this.ruleByPolicyId = Map.copyOf(ruleByPolicyId);
    EntityTypeName agency = type("Agency");
    for (Agency a : registry.all()) {
      EntityUID id = agency.of(a.id());
      Map<String, Value> attrs = Map.of(
          "ice", bool(a.has(Facet.ICE)),
          "immigrationAgent", bool(a.has(Facet.IMMIGRATION_AGENT)),
          "dhs", bool(a.has(Facet.DHS)),
          "federal", bool(a.has(Facet.FEDERAL)));
      principals.put(a.id(), new Principal(id, Set.of(new Entity(id, attrs, Set.of()))));
    }
    EntityTypeName action = type("Action");
    for (Kind k : Kind.values()) actions[k.ordinal()] = action.of(k.name());
    EntityTypeName body = type("Body");
    for (Body b : Body.values()) bodies[b.ordinal()] = body.of(b.name());
    for (Basis b : Basis.values()) bases[b.ordinal()] = new PrimString(b.name());
    for (Purpose p : Purpose.values()) purposes[p.ordinal()] = new PrimString(p.name());
  }

  /** Parses the policy set, has the native side cache it, and prepares the entities. */
  public static Cedar2022 load(AgencyRegistry registry) {
    try (InputStream in = Cedar2022.class.getResourceAsStream(POLICIES)) {
      if (in == null) throw new IllegalStateException(POLICIES + " is missing from the classpath");
      PolicySet set = PolicySet.parsePolicies(new String(in.readAllBytes(), StandardCharsets.UTF_8));
      set.cache(); // parsed once on the native side instead of on every call
      Map<String, String> names = new HashMap<>();
      for (Policy p : set.policies) names.put(p.getID(), p.getAnnotation("rule"));
      return new Cedar2022(registry, set, names);
    } catch (IOException | AuthException | CacheException e) {
      throw new IllegalStateException("cannot load " + POLICIES + ": " + e.getMessage(), e);
    }
  }

  public CedarDecision decide(FederalRequest r) {
    Optional<Agency> found = registry.resolve(r.requester());
    if (found.isEmpty()) return new CedarDecision(Outcome.DENY, Set.of()); // unknown requesters are refused first
    Principal p = principals.get(found.get().id());
    Subject s = r.subject();
    // the engine reads a request resting on a civil immigration instrument as civil, whatever it declares
    boolean instrument = r.basis() == Basis.ADMINISTRATIVE_WARRANT || (r.kind() == Kind.DETAINER
        && r.basis() != Basis.JUDICIAL_WARRANT && found.get().has(Facet.IMMIGRATION_AGENT));
    Purpose purpose = instrument ? Purpose.CIVIL_IMMIGRATION : r.purpose();
    Map<String, Value> context = Map.of(
        "basis", bases[r.basis().ordinal()],
        "purpose", purposes[purpose.ordinal()],
        "outstandingCriminalWarrant", bool(s.outstandingCriminalWarrant()),
        "felonyConviction", bool(s.felonyConviction()),
        "pendingFelonyCharge", bool(s.pendingFelonyCharge()),
        "gangDatabase", bool(s.gangDatabase()));
    AuthorizationRequest q = new AuthorizationRequest(p.id(), actions[r.kind().ordinal()],
        bodies[r.receivingAgency().ordinal()], context);
    AuthorizationResponse response;
    try {
      response = cedar.isAuthorized(q, policies, p.entities());
    } catch (AuthException e) {
      throw new IllegalStateException("Cedar refused request " + r.id() + ": " + e.getMessage(), e);
    }
    AuthorizationSuccessResponse ok = response.success
        .orElseThrow(() -> new IllegalStateException("Cedar failed on request " + r.id() + ": " + response.errors));
    if (!ok.getErrors().isEmpty()) {
      // Cedar skips a policy that fails to evaluate, so a failing forbid would let the request through
      throw new IllegalStateException("policy errors on request " + r.id() + ": " + ok.getErrors());
    }
    return new CedarDecision(ok.isAllowed() ? Outcome.PERMIT : Outcome.DENY, ok.getReason());
  }

  /** The pack rules (pack:rule) named by the policies that determined a decision. */
  public Set<String> rules(CedarDecision d) {
    Set<String> out = new LinkedHashSet<>();
    for (String id : d.rules()) out.add(ruleByPolicyId.getOrDefault(id, id));
    return out;
  }

  private static Value bool(boolean b) {
    return b ? TRUE : FALSE;
  }

  private static EntityTypeName type(String name) {
    return EntityTypeName.parse(name).orElseThrow(() -> new IllegalStateException("bad entity type " + name));
  }
}
