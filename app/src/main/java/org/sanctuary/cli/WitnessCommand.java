package org.sanctuary.cli;

import org.sanctuary.witness.*;

import org.sanctuary.witness.web.WitnessServer;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.sanctuary.config.ConfigException;
import org.sanctuary.witness.Witness;
import org.sanctuary.witness.WitnessSetup;
import org.sanctuary.witness.web.WitnessServer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code sanctuary witness serve}: a witness that cosigns checkpoints of the logs it follows. */
@Command(name = "witness", mixinStandardHelpOptions = true,
    description = "Runs a transparency-log witness (C2SP tlog-witness).",
    subcommands = {WitnessCommand.Serve.class, WitnessCommand.Key.class})
final class WitnessCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    spec.commandLine().usage(spec.commandLine().getErr());
    return Main.BAD_INPUT;
  }

  @Command(name = "key", mixinStandardHelpOptions = true,
      description = "Prints the witness's verifier key (to give to logs and monitors), creating the key on first use.")
  static final class Key implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--data", paramLabel = "DIR", required = true, description = "the witness's folder")
    String data;

    @Option(names = "--name", paramLabel = "NAME", description = "the witness's key name, needed when creating the key")
    String name;

    @Override
    public Integer call() {
      PrintWriter out = spec.commandLine().getOut();
      out.println(WitnessSetup.key(Path.of(data).toAbsolutePath(), name).verifier().encoded());
      out.flush();
      return 0;
    }
  }

  @Command(name = "serve", mixinStandardHelpOptions = true,
      description = {"Cosigns each checkpoint a followed log sends to POST /add-checkpoint once its signature and "
          + "a consistency proof from the last checkpoint cosigned check out; refuses anything else.",
          "Runs until stopped."})
  static final class Serve implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--port", paramLabel = "N", description = "HTTP port, 0 for any free port (default: 7380)")
    String port = "7380";

    @Option(names = "--bind", paramLabel = "ADDR", description = "address to listen on (default: 127.0.0.1)")
    String bind = "127.0.0.1";

    @Option(names = "--data", paramLabel = "DIR", required = true,
        description = "the witness's folder: its key, the logs it follows, the checkpoints it cosigned")
    String data;

    @Option(names = "--name", paramLabel = "NAME",
        description = "the witness's key name, needed on first start, e.g. legalaid.example/witness")
    String name;

    @Option(names = "--log", paramLabel = "VKEY",
        description = "follow the log with this verifier key (repeatable; also read from DIR/logs)")
    List<String> logs = new ArrayList<>();

    @Override
    public Integer call() throws InterruptedException {
      int portNumber = port(port);
      Witness witness = WitnessSetup.open(Path.of(data).toAbsolutePath(), name, logs, Clock.systemUTC());
      WitnessServer server = WitnessServer.start(witness, bind, portNumber);
      CountDownLatch stopped = new CountDownLatch(1);
      Runtime.getRuntime().addShutdownHook(new Thread(() -> {
        server.close();
        stopped.countDown();
      }, "witness-shutdown"));
      PrintWriter out = spec.commandLine().getOut();
      out.println("witness " + witness.key().verifier().encoded());
      witness.logs().values().forEach(keys -> keys.forEach(k -> out.println("follows " + k.encoded())));
      out.println("listening on " + server.uri());
      out.flush();
      stopped.await();
      return 0;
    }

    static int port(String text) {
      try {
        int value = Integer.parseInt(text);
        if (value >= 0 && value <= 65535) return value;
      } catch (NumberFormatException e) {
        // reported below
      }
      throw new ConfigException("port", text, "is out of range", "0-65535");
    }
  }
}
