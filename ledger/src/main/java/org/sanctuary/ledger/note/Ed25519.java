package org.sanctuary.ledger.note;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.SignatureException;
import java.security.interfaces.EdECPrivateKey;
import java.security.spec.InvalidKeySpecException;
import java.security.spec.NamedParameterSpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.ServiceLoader;

/**
 * Ed25519 with raw 32-byte keys on top of the JDK, which speaks only encoded keys. Signing and
 * verifying go to an {@link Ed25519Provider} when the runtime has one (checked first against RFC
 * 8032), else to the JDK.
 */
final class Ed25519 {
  static final int KEY_SIZE = 32;
  static final int SIGNATURE_SIZE = 64;
  /** The signed-note signature type byte for Ed25519. */
  static final byte TYPE = 0x01;

  // DER header of an X.509 SubjectPublicKeyInfo for Ed25519 (OID 1.3.101.112); the raw key follows.
  private static final byte[] X509_PREFIX = {
    0x30, 0x2a, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x03, 0x21, 0x00
  };

  private static final Ed25519Provider PROVIDER = loadProvider();

  private Ed25519() {}

  /** Which implementation signs and verifies: "JDK" or the provider's class name. */
  static String implementation() {
    return PROVIDER == null ? "JDK" : PROVIDER.getClass().getName();
  }

  /** Key ID = first 4 bytes, big-endian, of SHA-256(name || 0x0A || 0x01 || public key). */
  static int keyId(String name, byte[] publicKey) {
    return keyId(name, TYPE, publicKey);
  }

  /** Key ID for a signature type: first 4 bytes of SHA-256(name || 0x0A || type || public key). */
  static int keyId(String name, byte type, byte[] publicKey) {
    MessageDigest sha;
    try {
      sha = MessageDigest.getInstance("SHA-256");
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("every Java platform must provide SHA-256", e);
    }
    sha.update(name.getBytes(StandardCharsets.UTF_8));
    sha.update((byte) '\n');
    sha.update(type);
    sha.update(publicKey);
    byte[] digest = sha.digest();
    return ((digest[0] & 0xff) << 24) | ((digest[1] & 0xff) << 16)
        | ((digest[2] & 0xff) << 8) | (digest[3] & 0xff);
  }

  /**
   * The key pair whose private key is {@code seed} (RFC 8032's 32-byte private key). The JDK has
   * no call that derives a public key from a seed, but its generator derives the pair from the 32
   * random bytes it draws, so it is handed a source that yields the seed. The result is checked,
   * so a runtime that draws differently fails here instead of producing a wrong key.
   */
  static KeyPair keyPair(byte[] seed) {
    if (seed.length != KEY_SIZE) {
      throw new IllegalArgumentException(
          "Ed25519 seed: " + seed.length + " bytes (want " + KEY_SIZE + ")");
    }
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("Ed25519");
      generator.initialize(NamedParameterSpec.ED25519, new SeedSource(seed));
      KeyPair pair = generator.generateKeyPair();
      byte[] drawn = ((EdECPrivateKey) pair.getPrivate()).getBytes().orElse(new byte[0]);
      if (!Arrays.equals(drawn, seed)) {
        throw new IllegalStateException(
            "this Java runtime did not build the Ed25519 key from the given seed");
      }
      return pair;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("Ed25519 is missing from this Java runtime", e);
    }
  }

  /** The raw 32-byte public key: the tail of its X.509 encoding. */
  static byte[] rawPublicKey(PublicKey key) {
    byte[] encoded = key.getEncoded();
    return Arrays.copyOfRange(encoded, encoded.length - KEY_SIZE, encoded.length);
  }

  /** A public key from its raw 32 bytes; rejects bytes that are not a point on the curve. */
  static PublicKey publicKey(byte[] raw) {
    if (raw.length != KEY_SIZE) {
      throw new IllegalArgumentException(
          "Ed25519 public key: " + raw.length + " bytes (want " + KEY_SIZE + ")");
    }
    byte[] encoded = Arrays.copyOf(X509_PREFIX, X509_PREFIX.length + KEY_SIZE);
    System.arraycopy(raw, 0, encoded, X509_PREFIX.length, KEY_SIZE);
    try {
      PublicKey key =
          KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(encoded));
      // The JDK decodes the point only when a verification starts: start one to reject it now.
      Signature.getInstance("Ed25519").initVerify(key);
      return key;
    } catch (InvalidKeyException | InvalidKeySpecException e) {
      throw new IllegalArgumentException("Ed25519 public key: not a valid curve point", e);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("Ed25519 is missing from this Java runtime", e);
    }
  }

  /** Signs with the provider when there is one (from the seed), else with the JDK key. */
  static byte[] sign(byte[] seed, PrivateKey key, byte[] message) {
    return PROVIDER != null ? PROVIDER.sign(seed, message) : sign(key, message);
  }

  /** Verifies with the provider when there is one (from the raw key), else with the JDK key. */
  static boolean verify(byte[] rawKey, PublicKey key, byte[] message, byte[] signature) {
    if (signature.length != SIGNATURE_SIZE) {
      return false;
    }
    return PROVIDER != null ? PROVIDER.verify(rawKey, message, signature) : verify(key, message, signature);
  }

  static byte[] sign(PrivateKey key, byte[] message) {
    try {
      Signature signer = Signature.getInstance("Ed25519");
      signer.initSign(key);
      signer.update(message);
      return signer.sign();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("Ed25519 signing failed", e);
    }
  }

  static boolean verify(PublicKey key, byte[] message, byte[] signature) {
    if (signature.length != SIGNATURE_SIZE) {
      return false;
    }
    try {
      Signature verifier = Signature.getInstance("Ed25519");
      verifier.initVerify(key);
      verifier.update(message);
      return verifier.verify(signature);
    } catch (SignatureException | InvalidKeyException e) {
      return false;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("Ed25519 is missing from this Java runtime", e);
    }
  }

  /** Yields a fixed seed as the "random" bytes of key generation; see {@link #keyPair}. */
  private static final class SeedSource extends SecureRandom {
    private final byte[] seed;

    SeedSource(byte[] seed) {
      this.seed = seed.clone();
    }

    @Override
    public void nextBytes(byte[] bytes) {
      if (bytes.length != seed.length) {
        throw new IllegalStateException(
            "Ed25519 key generation drew " + bytes.length + " bytes (want " + seed.length + ")");
      }
      System.arraycopy(seed, 0, bytes, 0, seed.length);
    }
  }

  // RFC 8032 section 7.1, TEST 1: the empty message.
  static final String RFC8032_SEED = "9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60";
  static final String RFC8032_PUBLIC = "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a";
  static final String RFC8032_SIGNATURE = "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b";

  /**
   * The first provider found, after checking it signs RFC 8032's test 1 exactly, accepts that
   * signature and refuses it with one bit changed. A provider that fails is a broken build: fail
   * here rather than sign checkpoints nobody can verify.
   */
  private static Ed25519Provider loadProvider() {
    Iterator<Ed25519Provider> found = ServiceLoader.load(Ed25519Provider.class, Ed25519.class.getClassLoader()).iterator();
    if (!found.hasNext()) {
      return null;
    }
    Ed25519Provider provider = found.next();
    HexFormat hex = HexFormat.of();
    byte[] seed = hex.parseHex(RFC8032_SEED);
    byte[] publicKey = hex.parseHex(RFC8032_PUBLIC);
    byte[] want = hex.parseHex(RFC8032_SIGNATURE);
    byte[] bad = want.clone();
    bad[0] ^= 1;
    if (!Arrays.equals(provider.sign(seed, new byte[0]), want)
        || !provider.verify(publicKey, new byte[0], want)
        || provider.verify(publicKey, new byte[0], bad)) {
      throw new IllegalStateException(
          "Ed25519 provider " + provider.getClass().getName() + " fails RFC 8032 test 1");
    }
    return provider;
  }
}
