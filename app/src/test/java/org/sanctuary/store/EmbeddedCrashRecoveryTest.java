package org.sanctuary.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A Sanctuary process killed outright (SIGKILL) leaves its embedded PostgreSQL running; the next
 * start must stop that orphan, come up on the same folder and keep every committed row.
 */
class EmbeddedCrashRecoveryTest {
  @TempDir Path folder;

  @Test
  void open_afterProcessKilled_stopsOrphanAndKeepsRows() throws Exception {
    TestDatabases.sharePostgresBinaries(folder);
    Process child =
        new ProcessBuilder(
                List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Djava.io.tmpdir=" + System.getProperty("java.io.tmpdir"),
                    "-cp",
                    System.getProperty("java.class.path"),
                    CommitThenWait.class.getName(),
                    folder.toString()))
            .redirectError(folder.resolve("child.log").toFile())
            .start();
    try (BufferedReader out =
        new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
      assertThat(out.readLine()).isEqualTo(CommitThenWait.READY);
    } finally {
      child.destroyForcibly();
      child.waitFor(30, TimeUnit.SECONDS);
    }
    Optional<ProcessHandle> orphan = LeftoverPostmaster.running(folder.resolve("postgres"));
    assertThat(orphan).as("postgres outlives the killed process").isPresent();

    try (Database database = Database.embedded(folder)) {
      assertThat(LeftoverPostmaster.running(folder.resolve("postgres")))
          .map(ProcessHandle::pid)
          .isPresent()
          .isNotEqualTo(Optional.of(orphan.get().pid()));
      assertThat(orphan.get().onExit()).succeedsWithin(Duration.ofSeconds(30));
      int rows =
          database.inTransaction(
              connection -> {
                try (var statement = connection.createStatement();
                    var rs = statement.executeQuery("SELECT count(*) FROM crash_rows")) {
                  rs.next();
                  return rs.getInt(1);
                }
              });
      assertThat(rows).isEqualTo(1);
    } finally {
      TestDatabases.unsharePostgresBinaries(folder);
    }
  }

  /** The process that gets killed: opens the folder, commits one row, says so, then waits. */
  static final class CommitThenWait {
    static final String READY = "committed";

    public static void main(String[] args) throws InterruptedException {
      Database database = Database.embedded(Path.of(args[0]));
      database.inTransaction(
          connection -> {
            try (var statement = connection.createStatement()) {
              statement.execute("CREATE TABLE crash_rows (id int PRIMARY KEY)");
              statement.execute("INSERT INTO crash_rows VALUES (1)");
            }
            return null;
          });
      System.out.println(READY);
      System.out.flush();
      Thread.sleep(Long.MAX_VALUE);
    }
  }
}
