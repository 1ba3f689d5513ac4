package org.sanctuary.ledger.witnessing;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.sanctuary.ledger.merkle.Hash;
import org.sanctuary.ledger.note.InvalidNoteException;
import org.sanctuary.ledger.note.NoteSignature;
import org.sanctuary.ledger.note.SignedNote;
import org.sanctuary.ledger.store.LedgerReader;
import org.sanctuary.store.Database;
import org.sanctuary.witness.AddCheckpointRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gathers witnesses' cosignatures for the log's checkpoints, in the background and never on a
 * request's path. Each round takes the latest signed checkpoint and sends it to every witness that
 * has not cosigned it, with a consistency proof from the size that witness cosigned last (C2SP
 * tlog-witness {@code add-checkpoint}). A witness answering 409 names the size it holds; the round
 * retries once from there. Every cosignature returned is checked against the witness's key before
 * it is stored. After the round the published checkpoint is recomputed: the largest one a quorum
 * has cosigned, with all their lines.
 */
public final class Witnessing implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Witnessing.class);
  static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);

  private final LedgerReader ledger;
  private final WitnessPolicy policy;
  private final CosignatureStore store;
  private final Clock clock;
  private final HttpClient http;
  private final ScheduledExecutorService scheduler;
  private final ExecutorService callers;
  // What each witness told us it holds when it answered 409; cleared by a cosignature.
  private final Map<String, Long> heldSize = new ConcurrentHashMap<>();
  private final AtomicReference<Optional<CosignedCheckpoint>> published = new AtomicReference<>(Optional.empty());
  // The last problem logged per witness: a witness that stays down is logged once, not every round.
  private final Map<String, String> lastProblem = new ConcurrentHashMap<>();
  private final java.util.concurrent.atomic.AtomicBoolean gathered = new java.util.concurrent.atomic.AtomicBoolean();

  private Witnessing(Database database, LedgerReader ledger, WitnessPolicy policy, Clock clock) {
    this.ledger = ledger;
    this.policy = policy;
    this.store = new CosignatureStore(database);
    this.clock = clock;
    this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    this.scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "ledger-witnessing");
      t.setDaemon(true);
      return t;
    });
    // One caller per witness, so a slow witness does not hold up the others.
    this.callers = Executors.newFixedThreadPool(policy.witnesses().size(), r -> {
      Thread t = new Thread(r, "ledger-witness-call");
      t.setDaemon(true);
      return t;
    });
  }

  /** Loads what was gathered before; does not start rounds (see {@link #schedule}). */
  public static Witnessing open(Database database, LedgerReader ledger, WitnessPolicy policy, Clock clock) {
    if (!policy.enabled()) throw new IllegalArgumentException("witnessing: no witnesses configured");
    Witnessing w = new Witnessing(database, ledger, policy, clock);
    w.republish();
    return w;
  }

  /** Runs a round every {@code every}, the first at once. */
  public Witnessing schedule(Duration every) {
    scheduler.scheduleWithFixedDelay(() -> {
      try {
        round();
      } catch (RuntimeException e) {
        log.error("witnessing: round failed: {}", e.getMessage(), e);
      }
    }, 0, every.toMillis(), TimeUnit.MILLISECONDS);
    return this;
  }

  public WitnessPolicy policy() {
    return policy;
  }

  /** The largest checkpoint a quorum of witnesses has cosigned, as published. */
  public Optional<CosignedCheckpoint> published() {
    return published.get();
  }

  /** One round: bring every witness to the latest checkpoint, then republish. */
  public void round() {
    LedgerReader.SignedHead head = ledger.checkpoint();
    List<CompletableFuture<Void>> calls = new ArrayList<>();
    for (WitnessPolicy.Witness witness : policy.witnesses()) {
      calls.add(CompletableFuture.runAsync(() -> bring(witness, head), callers));
    }
    for (CompletableFuture<Void> call : calls) {
      try {
        call.join();
      } catch (RuntimeException e) {
        log.warn("witnessing: {}", e.getMessage());
      }
    }
    if (gathered.getAndSet(false)) {
      republish(); // only a new cosignature can change what is published
    }
  }

  private void republish() {
    published.set(store.latest(policy.keys(), policy.quorum()));
  }

  private void bring(WitnessPolicy.Witness witness, LedgerReader.SignedHead head) {
    String key = witness.key().encoded();
    Long held = heldSize.get(key);
    if (held == null && store.has(head.size(), head.keyId(), key)) {
      return; // already cosigned
    }
    long old = held != null ? held : store.latestSize(key).orElse(0L);
    for (int attempt = 0; attempt < 2; attempt++) {
      if (old > head.size()) {
        log.error("witnessing: {} holds a checkpoint of size {}, larger than this log's latest {};"
            + " it has seen a tree this log does not have", witness.url(), old, head.size());
        return;
      }
      List<Hash> proof = old == 0 ? List.of() : ledger.consistency(old, head.size()).path();
      byte[] body = new AddCheckpointRequest(old, proof, head.note()).encode();
      HttpResponse<String> response;
      try {
        response = http.send(HttpRequest.newBuilder(witness.addCheckpoint()).timeout(REQUEST_TIMEOUT)
            .header("Content-Type", "text/plain; charset=utf-8")
            .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
            HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
      } catch (IOException e) {
        problem(witness, "unreachable: " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
        return;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
      if (response.statusCode() == 200) {
        keep(witness, head, response.body());
        return;
      }
      if (response.statusCode() == 409) {
        old = parseSize(witness, response.body());
        if (old < 0) return;
        heldSize.put(key, old);
        continue;
      }
      problem(witness, "refused the checkpoint at size " + head.size() + " from old size " + old + ": HTTP "
          + response.statusCode() + " " + response.body().strip());
      return;
    }
  }

  private static long parseSize(WitnessPolicy.Witness witness, String body) {
    String text = body.strip();
    if (!text.matches("0|[1-9][0-9]{0,18}")) {
      log.warn("witnessing: {} answered 409 without a size: \"{}\"", witness.url(), text);
      return -1;
    }
    return Long.parseLong(text);
  }

  // The answer is signature lines; only a line by this witness's key that verifies is kept.
  private void keep(WitnessPolicy.Witness witness, LedgerReader.SignedHead head, String body) {
    String key = witness.key().encoded();
    try {
      SignedNote note = SignedNote.parse(head.note() + body);
      for (NoteSignature line : note.signatures()) {
        if (!witness.key().claims(line)) continue;
        long timestamp = witness.key().verify(note.text(), line);
        store.insert(head.size(), head.keyId(), key, line.line(), Instant.ofEpochSecond(timestamp), clock.instant());
        gathered.set(true);
        heldSize.remove(key);
        if (lastProblem.remove(key) != null) {
          log.info("witnessing: {} cosigns again (size {})", witness.url(), head.size());
        }
        return;
      }
      log.warn("witnessing: {} answered without a cosignature by its key {}", witness.url(), key);
    } catch (InvalidNoteException e) {
      log.warn("witnessing: {} answered with an invalid cosignature: {}", witness.url(), e.getMessage());
    }
  }

  private void problem(WitnessPolicy.Witness witness, String what) {
    String key = witness.key().encoded();
    String kind = what.replaceAll("[0-9]+", "#");
    if (!kind.equals(lastProblem.put(key, kind))) {
      log.warn("witnessing: {} {}", witness.url(), what);
    }
  }

  @Override
  public void close() {
    scheduler.shutdownNow();
    callers.shutdownNow();
    try {
      scheduler.awaitTermination(REQUEST_TIMEOUT.toMillis() + 1000, TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
