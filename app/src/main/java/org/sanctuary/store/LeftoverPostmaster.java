package org.sanctuary.store;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deals with the {@code postmaster.pid} a killed Sanctuary process leaves behind.
 *
 * <p>The embedded PostgreSQL runs as a daemon, so when our JVM is killed outright the database
 * keeps running, orphaned, and holds the data folder. Callers hold the {@link DataFolderLock}, so
 * no live Sanctuary process owns that postmaster: we shut it down (fast mode, which rolls back open
 * transactions and writes a checkpoint) and start our own. A pid file whose process is gone is left
 * to PostgreSQL, which removes it; one whose pid now belongs to some other program (after a reboot)
 * is removed here, because PostgreSQL would refuse to start.
 */
final class LeftoverPostmaster {
  private static final Logger log = LoggerFactory.getLogger(LeftoverPostmaster.class);
  static final String PID_FILE = "postmaster.pid";
  private static final long POLL_MILLIS = 50;

  private LeftoverPostmaster() {}

  /** The postmaster's pid as written in the data directory, if any. */
  static Optional<ProcessHandle> running(Path pgData) {
    Path pidFile = pgData.resolve(PID_FILE);
    List<String> lines;
    try {
      lines = Files.readAllLines(pidFile, StandardCharsets.UTF_8);
    } catch (IOException e) {
      return Optional.empty();
    }
    if (lines.isEmpty()) {
      return Optional.empty();
    }
    try {
      return ProcessHandle.of(Long.parseLong(lines.get(0).strip())).filter(ProcessHandle::isAlive);
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  static void stopIfRunning(Path pgData, Duration timeout) {
    Optional<ProcessHandle> found = running(pgData);
    if (found.isEmpty()) {
      return;
    }
    ProcessHandle process = found.get();
    Optional<String> command = process.info().command();
    if (command.isPresent() && !isPostgres(command.get())) {
      log.warn(
          "removing stale {}: pid {} now belongs to {}", PID_FILE, process.pid(), command.get());
      try {
        Files.deleteIfExists(pgData.resolve(PID_FILE));
      } catch (IOException e) {
        throw new StoreException("data: cannot remove stale " + pgData.resolve(PID_FILE), e);
      }
      return;
    }
    log.warn(
        "stopping PostgreSQL (pid {}) left running in {} by an earlier Sanctuary process",
        process.pid(),
        pgData);
    requestFastShutdown(process);
    awaitExit(process, timeout, pgData);
    log.info("the earlier PostgreSQL (pid {}) has stopped", process.pid());
  }

  /**
   * Waits for a postmaster to finish its shutdown checkpoint and exit. PostgreSQL removes its pid
   * file as the last step of shutting down, after releasing shared memory; a process that is gone
   * or a zombie (an orphan whose parent does not reap it) counts as stopped too. Polls: the JDK can
   * only poll a process that is not its child, and does so with a backoff of seconds.
   */
  static void awaitExit(ProcessHandle process, Duration timeout, Path pgData) {
    Path pidFile = pgData.resolve(PID_FILE);
    long deadline = System.nanoTime() + timeout.toNanos();
    while (process.isAlive() && !isZombie(process) && Files.exists(pidFile)) {
      if (System.nanoTime() - deadline > 0) {
        throw new StoreException(
            "data: PostgreSQL (pid "
                + process.pid()
                + ") in "
                + pgData
                + " did not stop within "
                + timeout.toSeconds()
                + " s; stop it and start again");
      }
      try {
        Thread.sleep(POLL_MILLIS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new StoreException("interrupted while waiting for PostgreSQL to stop", e);
      }
    }
  }

  private static boolean isZombie(ProcessHandle process) {
    Path stat = Path.of("/proc", Long.toString(process.pid()), "stat");
    try {
      String line = Files.readString(stat, StandardCharsets.US_ASCII);
      int end = line.lastIndexOf(')');
      return end > 0 && line.length() > end + 2 && line.charAt(end + 2) == 'Z';
    } catch (IOException e) {
      return false;
    }
  }

  private static boolean isPostgres(String command) {
    String name = Path.of(command).getFileName().toString();
    return name.equals("postgres") || name.equals("postgres.exe");
  }

  // SIGINT is PostgreSQL's fast shutdown; the JDK can only send SIGTERM (smart shutdown, which
  // waits for every client to leave), so that is the fallback when kill(1) is unavailable.
  private static void requestFastShutdown(ProcessHandle process) {
    try {
      Process kill =
          new ProcessBuilder("kill", "-INT", Long.toString(process.pid()))
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.DISCARD)
              .start();
      if (kill.waitFor(10, TimeUnit.SECONDS) && kill.exitValue() == 0) {
        return;
      }
      kill.destroyForcibly();
    } catch (IOException e) {
      log.debug("kill(1) unavailable, sending SIGTERM instead", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    process.destroy();
  }
}
