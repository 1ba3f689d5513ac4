package org.sanctuary.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code sanctuary report ...}: the reports the law requires. Each report is a class of its own. */
@Command(name = "report", mixinStandardHelpOptions = true, description = "Produce a report.",
    subcommands = {ReportCpdQuarterlyCommand.class, ReportTrustActCommand.class})
final class ReportCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    throw new picocli.CommandLine.ParameterException(spec.commandLine(),
        "missing report (want one of: " + String.join(", ", spec.subcommands().keySet()) + ")");
  }
}
