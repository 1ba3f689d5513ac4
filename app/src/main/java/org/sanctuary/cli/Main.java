package org.sanctuary.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

@Command(name = "sanctuary", mixinStandardHelpOptions = true,
    subcommands = {DecideCommand.class, PoliciesCommand.class})
public final class Main {
  public static void main(String[] args) {
    System.exit(new CommandLine(new Main()).execute(args));
  }
}
