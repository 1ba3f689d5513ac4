package org.sanctuary.store;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells the person starting the server what a slow start is doing, one line a step, before the
 * step: the first start unpacks PostgreSQL and initialises its cluster, which takes up to a minute
 * with nothing else to show. Steps go to the log (standard error), so they keep the log's format.
 */
@FunctionalInterface
public interface StartupSteps {
  /** Says that {@code what} starts now. */
  void step(String what);

  /** Says nothing: for commands and tests that are not a server's start. */
  StartupSteps NONE = what -> {};

  /** Each step as a log line from {@code start-up}. */
  static StartupSteps logged() {
    Logger log = LoggerFactory.getLogger("start-up");
    return what -> log.info("{}", what);
  }
}
