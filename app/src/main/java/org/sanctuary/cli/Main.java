package org.sanctuary.cli;

import java.io.PrintWriter;
import org.sanctuary.config.ConfigException;
import org.sanctuary.logging.LogFormat;
import org.sanctuary.logging.LogOutput;
import org.sanctuary.policy.InputException;
import org.sanctuary.policy.yaml.SourceException;
import org.sanctuary.store.StoreException;
import org.sanctuary.errors.DomainError;
import org.sanctuary.errors.Refused;
import org.sanctuary.errors.Unavailable;
import org.sanctuary.web.ServerException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.Spec;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * The {@code sanctuary} command. Each subcommand is a small class of its own, listed in {@code
 * subcommands} below; add yours there.
 *
 * <p>Exit status: 0 done, 1 failure (database unreachable, port in use, a bug), 2 bad usage, bad
 * input or a refusal (any {@link DomainError} but {@link Unavailable}). Every error is one line on
 * standard error, naming the option or field and what was wanted; no stack traces, except in the
 * log for a bug.
 */
@Command(
    name = "sanctuary",
    mixinStandardHelpOptions = true,
    versionProvider = Main.Version.class,
    description = "Rules as code, a data firewall, violation reporting and a public ledger.",
    subcommands = {ServeCommand.class, DecideCommand.class, PoliciesCommand.class, LedgerCommand.class,
        WitnessCommand.class,
        StaffCommand.class, GatewayCommand.class, RegisterCommand.class, ReportCommand.class, ReplayCommand.class,
        DemoCommand.class, HelpCommand.class})
public final class Main implements Runnable {
  private static final Logger log = LoggerFactory.getLogger(Main.class);

  static final int OK = 0;
  static final int FAILURE = 1;
  static final int BAD_INPUT = 2;

  @Spec private CommandSpec spec;

  // read from the parse result by withLog, on whichever command it was given
  @Option(
      names = "--" + LogFormat.OPTION,
      paramLabel = "FORMAT",
      scope = CommandLine.ScopeType.INHERIT,
      description = "the log on standard error: text, or json for one JSON object per line"
          + " (default: $" + LogFormat.ENV + ", else text)")
  private String logFormat;

  public static void main(String[] args) {
    int status =
        execute(args, new StandardOutput(System.out), new PrintWriter(System.err, true));
    System.exit(status);
  }

  /** Runs one command line and returns its exit status. */
  static int execute(String[] args, PrintWriter out, PrintWriter err) {
    return commandLine(out, err).execute(args);
  }

  static CommandLine commandLine(PrintWriter out, PrintWriter err) {
    return new CommandLine(new Main())
        .setOut(out)
        .setErr(err)
        .setParameterExceptionHandler(Main::badUsage)
        .setExecutionExceptionHandler(Main::failed)
        .setExecutionStrategy(Main::withLog);
  }

  // The log's format is chosen before the command runs: from --log-format on any command of the
  // line, else the environment.
  private static int withLog(ParseResult parsed) {
    String option = null;
    for (CommandLine command : parsed.asCommandLineList()) {
      String value = command.getParseResult().matchedOptionValue("--" + LogFormat.OPTION, null);
      if (value != null) {
        option = value;
      }
    }
    try {
      LogOutput.use(LogFormat.resolve(option, System.getenv()));
    } catch (ConfigException e) {
      parsed.commandSpec().commandLine().getErr().println("sanctuary: " + e.getMessage());
      return BAD_INPUT;
    }
    return new CommandLine.RunLast().execute(parsed);
  }

  @Override
  public void run() {
    throw new ParameterException(
        spec.commandLine(), "missing command (want one of: " + commandNames() + ")");
  }

  private String commandNames() {
    return String.join(", ", spec.subcommands().keySet());
  }

  private static int badUsage(ParameterException e, String[] args) {
    CommandLine command = e.getCommandLine();
    String hint = "";
    if (e instanceof UnmatchedArgumentException unmatched
        && !unmatched.getSuggestions().isEmpty()) {
      hint = "; did you mean " + String.join(" or ", unmatched.getSuggestions()) + "?";
    }
    command
        .getErr()
        .println(
            "sanctuary: "
                + e.getMessage()
                + hint
                + " (see '"
                + command.getCommandSpec().qualifiedName()
                + " --help')");
    return BAD_INPUT;
  }

  // package-visible: tests run a command beside the real ones with the same error handling
  static int failed(Exception e, CommandLine command, ParseResult parsed) {
    PrintWriter err = command.getErr();
    if (e instanceof Refused r) {
      err.println("sanctuary: " + r.getMessage() + ": " + r.reason() + " (" + r.citation() + ")");
      return BAD_INPUT;
    }
    if (e instanceof Unavailable) {
      err.println("sanctuary: " + e.getMessage());
      return FAILURE;
    }
    if (e instanceof ConfigException || e instanceof DomainError || e instanceof InputException) {
      err.println("sanctuary: " + e.getMessage());
      return BAD_INPUT;
    }
    if (e instanceof StoreException || e instanceof ServerException || e instanceof SourceException) {
      err.println("sanctuary: " + e.getMessage());
      return FAILURE;
    }
    log.error("unexpected failure", e);
    err.println("sanctuary: internal error: " + e);
    return FAILURE;
  }

  /** The version from the jar manifest, or "development" when run from classes. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String version = Main.class.getPackage().getImplementationVersion();
      return new String[] {"sanctuary " + (version == null ? "development" : version)};
    }
  }
}
