package org.sanctuary.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;
import org.sanctuary.policy.FederalRequest;
import org.sanctuary.policy.InputException;
import org.sanctuary.policy.engine.Engine;
import org.sanctuary.policy.json.RequestJson;
import org.sanctuary.policy.json.RequestStream;

/**
 * Decides every request of one input in a single pass, holding the decisions ({@link HeldDecisions})
 * but neither the text nor the trees, so a year of requests fits in memory. Three threads share the work: one parses
 * the input ({@link ParsedItems}), one sets up the engine (loading and compiling the packs), and
 * the caller checks each item as a request and decides it, in input order.
 *
 * <p>An input with any problem gets the one refusal it got when the command read it whole, then
 * set up the engine, then checked every item, then decided them: a file that cannot be read
 * outranks a failed set-up, which outranks malformed JSON anywhere, which outranks the first item
 * that is not a valid request, which outranks the first request the engine cannot decide. So the
 * pass goes on after a problem, checking only what could still outrank it.
 */
final class InputDecisions {
  private static final int MAX_WAITING = 1 << 16;
  private final LocalDate asOf;
  private final List<FederalRequest> waiting = new ArrayList<>(); // checked before the engine was ready
  private HeldDecisions decisions = new HeldDecisions();
  private int count;
  private RuntimeException invalid; // the first item that is not a valid request
  private int invalidAt;
  private RuntimeException undecided; // the first request the engine refused
  private int undecidedAt;

  private InputDecisions(LocalDate asOf) {
    this.asOf = asOf;
  }

  /** The decisions in input order, or the input's refusal. {@code asOf}, if given, replaces every request's date. */
  static HeldDecisions decide(RequestInput input, Supplier<Engine> setUp, LocalDate asOf) {
    CompletableFuture<Engine> engine = CompletableFuture.supplyAsync(setUp, task -> daemon("decide-setup", task).start());
    InputDecisions pass = new InputDecisions(asOf);
    ParsedItems.End end;
    try (ParsedItems items = ParsedItems.start(input)) {
      Engine ready = null;
      for (ParsedItems.Batch batch = items.take(); ; batch = items.take()) {
        // requests held for the engine cost the collector time: past a bound, wait for the engine
        if (ready == null && (engine.isDone() || pass.waiting.size() >= MAX_WAITING)) {
          ready = readyOrNull(engine);
          if (ready != null) pass.decideWaiting(ready);
        }
        if (!engine.isCompletedExceptionally()) {
          for (int i = 0; i < batch.size(); i++) pass.check(batch.nodes()[i], ready);
        }
        if (batch.end() != null) {
          end = batch.end();
          break;
        }
      }
    }
    if (end.unreadable() != null) throw end.unreadable();
    Engine ready = setUpOrThrow(engine);
    if (end.failure() != null) throw sneaky(end.failure());
    if (end.malformed() != null) throw end.malformed();
    pass.decideWaiting(ready);
    return pass.result(end.array());
  }

  private void check(JsonNode node, Engine engine) {
    count++;
    if (invalid != null) return;
    FederalRequest r;
    try {
      r = RequestJson.parse(node);
    } catch (RuntimeException e) {
      invalid = e;
      invalidAt = count;
      decisions = null;
      return;
    }
    if (undecided != null) return;
    if (engine == null) {
      waiting.add(r);
    } else {
      decide(engine, r, count);
    }
  }

  /** Decides the requests checked while the engine was being set up (items 1 to n, as none was invalid). */
  private void decideWaiting(Engine engine) {
    for (int i = 0; i < waiting.size() && invalid == null && undecided == null; i++) {
      decide(engine, waiting.get(i), i + 1);
    }
    waiting.clear();
  }

  private void decide(Engine engine, FederalRequest r, int number) {
    FederalRequest asked = asOf == null ? r : new FederalRequest(r.id(), asOf, r.receivingAgency(),
        r.requester(), r.kind(), r.basis(), r.purpose(), r.subject());
    try {
      decisions.add(engine.decide(asked));
    } catch (RuntimeException e) {
      undecided = e;
      undecidedAt = number;
      decisions = null;
    }
  }

  private HeldDecisions result(boolean array) {
    if (invalid != null) {
      throw invalid instanceof InputException e ? RequestStream.numbered(e, invalidAt, count, array) : invalid;
    }
    if (undecided != null) {
      if (!(undecided instanceof InputException e)) throw undecided;
      throw count == 1 ? e : new InputException(e.field(), "request " + undecidedAt + ": " + e.getMessage());
    }
    return decisions;
  }

  /** The engine once set up, or null if the set-up failed (reported at the end, by rank). */
  private static Engine readyOrNull(CompletableFuture<Engine> engine) {
    try {
      return engine.join();
    } catch (CompletionException e) {
      return null;
    }
  }

  private static Engine setUpOrThrow(CompletableFuture<Engine> engine) {
    try {
      return engine.join();
    } catch (CompletionException e) {
      throw sneaky(e.getCause());
    }
  }

  /** Rethrows what another thread threw, as it was thrown (an unchecked exception or an error). */
  private static RuntimeException sneaky(Throwable t) {
    if (t instanceof RuntimeException r) throw r;
    if (t instanceof Error e) throw e;
    throw new IllegalStateException(t);
  }

  static Thread daemon(String name, Runnable task) {
    Thread t = new Thread(task, name);
    t.setDaemon(true);
    return t;
  }
}
