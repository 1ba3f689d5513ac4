package org.sanctuary.ledger.store;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * One ledger entry: a type and a small set of fields holding ids, codes, pack versions and
 * hashes, never personal data or free text. Its bytes are canonical JSON (keys sorted, no
 * spaces), so anyone can recompute the leaf hash from the published bytes. The schema of each
 * type is in docs/ledger.md.
 */
public final class LedgerEntry {
  private static final ObjectMapper CANONICAL = JsonMapper.builder()
      .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
      .build();
  private static final Pattern TYPE = Pattern.compile("[a-z]+(\\.[a-z_]+)*");
  private static final int MAX_BYTES = 4096;
  /** The field that marks demonstration data; set only through {@link #synthetic()}. */
  public static final String SYNTHETIC = "synthetic";

  private final String type;
  private final Map<String, Object> fields;

  private LedgerEntry(String type, Map<String, Object> fields) {
    this.type = type;
    this.fields = fields;
  }

  /**
   * Builds an entry of schema version 1. Field values must be texts, numbers, booleans, or lists
   * and maps of them. The keys {@code v} (schema version) and {@code type} are set here.
   */
  public static LedgerEntry of(String type, Map<String, ?> fields) {
    return of(type, 1, fields);
  }

  /** Builds an entry of the given schema version of its type (see docs/ledger.md for each). */
  public static LedgerEntry of(String type, int version, Map<String, ?> fields) {
    Objects.requireNonNull(type, "type");
    if (version < 1) throw new IllegalArgumentException("entry version " + version + " (want 1 or more)");
    if (!TYPE.matcher(type).matches()) throw new IllegalArgumentException("entry type '" + type + "' is not a.b_c form");
    Map<String, Object> all = new TreeMap<>(fields);
    if (all.containsKey("v") || all.containsKey("type") || all.containsKey(SYNTHETIC)) {
      throw new IllegalArgumentException("fields 'v', 'type' and 'synthetic' are set by the ledger");
    }
    all.put("v", version);
    all.put("type", type);
    return new LedgerEntry(type, all);
  }

  /**
   * The same entry marked {@code "synthetic": true}: made-up demonstration data, never a real
   * request, report or look-up. Readers of the log (the annual report, the ledger pages) say so.
   */
  public LedgerEntry synthetic() {
    Map<String, Object> all = new TreeMap<>(fields);
    all.put(SYNTHETIC, true);
    return new LedgerEntry(type, all);
  }

  /** Whether the entry is marked as synthetic. */
  public boolean isSynthetic() {
    return Boolean.TRUE.equals(fields.get(SYNTHETIC));
  }

  public String type() {
    return type;
  }

  public Map<String, Object> fields() {
    return fields;
  }

  /** The canonical JSON bytes: the leaf data that is hashed and published. */
  public byte[] bytes() {
    try {
      byte[] b = CANONICAL.writeValueAsBytes(fields); // UTF-8, as the text form encoded
      if (b.length > MAX_BYTES) throw new IllegalArgumentException("ledger entry of " + b.length + " bytes is too large");
      return b;
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalArgumentException("ledger entry fields are not plain JSON values: " + e.getMessage(), e);
    }
  }
}
