/**
 * The register of federal requests a city body received: recording them (with a credential,
 * decided by the engine, ledgered with who recorded them), their outcomes and duties, the CSV
 * import, the reports the law requires (CPD quarterly, TRUST Act annual) and replays under other
 * packs. {@link org.sanctuary.register.RegisterStore} holds the part's SQL. No web types here.
 */
package org.sanctuary.register;
