/**
 * Configuration, resolved once from options and the environment, validated and then frozen.
 */
package org.sanctuary.config;
