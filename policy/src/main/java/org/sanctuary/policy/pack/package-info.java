/**
 * Policy packs: loading, checking and compiling the YAML packs and their CEL conditions.
 */
package org.sanctuary.policy.pack;
