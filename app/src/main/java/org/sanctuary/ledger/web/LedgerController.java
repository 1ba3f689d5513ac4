package org.sanctuary.ledger.web;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.sanctuary.ledger.merkle.ConsistencyProof;
import org.sanctuary.ledger.merkle.Hash;
import org.sanctuary.ledger.merkle.InclusionProof;
import org.sanctuary.ledger.store.DecodedEntry;
import org.sanctuary.ledger.store.LedgerReader;
import org.sanctuary.ledger.witnessing.CheckpointPublisher;
import org.sanctuary.errors.InvalidInput;

/** The public ledger: checkpoint, key, entries and proofs, for anyone, no login. */
public final class LedgerController {
  private static final int PAGE = 100;
  private static final java.util.regex.Pattern TYPE = java.util.regex.Pattern.compile("[a-z]+(\\.[a-z_]+)*");
  private final LedgerReader ledger;
  private final CheckpointPublisher publisher;
  private final TypeCounts typeCounts;

  public LedgerController(LedgerReader ledger) {
    this(ledger, CheckpointPublisher.unwitnessed(ledger));
  }

  /** As above; receipts name the published cosigned checkpoint once it covers the entry. */
  public LedgerController(LedgerReader ledger, CheckpointPublisher publisher) {
    this.ledger = ledger;
    this.publisher = publisher;
    this.typeCounts = new TypeCounts(ledger);
  }

  void checkpoint(Context ctx) {
    ctx.contentType("text/plain; charset=utf-8").result(ledger.checkpoint().note());
  }

  void key(Context ctx) {
    ctx.contentType("text/plain; charset=utf-8").result(ledger.verifierKey() + "\n");
  }

  void entries(Context ctx) {
    long[] range = range(ctx, ledger.size());
    long start = range[0];
    long end = range[1];
    Base64.Encoder b64 = Base64.getEncoder();
    List<Map<String, Object>> out = new ArrayList<>();
    for (LedgerReader.Entry e : ledger.entries(start, end)) {
      out.add(Map.of("index", e.index(), "data", b64.encodeToString(e.data())));
    }
    ctx.json(Map.of("entries", out));
  }

  /** Entries [start, end) decoded: type, version, time, synthetic mark and the other fields. */
  void decoded(Context ctx) {
    long[] range = range(ctx, ledger.size());
    long start = range[0];
    long end = range[1];
    List<Map<String, Object>> out = new ArrayList<>();
    for (LedgerReader.Entry e : ledger.entries(start, end)) {
      DecodedEntry d = DecodedEntry.of(e.index(), e.data());
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("index", d.index());
      m.put("type", d.type());
      m.put("v", d.version());
      m.put("at", d.at());
      m.put("synthetic", d.synthetic());
      m.put("fields", d.values());
      out.add(m);
    }
    ctx.json(Map.of("entries", out));
  }

  /**
   * The entries as a page: counts by type over the whole log, then a page of decoded entries, the
   * newest first unless {@code start} is given, optionally of one {@code type}.
   */
  void entriesPage(Context ctx) {
    long size = ledger.size();
    String type = ctx.queryParam("type");
    if (type != null && type.isBlank()) type = null;
    if (type != null && !TYPE.matcher(type).matches()) {
      throw InvalidInput.of("type", type, "is not an entry type", "a type such as decision or gateway.access");
    }
    boolean newest = ctx.queryParam("start") == null || ctx.queryParam("start").isBlank();
    long start = newest
        ? Math.max(0, size - PAGE) : param(ctx, "start", 0, Math.max(0, size - 1), "an index from 0 to " + (size - 1));
    List<LedgerReader.Entry> read;
    if (type == null) {
      read = ledger.entries(start, Math.min(size, start + PAGE));
    } else if (newest) {
      // the newest of the type, wherever they are: not only those among the last page of the log
      read = ledger.latestOfType(type, size, PAGE);
      start = read.isEmpty() ? 0 : read.get(0).index();
    } else {
      read = ledger.entriesOfType(type, start, size, PAGE);
    }
    List<DecodedEntry> page = new ArrayList<>();
    for (LedgerReader.Entry e : read) page.add(DecodedEntry.of(e.index(), e.data()));
    String base = "/ledger/entries?" + (type == null ? "" : "type=" + type + "&") + "start=";
    Map<String, Object> model = new LinkedHashMap<>();
    model.put("size", size);
    model.put("counts", typeCounts.at(size));
    model.put("type", type == null ? "" : type);
    model.put("entries", page);
    model.put("previous", start == 0 ? "" : base + Math.max(0, start - PAGE));
    long last = page.isEmpty() ? start : page.get(page.size() - 1).index();
    model.put("next", page.size() < PAGE || last + 1 >= size ? "" : base + (last + 1));
    ctx.render("ledger-entries.jte", model);
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

  void receipt(Context ctx) {
    long size = ledger.size();
    long index = param(ctx, "index", 0, size - 1, "a leaf index from 0 to " + (size - 1));
    ObjectNode out = JsonNodeFactory.instance.objectNode();
    out.put("index", index);
    ReceiptJson.write(out, ledger, publisher, index);
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
  /**
   * The entries [start, end) a caller asked for. An end past the log's size is cut to the size,
   * as in Certificate Transparency's get-entries: a client asking for a page of 1,000 from a small
   * log gets what there is (the answer's length says how many).
   */
  private static long[] range(Context ctx, long size) {
    if (size == 0) {
      throw InvalidInput.of("start", ctx.queryParam("start"), "is past the end",
          "nothing yet: the ledger is empty");
    }
    long start = param(ctx, "start", 0, size - 1, "an index from 0 to " + (size - 1));
    long end = param(ctx, "end", start + 1, Long.MAX_VALUE, "an end after start (" + (start + 1)
        + " or more), exclusive; an end past " + size + " reads to the end");
    if (end - start > LedgerReader.MAX_PAGE) {
      throw InvalidInput.of("end", String.valueOf(end), "asks for " + (end - start) + " entries",
          "at most " + LedgerReader.MAX_PAGE + " from start, so end <= " + (start + LedgerReader.MAX_PAGE));
    }
    return new long[] {start, Math.min(end, size)};
  }

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
