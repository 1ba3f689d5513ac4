package org.sanctuary.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sanctuary.ledger.note.Signer;

/** Bad command lines for the witness and for a log's witnesses: exit 2, one line naming the option. */
class WitnessCommandTest {
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();
  @TempDir Path dir;

  private int run(String... args) {
    return Main.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
  }

  private String errorLine() {
    assertThat(err.toString().lines()).as(err.toString()).hasSize(1);
    return err.toString().strip();
  }

  @Test
  void witnessServe_firstStartWithoutName_exits2AndCreatesNoKey() {
    assertThat(run("witness", "serve", "--data", dir.toString(), "--log", Signer.generate("a.example/log").verifier().encoded()))
        .isEqualTo(2);
    assertThat(errorLine()).startsWith("sanctuary: name: nothing given, and " + dir.resolve("witness.key") + " does not exist");
    assertThat(Files.exists(dir.resolve("witness.key"))).isFalse();
  }

  @Test
  void witnessServe_noLogToFollow_exits2() {
    assertThat(run("witness", "serve", "--data", dir.toString(), "--name", "w.example/witness")).isEqualTo(2);
    assertThat(errorLine()).startsWith("sanctuary: log: nothing given, and " + dir.resolve("logs") + " lists none");
  }

  @Test
  void witnessServe_logKeyThatIsNotOne_exits2NamingIt() {
    assertThat(run("witness", "serve", "--data", dir.toString(), "--name", "w.example/witness", "--log", "nope")).isEqualTo(2);
    assertThat(errorLine()).startsWith("sanctuary: log: \"nope\" is not a log verifier key");
  }

  @Test
  void witnessServe_portOutOfRange_exits2() {
    assertThat(run("witness", "serve", "--data", dir.toString(), "--port", "70000")).isEqualTo(2);
    assertThat(errorLine()).isEqualTo("sanctuary: port: \"70000\" is out of range (want 0-65535)");
  }

  @Test
  void serve_witnessWithoutKey_exits2NamingIt() {
    assertThat(run("serve", "--data", dir.toString(), "--witness", "http://127.0.0.1:7380")).isEqualTo(2);
    assertThat(errorLine()).startsWith("sanctuary: witness: \"http://127.0.0.1:7380\" has no '=' between the URL and the key");
  }

  @Test
  void serve_quorumAboveTheWitnesses_exits2() {
    String witness = "http://127.0.0.1:7380=" + org.sanctuary.ledger.note.Cosigner.generate("w.example/w").verifier().encoded();
    assertThat(run("serve", "--data", dir.toString(), "--witness", witness, "--witness-quorum", "2")).isEqualTo(2);
    assertThat(errorLine()).isEqualTo("sanctuary: witness-quorum: \"2\" is out of range (want 1 to 1)");
  }
}
