package org.sanctuary.bench.policy;

import java.util.Set;
import org.sanctuary.policy.Outcome;

/** Cedar's answer: the outcome and the policies that determined it, named as pack:rule. */
public record CedarDecision(Outcome outcome, Set<String> rules) {}
