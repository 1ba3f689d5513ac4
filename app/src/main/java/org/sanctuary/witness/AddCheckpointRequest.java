package org.sanctuary.witness;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.sanctuary.ledger.merkle.Hash;

/**
 * The body of a C2SP tlog-witness {@code add-checkpoint} request: {@code old <size>}, one base64
 * consistency-proof hash per line (at most 63), a blank line, then the signed checkpoint note.
 *
 * <pre>
 * old 8
 * 0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a (in base64)
 * ...
 *
 * city.example/ledger
 * 21
 * fjEPLGK3HeTA8T+73VRz+QrDF0yWao09BBf2XUyRg1A=
 *
 * — city.example/ledger etsA+tuk...
 * </pre>
 */
public record AddCheckpointRequest(long oldSize, List<Hash> proof, String checkpoint) {
  /** The most proof lines a client may send. */
  public static final int MAX_PROOF = 63;

  public AddCheckpointRequest {
    if (oldSize < 0) {
      throw new IllegalArgumentException("old size: " + oldSize + " (want >= 0)");
    }
    proof = List.copyOf(Objects.requireNonNull(proof, "proof"));
    if (proof.size() > MAX_PROOF) {
      throw new IllegalArgumentException(
          "consistency proof: " + proof.size() + " lines (want at most " + MAX_PROOF + ")");
    }
    Objects.requireNonNull(checkpoint, "checkpoint");
  }

  /** The request body. */
  public byte[] encode() {
    StringBuilder out = new StringBuilder("old ").append(oldSize).append('\n');
    proof.forEach(h -> out.append(h.base64()).append('\n'));
    return out.append('\n').append(checkpoint).toString().getBytes(StandardCharsets.UTF_8);
  }

  /**
   * Parses a request body strictly: canonical decimal, canonical base64, every line ending in a
   * newline. The checkpoint is returned as text, still to be verified.
   *
   * @throws IllegalArgumentException naming the first fault
   */
  public static AddCheckpointRequest parse(String body) {
    Objects.requireNonNull(body, "body");
    int end = body.indexOf('\n');
    if (end < 0) {
      throw new IllegalArgumentException("request: no old size line (want \"old <size>\" and a newline)");
    }
    String first = body.substring(0, end);
    if (!first.startsWith("old ")) {
      throw new IllegalArgumentException(
          "request: first line \"" + clip(first) + "\" is not \"old <size>\"");
    }
    long oldSize = decimal(first.substring(4));
    List<Hash> proof = new ArrayList<>();
    int at = end + 1;
    while (true) {
      int next = body.indexOf('\n', at);
      if (next < 0) {
        throw new IllegalArgumentException(
            "request: no blank line between the consistency proof and the checkpoint");
      }
      String line = body.substring(at, next);
      at = next + 1;
      if (line.isEmpty()) {
        break;
      }
      if (proof.size() == MAX_PROOF) {
        throw new IllegalArgumentException(
            "request: more than " + MAX_PROOF + " consistency proof lines");
      }
      try {
        proof.add(Hash.fromBase64(line));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(
            "request: consistency proof line " + (proof.size() + 1) + ": " + e.getMessage(), e);
      }
    }
    return new AddCheckpointRequest(oldSize, proof, body.substring(at));
  }

  // ASCII decimal, no sign, no leading zero unless "0".
  private static long decimal(String text) {
    boolean digits = !text.isEmpty() && text.length() <= 19 && text.chars().allMatch(c -> c >= '0' && c <= '9');
    if (!digits || (text.length() > 1 && text.charAt(0) == '0')) {
      throw new IllegalArgumentException(
          "request: old size \"" + clip(text) + "\" is not a decimal number without leading zeros");
    }
    try {
      return Long.parseLong(text);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("request: old size " + text + " is too large", e);
    }
  }

  private static String clip(String text) {
    return text.length() > 40 ? text.substring(0, 40) + "..." : text;
  }
}
