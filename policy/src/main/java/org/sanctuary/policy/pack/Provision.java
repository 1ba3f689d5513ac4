package org.sanctuary.policy.pack;

/**
 * A cited part of a law that does not decide federal requests (services regardless of status,
 * reporting duties, 287(g) agreements). Shown with the pack; used by intake and reports.
 */
public record Provision(String id, String citation, String text, boolean verified) {}
