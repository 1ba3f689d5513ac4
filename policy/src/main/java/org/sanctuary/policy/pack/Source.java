package org.sanctuary.policy.pack;

/** Where a pack's law comes from, and whether its text was checked against an official source. */
public record Source(String citation, String url, boolean verified, String note) {}
