package org.sanctuary.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.UncheckedIOException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import org.sanctuary.policy.InputException;
import org.sanctuary.policy.json.RequestStream;

/**
 * The items of one input, parsed into JSON trees on a thread of their own and handed over in
 * order, in batches, so that parsing (the larger half of the work) runs beside deciding. At most
 * {@link #QUEUED} batches wait, which bounds the trees held in memory.
 */
final class ParsedItems implements AutoCloseable {
  private static final int BATCH = 512;
  private static final int QUEUED = 8;

  /** How the input ended: at most one of the problems is set. {@code array}: the input was a JSON array. */
  record End(InputException unreadable, InputException malformed, Throwable failure, boolean array) {}

  /** Up to {@link #BATCH} items; the last batch carries how the input ended. */
  record Batch(JsonNode[] nodes, int size, End end) {}

  private final BlockingQueue<Batch> queue = new ArrayBlockingQueue<>(QUEUED);
  private final RequestInput input;
  private final Thread thread;

  private ParsedItems(RequestInput input) {
    this.input = input;
    this.thread = InputDecisions.daemon("decide-parse", this::parse);
  }

  static ParsedItems start(RequestInput input) {
    ParsedItems items = new ParsedItems(input);
    items.thread.start();
    return items;
  }

  /** The next batch, waiting for it; the one with an end is the last. */
  Batch take() {
    try {
      return queue.take();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while reading the requests", e);
    }
  }

  private void parse() {
    JsonNode[] nodes = new JsonNode[BATCH];
    int size = 0;
    InputException unreadable = null;
    InputException malformed = null;
    Throwable failure = null;
    RequestStream.Items items = RequestStream.items(input.reader()); // the input, not the items, owns the reader
    try {
      for (JsonNode node = items.next(); node != null; node = items.next()) {
        nodes[size++] = node;
        if (size == BATCH) {
          queue.put(new Batch(nodes, size, null));
          nodes = new JsonNode[BATCH];
          size = 0;
        }
      }
    } catch (InterruptedException e) {
      return; // the command stopped waiting for the items
    } catch (UncheckedIOException e) {
      unreadable = input.unreadable(e.getCause());
    } catch (InputException e) {
      malformed = e;
    } catch (RuntimeException | Error e) {
      failure = e;
    }
    if (malformed != null || failure != null) {
      try {
        input.drain(); // unless the rest of the input cannot be read at all: that comes first
      } catch (InputException e) {
        unreadable = e;
        malformed = null;
        failure = null;
      }
    }
    try {
      queue.put(new Batch(nodes, size, new End(unreadable, malformed, failure, items.array())));
    } catch (InterruptedException e) {
      // the command stopped waiting for the items
    }
  }

  /** Stops the parsing thread if the command gives up before the end of the input. */
  @Override
  public void close() {
    thread.interrupt();
  }
}
