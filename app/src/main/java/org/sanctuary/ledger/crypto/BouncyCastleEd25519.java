package org.sanctuary.ledger.crypto;

import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;
import org.sanctuary.ledger.note.Ed25519Provider;

/**
 * Bouncy Castle's Ed25519 for the ledger's signatures, cosignatures and their checks: about ten
 * times faster than the JDK's here (0.04-0.1 ms a signature against 0.5-1 ms), which matters for a
 * checkpoint per batch and for a witness answering within milliseconds. Registered through {@code
 * META-INF/services}; the ledger module checks it against RFC 8032 before using it. Keys are still
 * parsed and checked by the JDK, so a public key that is not a curve point is refused on the way in.
 */
public final class BouncyCastleEd25519 implements Ed25519Provider {
  // The key last signed with, kept with its public half: deriving that again for every signature
  // (a scalar multiplication) would cost about as much as the signature itself.
  private volatile Key last;

  private record Key(byte[] seed, Ed25519PrivateKeyParameters parameters) {}

  @Override
  public byte[] sign(byte[] seed, byte[] message) {
    Key key = last;
    if (key == null || !java.security.MessageDigest.isEqual(key.seed(), seed)) {
      key = new Key(seed.clone(), new Ed25519PrivateKeyParameters(seed, 0));
      key.parameters().generatePublicKey(); // computed once, kept by the parameters
      last = key;
    }
    Ed25519Signer signer = new Ed25519Signer();
    signer.init(true, key.parameters());
    signer.update(message, 0, message.length);
    return signer.generateSignature();
  }

  @Override
  public boolean verify(byte[] publicKey, byte[] message, byte[] signature) {
    if (publicKey.length != Ed25519PublicKeyParameters.KEY_SIZE
        || signature.length != Ed25519PrivateKeyParameters.SIGNATURE_SIZE) {
      return false;
    }
    Ed25519Signer verifier = new Ed25519Signer();
    try {
      verifier.init(false, new Ed25519PublicKeyParameters(publicKey, 0));
    } catch (IllegalArgumentException e) {
      return false; // not a point on the curve
    }
    verifier.update(message, 0, message.length);
    return verifier.verifySignature(signature);
  }
}
