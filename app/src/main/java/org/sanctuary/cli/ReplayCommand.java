package org.sanctuary.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.sanctuary.register.Replay;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code sanctuary replay}: a year's recorded requests decided again under other packs. */
@Command(name = "replay", mixinStandardHelpOptions = true,
    description = "Decide a year's recorded requests again under the given packs and show what changes.")
final class ReplayCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin RegisterOptions store;

  @Option(names = "--year", required = true, paramLabel = "Y")
  int year;

  @Option(names = "--pack", required = true, paramLabel = "P", description = "repeatable: a pack id, any status")
  List<String> packs = new ArrayList<>();

  @Override
  public Integer call() {
    Replay.Result r = store.reading(register -> register.replay(year, packs));
    PrintWriter out = spec.commandLine().getOut();
    out.println("Replayed " + r.decided() + " of " + r.requests() + " requests recorded in " + r.year()
        + " under " + String.join(", ", r.packs()) + (r.notBound() == 0 ? "" : " (" + r.notBound()
        + " received by a body these packs do not bind, left out)"));
    out.println(r.changed() + " answers change" + (r.groups().isEmpty() ? "." : ":"));
    for (Replay.Group g : r.groups()) {
      out.println("  " + g.rule() + ": " + g.before() + " -> " + g.after() + ", " + g.requests() + " requests");
      for (Replay.Example x : g.examples()) {
        out.println("    e.g. " + x.received() + " " + x.body() + " " + x.requester() + " " + x.kind() + " "
            + x.basis() + " " + x.purpose() + " (was " + String.join(", ", x.beforeRules()) + ")");
      }
    }
    return Main.OK;
  }
}
