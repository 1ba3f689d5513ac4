/**
 * Sealing values kept at rest: one AES-256-GCM format for every part that encrypts (reporters'
 * words, staff second factors), with the row and column bound in as associated data.
 */
package org.sanctuary.secrets;
