package org.sanctuary.cli;

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
  LawReportOutput.Format format = LawReportOutput.Format.json;

  @Override
  public Integer call() {
    CpdQuarterly r = store.reading(register -> register.cpdQuarterly(year, quarter));
    return LawReportOutput.print(spec.commandLine().getOut(), format,
        out -> ReportFormats.json(r, out), out -> ReportFormats.csv(r, out), () -> ReportHtml.page(r));
  }
}
