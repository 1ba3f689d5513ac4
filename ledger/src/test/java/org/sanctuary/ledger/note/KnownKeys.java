package org.sanctuary.ledger.note;

/** Keys and notes with independently computed values. */
final class KnownKeys {
  private KnownKeys() {}

  // From the documentation of golang.org/x/mod/sumdb/note: a signer key, its verifier key, and
  // a note it signed. The key data contains '+', which the field parsing must tolerate.
  static final String GO_SIGNER =
      "PRIVATE+KEY+PeterNeumann+c74f20a3+AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz";
  static final String GO_VERIFIER = "PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW";
  static final String GO_TEXT =
      "If you think cryptography is the answer to your problem,\n"
          + "then you don't know what your problem is.\n";
  static final String GO_NOTE =
      GO_TEXT
          + "\n"
          + "\u2014 PeterNeumann x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=\n";

  /**
   * A fixed key for this project's tests: the seed is the bytes 0x00 to 0x1f. The values below
   * were computed with OpenSSL 3, not with this code:
   *
   * <pre>
   * printf '302e020100300506032b657004220420%s' 000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f | xxd -r -p &gt; key.der
   * openssl pkey -inform DER -in key.der -pubout -outform DER | tail -c 32 &gt; pub.bin              # public key
   * (printf 'city.example/ledger\n\x01'; cat pub.bin) | sha256sum | head -c 8                     # key id
   * (printf '\x01'; cat pub.bin) | base64                                                          # verifier key data
   * printf 'city.example/ledger\n8\nXcnaeacGWamtVZy3Ad7ZoqudgjqtL0lgz+Nw7/RgQyg=\n' &gt; body.txt
   * (printf '\x7d\x44\x1c\x73'; openssl pkeyutl -sign -inkey key.der -keyform DER -rawin -in body.txt) | base64 -w0   # signature line
   * </pre>
   */
  static final String NAME = "city.example/ledger";

  static final byte[] SEED = seed();
  static final int KEY_ID = 0x7d441c73;
  static final String PUBLIC_KEY_HEX =
      "03a107bff3ce10be1d70dd18e74bc09967e4d6309ba50d5f1ddc8664125531b8";
  static final String SIGNER =
      "PRIVATE+KEY+city.example/ledger+7d441c73+AQABAgMEBQYHCAkKCwwNDg8QERITFBUWFxgZGhscHR4f";
  static final String VERIFIER =
      "city.example/ledger+7d441c73+AQOhB7/zzhC+HXDdGOdLwJln5NYwm6UNXx3chmQSVTG4";

  /** The checkpoint of the RFC 6962 test tree (8 leaves), signed by the fixed key. */
  static final String CHECKPOINT_NOTE =
      "city.example/ledger\n"
          + "8\n"
          + "XcnaeacGWamtVZy3Ad7ZoqudgjqtL0lgz+Nw7/RgQyg=\n"
          + "\n"
          + "\u2014 city.example/ledger fUQcc/jzF6eOaYimdM4dKkWzav6yxHqOUT3eyfcLn8/24GRScQIgRNXCpoQksGq+oe91qdxQ7+rllYxIRRlfybWFxw0=\n";

  static Signer signer() {
    return Signer.fromSeed(NAME, SEED);
  }

  private static byte[] seed() {
    byte[] seed = new byte[32];
    for (int i = 0; i < seed.length; i++) {
      seed[i] = (byte) i;
    }
    return seed;
  }
}
