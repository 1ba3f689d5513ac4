package org.sanctuary.ledger.note;

/**
 * A faster Ed25519 that a runtime may plug in through {@link java.util.ServiceLoader} (a {@code
 * META-INF/services/org.sanctuary.ledger.note.Ed25519Provider} file naming the class). Ed25519 is
 * deterministic, so a correct provider gives exactly the bytes the JDK gives; this module checks
 * that against RFC 8032 before it uses one, and refuses to sign or verify with one that differs.
 *
 * <p>Without a provider the JDK's own Ed25519 is used; this module itself depends on nothing else.
 */
public interface Ed25519Provider {
  /** The RFC 8032 signature of {@code message} by the key whose 32-byte private key is {@code seed}. */
  byte[] sign(byte[] seed, byte[] message);

  /** Whether {@code signature} is a valid RFC 8032 signature of {@code message} by {@code publicKey}. */
  boolean verify(byte[] publicKey, byte[] message, byte[] signature);

  /** Which Ed25519 this runtime uses: {@code JDK}, or the class name of the provider in use. */
  static String inUse() {
    return Ed25519.implementation();
  }
}
