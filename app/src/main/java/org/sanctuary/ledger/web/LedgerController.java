package org.sanctuary.ledger.web;

import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.sanctuary.ledger.merkle.ConsistencyProof;
import org.sanctuary.ledger.merkle.Hash;
import org.sanctuary.ledger.merkle.InclusionProof;
import org.sanctuary.ledger.store.LedgerReader;
import org.sanctuary.errors.InvalidInput;

/** The public ledger: checkpoint, key, entries and proofs, for anyone, no login. */
public final class LedgerController {
  private final LedgerReader ledger;

  public LedgerController(LedgerReader ledger) {
    this.ledger = ledger;
  }

  void checkpoint(Context ctx) {
    ctx.contentType("text/plain; charset=utf-8").result(ledger.checkpoint().note());
  }

  void key(Context ctx) {
    ctx.contentType("text/plain; charset=utf-8").result(ledger.verifierKey() + "\n");
  }

  void entries(Context ctx) {
    long size = ledger.size();
    long start = param(ctx, "start", 0, size - 1, "an index from 0 to " + (size - 1));
    long end = param(ctx, "end", start + 1, size, "an end from " + (start + 1) + " to " + size + ", exclusive");
    if (end - start > LedgerReader.MAX_PAGE) {
      throw InvalidInput.of("end", String.valueOf(end), "asks for " + (end - start) + " entries",
          "at most " + LedgerReader.MAX_PAGE + " from start, so end <= " + (start + LedgerReader.MAX_PAGE));
    }
    Base64.Encoder b64 = Base64.getEncoder();
    List<Map<String, Object>> out = new ArrayList<>();
    for (LedgerReader.Entry e : ledger.entries(start, end)) {
      out.add(Map.of("index", e.index(), "data", b64.encodeToString(e.data())));
    }
    ctx.json(Map.of("entries", out));
  }

  void inclusion(Context ctx) {
    long size = param(ctx, "size", 1, ledger.size(), "a tree size from 1 to the latest checkpoint's, " + ledger.size());
    long index = param(ctx, "index", 0, size - 1, "a leaf index from 0 to " + (size - 1));
    InclusionProof proof = ledger.inclusion(index, size);
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("index", index);
    out.put("treeSize", size);
    out.put("inclusionProof", base64(proof.path()));
    ctx.json(out);
  }

  void consistency(Context ctx) {
    long to = param(ctx, "to", 0, ledger.size(), "a tree size from 0 to the latest checkpoint's, " + ledger.size());
    long from = param(ctx, "from", 0, to, "a tree size from 0 to " + to);
    ConsistencyProof proof = ledger.consistency(from, to);
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("from", from);
    out.put("to", to);
    out.put("consistencyProof", base64(proof.path()));
    ctx.json(out);
  }

  void page(Context ctx) {
    LedgerReader.SignedHead head = ledger.checkpoint();
    Map<String, Object> model = new LinkedHashMap<>();
    model.put("checkpoint", head.note());
    model.put("size", head.size());
    model.put("key", ledger.verifierKey());
    model.put("keys", ledger.verifierKeys());
    ctx.render("ledger.jte", model);
  }

  private static List<String> base64(List<Hash> hashes) {
    return hashes.stream().map(Hash::base64).toList();
  }

  // A required whole number in [min, max]; anything else is a 400 naming the parameter.
  private static long param(Context ctx, String name, long min, long max, String want) {
    String raw = ctx.queryParam(name);
    if (raw == null || raw.isBlank()) throw InvalidInput.of(name, raw, "is missing", want);
    long value;
    try {
      value = Long.parseLong(raw.strip());
    } catch (NumberFormatException e) {
      throw InvalidInput.of(name, raw, "is not a whole number", want);
    }
    if (value < min || value > max) throw InvalidInput.of(name, raw, "is out of range", want);
    return value;
  }
}
