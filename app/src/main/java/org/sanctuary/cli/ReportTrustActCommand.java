package org.sanctuary.cli;

import java.util.concurrent.Callable;
import org.sanctuary.policy.Body;
import org.sanctuary.register.ReportFormats;
import org.sanctuary.register.TrustAct;
import org.sanctuary.register.web.ReportHtml;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code sanctuary report trust-act}: an agency's annual report to the Attorney General (5 ILCS 805/25). */
@Command(name = "trust-act", mixinStandardHelpOptions = true,
    description = "An agency's annual report to the Illinois Attorney General (5 ILCS 805/25).")
final class ReportTrustActCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin RegisterOptions store;

  @Option(names = "--year", required = true, paramLabel = "Y")
  int year;

  @Option(names = "--agency", required = true, paramLabel = "A", description = "CPD or COOK_COUNTY_SHERIFF")
  Body agency;

  @Option(names = "--format", paramLabel = "F", description = "json (default), csv or html")
  LawReportOutput.Format format = LawReportOutput.Format.json;

  @Override
  public Integer call() {
    TrustAct r = store.reading(register -> register.trustAct(year, agency));
    return LawReportOutput.print(spec.commandLine().getOut(), format,
        out -> ReportFormats.json(r, out), out -> ReportFormats.csv(r, out), () -> ReportHtml.page(r));
  }
}
