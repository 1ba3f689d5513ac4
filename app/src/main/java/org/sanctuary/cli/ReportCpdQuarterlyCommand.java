package org.sanctuary.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.concurrent.Callable;
import org.sanctuary.register.CpdQuarterly;
import org.sanctuary.register.ReportFormats;
import org.sanctuary.register.web.ReportHtml;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code sanctuary report cpd-quarterly}: CPD's quarterly compliance report (MCC 2-173-069). */
@Command(name = "cpd-quarterly", mixinStandardHelpOptions = true,
    description = "CPD's quarterly report of detainers and administrative warrants (MCC 2-173-069).")
final class ReportCpdQuarterlyCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin RegisterOptions store;

  @Option(names = "--year", required = true, paramLabel = "Y")
  int year;

  @Option(names = "--quarter", required = true, paramLabel = "Q", description = "1 to 4")
  int quarter;

  @Option(names = "--format", paramLabel = "F", description = "json (default), csv or html")
  ReportFormat format = ReportFormat.json;

  @Override
  public Integer call() {
    CpdQuarterly r = store.reading(register -> register.cpdQuarterly(year, quarter));
    PrintWriter out = spec.commandLine().getOut();
    try {
      switch (format) {
        case json -> ReportFormats.json(r, out);
        case csv -> ReportFormats.csv(r, out);
        case html -> out.print(ReportHtml.page(r));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    out.println();
    out.flush();
    return Main.OK;
  }

  /** The report formats. */
  enum ReportFormat { json, csv, html }
}
