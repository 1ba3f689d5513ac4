package org.sanctuary.witness;

import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.sanctuary.ledger.merkle.ConsistencyProof;
import org.sanctuary.ledger.merkle.InvalidProofException;
import org.sanctuary.ledger.merkle.TreeHasher;
import org.sanctuary.ledger.note.Checkpoint;
import org.sanctuary.ledger.note.Cosignature;
import org.sanctuary.ledger.note.Cosigner;
import org.sanctuary.ledger.note.InvalidNoteException;
import org.sanctuary.ledger.note.NoteSignature;
import org.sanctuary.ledger.note.SignedNote;
import org.sanctuary.ledger.note.Verifier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A witness (C2SP tlog-witness): for each log it follows it keeps the last checkpoint it cosigned,
 * and cosigns a new one only when the log signed it and a consistency proof shows it extends that
 * last one. It never cosigns two checkpoints that disagree, so a log that shows one history to some
 * readers and another to others cannot get both cosigned by the same witness.
 *
 * <p>The answers follow the protocol's status codes: 200 with the cosignature line; 400 for a
 * malformed request; 403 when the log's signature is missing or does not verify; 404 for a log it
 * does not follow; 409 with its current size when the old size is not the one it cosigned last;
 * 422 when the proof does not show consistency (a fork or a rollback). Checking the old size and
 * saving the new checkpoint happen under one lock per log, so two requests cannot roll it back.
 */
public final class Witness {
  private static final Logger log = LoggerFactory.getLogger(Witness.class);

  /** An HTTP answer: status, content type and body text. */
  public record Answer(int status, String contentType, String body) {
    /** A plain-text answer, ending in a newline. */
    public static Answer text(int status, String body) {
      return new Answer(status, "text/plain; charset=utf-8", body.endsWith("\n") ? body : body + "\n");
    }
  }

  private final Cosigner key;
  private final Map<String, List<Verifier>> logs;
  private final CheckpointStore store;
  private final Clock clock;
  private final Map<String, Object> locks = new ConcurrentHashMap<>();
  // The last cosigned checkpoint per origin, read from the store once, then kept current.
  private final Map<String, Optional<Checkpoint>> latest = new ConcurrentHashMap<>();

  public Witness(Cosigner key, List<Verifier> logKeys, CheckpointStore store, Clock clock) {
    this.key = Objects.requireNonNull(key, "key");
    Map<String, List<Verifier>> byOrigin = new HashMap<>();
    for (Verifier v : logKeys) byOrigin.computeIfAbsent(v.name(), n -> new ArrayList<>()).add(v);
    if (byOrigin.isEmpty()) {
      throw new IllegalArgumentException("witness: no log to follow (want at least one log verifier key)");
    }
    this.logs = Map.copyOf(byOrigin);
    this.store = Objects.requireNonNull(store, "store");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  public Cosigner key() {
    return key;
  }

  /** The origins followed and their keys. */
  public Map<String, List<Verifier>> logs() {
    return logs;
  }

  /** {@code POST add-checkpoint}. */
  public Answer addCheckpoint(String body) {
    AddCheckpointRequest request;
    SignedNote note;
    Checkpoint checkpoint;
    try {
      request = AddCheckpointRequest.parse(body);
      note = SignedNote.parse(request.checkpoint());
      checkpoint = Checkpoint.parse(note.text());
    } catch (IllegalArgumentException | InvalidNoteException e) {
      return Answer.text(400, e.getMessage());
    }
    String origin = checkpoint.origin();
    List<Verifier> trusted = logs.get(origin);
    if (trusted == null) {
      return Answer.text(404, "unknown log: this witness does not follow origin \"" + origin + "\"");
    }
    List<NoteSignature> logLines;
    try {
      logLines = verified(note, trusted);
    } catch (InvalidNoteException e) {
      return Answer.text(403, e.getMessage());
    }
    if (logLines.isEmpty()) {
      return Answer.text(403, "note: no signature by a key this witness trusts for " + origin);
    }
    if (request.oldSize() > checkpoint.size()) {
      return Answer.text(400, "old size " + request.oldSize() + " is larger than the checkpoint's size "
          + checkpoint.size());
    }
    if (checkpoint.size() == 0 && !checkpoint.root().equals(TreeHasher.emptyRoot())) {
      return Answer.text(422, "a checkpoint of size 0 must have the empty tree's root");
    }
    synchronized (locks.computeIfAbsent(origin, o -> new Object())) {
      Optional<Checkpoint> last;
      try {
        last = latest(origin);
      } catch (IOException | InvalidNoteException e) {
        log.error("witness: cannot read the last checkpoint of {}: {}", origin, e.getMessage());
        return Answer.text(500, "witness: cannot read its state for " + origin);
      }
      long lastSize = last.map(Checkpoint::size).orElse(0L);
      if (request.oldSize() != lastSize) {
        return new Answer(409, "text/x.tlog.size", lastSize + "\n");
      }
      String inconsistent = inconsistency(request, last, checkpoint);
      if (inconsistent != null) {
        log.warn("witness: refused {} at size {} (last cosigned {}): {}", origin, checkpoint.size(), lastSize,
            inconsistent);
        keepEvidence(origin, note);
        return Answer.text(422, inconsistent);
      }
      Cosignature cosignature = key.cosign(checkpoint, Math.max(1, clock.instant().getEpochSecond()));
      List<NoteSignature> kept = new ArrayList<>(logLines);
      kept.add(cosignature.line());
      try {
        store.save(origin, new SignedNote(note.text(), kept).encoded());
      } catch (IOException e) {
        log.error("witness: cannot save the checkpoint of {}: {}", origin, e.getMessage());
        latest.remove(origin);
        return Answer.text(500, "witness: cannot save its state for " + origin + "; nothing was cosigned");
      }
      latest.put(origin, Optional.of(checkpoint));
      return Answer.text(200, cosignature.line().line());
    }
  }

  /** {@code GET <origin hash>/checkpoint}: the last checkpoint cosigned for a log, if any. */
  public Optional<String> checkpoint(String originHash) throws IOException {
    for (String origin : logs.keySet()) {
      if (FileCheckpointStore.originHash(origin).equals(originHash)) {
        return store.latest(origin);
      }
    }
    return Optional.empty();
  }

  // Lines by trusted keys, each checked; a line that claims a trusted key and fails throws.
  private static List<NoteSignature> verified(SignedNote note, List<Verifier> trusted) throws InvalidNoteException {
    List<NoteSignature> lines = new ArrayList<>();
    for (Verifier verifier : trusted) {
      List<NoteSignature> claiming = note.signatures().stream()
          .filter(line -> line.keyName().equals(verifier.name()) && line.keyId() == verifier.keyId())
          .toList();
      if (!claiming.isEmpty()) {
        note.verify(verifier);
        lines.addAll(claiming);
      }
    }
    return lines;
  }

  private static String inconsistency(AddCheckpointRequest request, Optional<Checkpoint> last, Checkpoint next) {
    if (request.oldSize() == 0) {
      return request.proof().isEmpty() ? null
          : "old size 0 needs an empty consistency proof, got " + request.proof().size() + " lines";
    }
    try {
      new ConsistencyProof(request.oldSize(), next.size(), request.proof()).verify(last.orElseThrow().root(), next.root());
      return null;
    } catch (InvalidProofException e) {
      return "not consistent with the checkpoint cosigned at size " + request.oldSize() + ": " + e.getMessage();
    }
  }

  private Optional<Checkpoint> latest(String origin) throws IOException, InvalidNoteException {
    Optional<Checkpoint> known = latest.get(origin);
    if (known != null) return known;
    Optional<String> stored = store.latest(origin);
    Optional<Checkpoint> read = stored.isEmpty() ? Optional.empty()
        : Optional.of(Checkpoint.parse(SignedNote.parse(stored.get()).text()));
    latest.put(origin, read);
    return read;
  }

  private void keepEvidence(String origin, SignedNote note) {
    try {
      store.saveRefused(origin, note.encoded());
    } catch (IOException e) {
      log.warn("witness: cannot keep the refused checkpoint of {}: {}", origin, e.getMessage());
    }
  }
}
