package org.sanctuary.gateway;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Per-partner record marks. A record key leaves the gateway only as HMAC-SHA256(partner secret,
 * dataset, field, key), cut to 96 bits: each partner sees its own reference for the same record,
 * and only the city, holding the secrets, can tell which partner a reference was given to.
 */
final class Marks {
  private static final ThreadLocal<Mac> MAC = ThreadLocal.withInitial(() -> {
    try {
      return Mac.getInstance("HmacSHA256");
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is missing from this JDK", e);
    }
  });

  private Marks() {}

  static String mark(byte[] secret, String dataset, String field, String recordKey) {
    Mac mac = MAC.get();
    try {
      mac.init(new SecretKeySpec(secret, "HmacSHA256"));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot key the mark", e);
    }
    byte[] out = mac.doFinal((dataset + '\0' + field + '\0' + recordKey).getBytes(StandardCharsets.UTF_8));
    return "r" + HexFormat.of().formatHex(out, 0, 12);
  }
}
