package org.sanctuary.ledger.monitor;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import org.sanctuary.ledger.merkle.ConsistencyProof;
import org.sanctuary.ledger.merkle.Hash;
import org.sanctuary.ledger.merkle.InvalidProofException;
import org.sanctuary.ledger.merkle.TreeHasher;
import org.sanctuary.ledger.note.Checkpoint;
import org.sanctuary.ledger.note.CosignatureVerifier;
import org.sanctuary.ledger.note.InvalidNoteException;
import org.sanctuary.ledger.note.SignedNote;
import org.sanctuary.ledger.note.Verifier;
import org.sanctuary.ledger.tiles.EntryBundle;
import org.sanctuary.ledger.tiles.InvalidTileException;
import org.sanctuary.ledger.tiles.TileHashReader;
import org.sanctuary.ledger.tiles.TileId;
import org.sanctuary.ledger.tiles.Tiles;

/**
 * Follows a log over its public endpoints and trusts nothing it is served. One {@link #check}:
 *
 * <ol>
 *   <li>fetches {@code /tlog/checkpoint} and checks the log's signature;
 *   <li>checks the cosignatures of the witnesses it was given, requiring a quorum of them;
 *   <li>checks the tiles against the checkpoint's root ({@link TileHashReader});
 *   <li>checks the checkpoint extends the one it saw last time: same size, same root; larger, the
 *       old root rebuilt from the new tiles; smaller is a rollback;
 *   <li>checks every entry new since last time hashes to its leaf in the tiles;
 *   <li>checks what other vantage points were shown (a witness's copy, a mirror) is consistent
 *       with its own view: a split view shows up as two roots for one size, or a missing proof.
 * </ol>
 *
 * The first failure is an {@link Inconsistency} naming what disagrees with what.
 */
public final class LedgerMonitor {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** What to follow and what to require. {@code key} null: trust the log's published key on first use. */
  public record Settings(URI log, Verifier key, List<CosignatureVerifier> witnesses, int quorum, List<URI> compare) {
    public Settings {
      Objects.requireNonNull(log, "log");
      witnesses = List.copyOf(witnesses);
      compare = List.copyOf(compare);
      if (quorum < 0 || quorum > witnesses.size()) {
        throw new IllegalArgumentException("quorum: " + quorum + " (want 0 to " + witnesses.size() + ")");
      }
    }
  }

  /** One successful check: what was seen, and the state to keep for next time. */
  public record Report(Checkpoint checkpoint, int cosignatures, long entriesChecked, long previousSize,
      boolean keyTrustedOnFirstUse, int vantagePoints, MonitorState state) {
    public String line() {
      return "ok: " + checkpoint.origin() + " size " + checkpoint.size() + " root " + checkpoint.root().base64()
          + ", " + cosignatures + " witness cosignature(s), " + entriesChecked + " entries checked"
          + (previousSize >= 0 ? ", extends size " + previousSize : "")
          + (vantagePoints > 0 ? ", agrees with " + vantagePoints + " other vantage point(s)" : "")
          + (keyTrustedOnFirstUse ? " (log key taken from the log itself on first use)" : "");
    }
  }

  private final Settings settings;
  private final HttpSource http;

  public LedgerMonitor(Settings settings) {
    this(settings, new HttpSource());
  }

  LedgerMonitor(Settings settings, HttpSource http) {
    this.settings = settings;
    this.http = http;
  }

  public Report check(Optional<MonitorState> previous) throws Inconsistency, IOException {
    boolean firstUse = false;
    Verifier key = settings.key();
    if (previous.isPresent()) {
      Verifier remembered = parseKey(previous.get().key());
      if (key != null && !key.equals(remembered)) {
        throw new Inconsistency("the log key " + key.encoded() + " is not the one this monitor followed before, "
            + remembered.encoded() + " (a rotated key needs a new state file)");
      }
      key = remembered;
    }
    if (key == null) {
      key = parseKey(http.text(resolve("api/v1/ledger/key")).strip());
      firstUse = true;
    }
    String note = http.text(resolve("tlog/checkpoint"));
    SignedNote signed;
    Checkpoint checkpoint;
    try {
      signed = SignedNote.parse(note);
      checkpoint = Checkpoint.open(note, key);
    } catch (InvalidNoteException e) {
      throw new Inconsistency("checkpoint from " + resolve("tlog/checkpoint") + ": " + e.getMessage());
    }
    int cosigned = cosignatures(signed, checkpoint);
    TileHashReader tiles;
    try {
      tiles = TileHashReader.open(checkpoint.size(), checkpoint.root(), tile -> http.get(resolve("tlog/" + tile.path())));
    } catch (InvalidTileException e) {
      throw new Inconsistency("tiles of " + settings.log() + " at size " + checkpoint.size() + ": " + e.getMessage());
    }
    long previousSize = -1;
    if (previous.isPresent()) {
      Checkpoint before = open(previous.get().checkpoint(), key, "the checkpoint in the state file");
      extends_(before, checkpoint, tiles);
      previousSize = before.size();
    }
    long checked = entries(tiles, Math.max(previousSize, 0), checkpoint.size());
    for (URI other : settings.compare()) {
      compare(other, key, checkpoint, tiles);
    }
    return new Report(checkpoint, cosigned, checked, previousSize, firstUse, settings.compare().size(),
        new MonitorState(key.encoded(), note));
  }

  private int cosignatures(SignedNote note, Checkpoint checkpoint) throws Inconsistency {
    int found = 0;
    List<String> missing = new ArrayList<>();
    for (CosignatureVerifier witness : settings.witnesses()) {
      OptionalLong time;
      try {
        time = witness.verify(note);
      } catch (InvalidNoteException e) {
        throw new Inconsistency("checkpoint at size " + checkpoint.size() + ": " + e.getMessage());
      }
      if (time.isPresent()) {
        found++;
      } else {
        missing.add(witness.name());
      }
    }
    if (found < settings.quorum()) {
      throw new Inconsistency("checkpoint at size " + checkpoint.size() + " carries valid cosignatures from "
          + found + " of the given witnesses (want at least " + settings.quorum() + "); missing: "
          + String.join(", ", missing));
    }
    return found;
  }

  // The same size must have the same root; a larger tree must contain the old one; smaller is a rollback.
  private static void extends_(Checkpoint before, Checkpoint now, TileHashReader tiles) throws Inconsistency {
    if (now.size() < before.size()) {
      throw new Inconsistency("rollback: the log now shows size " + now.size() + " (root " + now.root().base64()
          + "), smaller than size " + before.size() + " seen before (root " + before.root().base64() + ")");
    }
    if (now.size() == before.size()) {
      if (!now.root().equals(before.root())) {
        throw new Inconsistency("fork: two checkpoints of size " + now.size() + " signed by the log's key: root "
            + before.root().base64() + " seen before, root " + now.root().base64() + " now");
      }
      return;
    }
    Hash old = rootAt(tiles, before.size());
    if (!old.equals(before.root())) {
      throw new Inconsistency("fork: the checkpoint of size " + now.size() + " does not extend the one of size "
          + before.size() + " seen before: its tiles give root " + old.base64() + " at size " + before.size()
          + ", the earlier checkpoint says " + before.root().base64());
    }
  }

  // Every entry in [from, to) must hash to its leaf in the checked level-0 tiles.
  private long entries(TileHashReader tiles, long from, long to) throws Inconsistency, IOException {
    long checked = 0;
    for (TileId tile : Tiles.level(to, 0)) {
      long first = tile.firstHash();
      if (first + tile.width() <= from) continue;
      byte[] hashes;
      List<byte[]> bundle;
      try {
        hashes = tiles.tile(tile);
        bundle = EntryBundle.decode(http.get(resolve("tlog/" + tile.entriesPath())), tile.width());
      } catch (InvalidTileException e) {
        throw new Inconsistency(tile.entriesPath() + ": " + e.getMessage());
      }
      for (int i = (int) Math.max(0, from - first); i < tile.width(); i++) {
        if (!TreeHasher.leafHash(bundle.get(i)).equals(Tiles.hashAt(hashes, i))) {
          throw new Inconsistency("entry " + (first + i) + " in " + tile.entriesPath()
              + " does not hash to its leaf in " + tile.path());
        }
        checked++;
      }
    }
    return checked;
  }

  private void compare(URI other, Verifier key, Checkpoint mine, TileHashReader tiles) throws Inconsistency, IOException {
    Checkpoint theirs = open(http.text(other), key, "the checkpoint at " + other);
    if (theirs.size() <= mine.size()) {
      Hash root = rootAt(tiles, theirs.size());
      if (!root.equals(theirs.root())) {
        throw new Inconsistency("split view: " + other + " was shown size " + theirs.size() + " with root "
            + theirs.root().base64() + ", but " + settings.log() + " gives root " + root.base64() + " at that size");
      }
      return;
    }
    URI proofUri = resolve("api/v1/ledger/proof/consistency?from=" + mine.size() + "&to=" + theirs.size());
    List<Hash> path = new ArrayList<>();
    try {
      JsonNode body = JSON.readTree(http.get(proofUri));
      for (JsonNode h : body.path("consistencyProof")) path.add(Hash.fromBase64(h.asText()));
    } catch (IOException | IllegalArgumentException e) {
      throw new Inconsistency(other + " was shown size " + theirs.size() + ", beyond the " + mine.size()
          + " of " + settings.log() + ", which gives no consistency proof to it: " + e.getMessage());
    }
    try {
      new ConsistencyProof(mine.size(), theirs.size(), path).verify(mine.root(), theirs.root());
    } catch (InvalidProofException e) {
      throw new Inconsistency("split view: " + other + " was shown size " + theirs.size() + " with root "
          + theirs.root().base64() + ", not an extension of size " + mine.size() + " from " + settings.log()
          + ": " + e.getMessage());
    }
  }

  private static Hash rootAt(TileHashReader tiles, long size) throws Inconsistency {
    try {
      return tiles.rootAt(size);
    } catch (InvalidTileException e) {
      throw new Inconsistency("tiles: " + e.getMessage());
    }
  }

  private static Checkpoint open(String note, Verifier key, String what) throws Inconsistency {
    try {
      return Checkpoint.open(note, key);
    } catch (InvalidNoteException e) {
      throw new Inconsistency(what + ": " + e.getMessage());
    }
  }

  private static Verifier parseKey(String text) throws Inconsistency {
    try {
      return Verifier.parse(text);
    } catch (IllegalArgumentException e) {
      throw new Inconsistency("log key: " + e.getMessage());
    }
  }

  private URI resolve(String path) {
    String base = settings.log().toString();
    return URI.create((base.endsWith("/") ? base : base + "/") + path);
  }
}
