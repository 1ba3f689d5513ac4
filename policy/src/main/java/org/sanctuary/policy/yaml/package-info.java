/**
 * YAML reading with line and column in every error.
 */
package org.sanctuary.policy.yaml;
