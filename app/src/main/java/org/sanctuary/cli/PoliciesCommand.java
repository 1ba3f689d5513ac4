package org.sanctuary.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import org.sanctuary.config.CityCalendar;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import org.sanctuary.policy.engine.Engine;
import org.sanctuary.policy.InputException;
import org.sanctuary.policy.diff.DiffText;
import org.sanctuary.policy.diff.PackDiff;
import org.sanctuary.policy.json.RequestJson;
import org.sanctuary.policy.pack.CompiledPack;
import org.sanctuary.policy.engine.PolicySetup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code sanctuary policies list|show|diff}: the policy packs, for people. */
@Command(name = "policies", mixinStandardHelpOptions = true,
    description = "Lists, shows and compares the policy packs.",
    subcommands = {PoliciesCommand.ListPacks.class, PoliciesCommand.Show.class, PoliciesCommand.Diff.class})
public final class PoliciesCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    spec.commandLine().usage(spec.commandLine().getErr());
    return 2;
  }

  /** Options every subcommand shares. */
  public static class PackOptions {
    @Option(names = "--local-policy", paramLabel = "ID", description = "Switch on a local-policy pack (repeatable).")
    List<String> localPolicies = new ArrayList<>();

    @Option(names = "--packs", paramLabel = "DIR", description = "Read policy packs from this folder.")
    Path packs;

    Engine engine() {
      return PolicySetup.engine(packs, Set.copyOf(localPolicies));
    }
  }

  abstract static class Sub implements Callable<Integer> {
    @Spec CommandSpec spec;
    @picocli.CommandLine.Mixin PackOptions options;

    abstract void run(Engine engine, PrintWriter out);

    @Override
    public Integer call() {
      try {
        run(options.engine(), spec.commandLine().getOut());
        spec.commandLine().getOut().flush();
        return 0;
      } catch (InputException e) {
        spec.commandLine().getErr().println("sanctuary policies: " + e.getMessage());
        spec.commandLine().getErr().flush();
        return 2;
      }
    }
  }

  @Command(name = "list", mixinStandardHelpOptions = true, description = "The packs, their dates, and which are in force.")
  static final class ListPacks extends Sub {
    @Option(names = "--as-of", paramLabel = "DATE", description = "Say which packs are in force on this date (default: today in the city).")
    String asOf;

    @Option(names = "--city-zone", paramLabel = "ZONE",
        description = "The city's time zone, whose date is today's (default: $" + CityCalendar.ENV + ", else America/Chicago).")
    String cityZone;

    /** The clock "today" is read from; tests set it. */
    Clock clock = Clock.systemUTC();

    @Override
    void run(Engine engine, PrintWriter out) {
      LocalDate date = asOf != null ? RequestJson.parseDate("--as-of", asOf)
          : CityCalendar.resolve(cityZone, System.getenv()).today(clock);
      out.println(PolicyText.list(engine, date));
    }
  }

  @Command(name = "show", mixinStandardHelpOptions = true, description = "A pack's rules with their citations and texts.")
  static final class Show extends Sub {
    @Parameters(paramLabel = "ID", description = "The pack id, e.g. chicago-2021.")
    String id;

    @Override
    void run(Engine engine, PrintWriter out) {
      out.print(PolicyText.show(find(engine, id, "ID"), engine));
    }
  }

  @Command(name = "diff", mixinStandardHelpOptions = true,
      description = "Every request shape whose outcome differs between packs A and B.")
  static final class Diff extends Sub {
    @Parameters(index = "0", paramLabel = "A") String a;
    @Parameters(index = "1", paramLabel = "B") String b;

    @Override
    void run(Engine engine, PrintWriter out) {
      out.print(DiffText.render(PackDiff.compare(find(engine, a, "A"), find(engine, b, "B"), engine.registry())));
    }
  }

  static CompiledPack find(Engine engine, String id, String field) {
    return engine.pack(id).orElseThrow(() -> new InputException(field, field + ": no pack '" + id + "' (want one of "
        + String.join(", ", engine.packs().stream().map(p -> p.id()).toList()) + ")"));
  }
}
