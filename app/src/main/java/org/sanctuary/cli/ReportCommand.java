package org.sanctuary.cli;

import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.output.StringOutput;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.sanctuary.config.Config;
import org.sanctuary.config.ConfigException;
import org.sanctuary.report.AnnualReport;
import org.sanctuary.report.AnnualReports;
import org.sanctuary.report.ReportCsv;
import org.sanctuary.report.ReportJson;
import org.sanctuary.report.store.ReportStore;
import org.sanctuary.report.web.ReportView;
import org.sanctuary.store.Database;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code sanctuary report ...}: the reports the law requires and the annual public report. Each
 * report is a subcommand of its own; {@code annual} is the first.
 */
@Command(name = "report", mixinStandardHelpOptions = true, description = "Prints a report.",
    subcommands = {ReportCommand.Annual.class})
public final class ReportCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    spec.commandLine().usage(spec.commandLine().getErr());
    return Main.BAD_INPUT;
  }

  @Command(name = "annual", mixinStandardHelpOptions = true,
      description = {"The annual public report of a calendar year (Chicago time), at the ledger's latest checkpoint.",
          "Small counts are suppressed as on the web; see docs/reports.md."})
  static final class Annual implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--year", required = true, paramLabel = "YYYY", description = "the calendar year")
    String year;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "json",
        description = "json (default), csv or html (one page with its style sheet inside)")
    String format;

    @Option(names = "--data", paramLabel = "DIR", description = "data folder (default: ./" + Config.DEFAULT_DATA + ")")
    String data;

    @Option(names = "--db", paramLabel = "JDBC_URL", description = "PostgreSQL server instead of the embedded database")
    String db;

    @Override
    public Integer call() {
      int y = parseYear(year);
      if (!format.equals("json") && !format.equals("csv") && !format.equals("html")) {
        throw new ConfigException("format", format, "is not a report format", "json, csv or html");
      }
      Config config = Config.resolve(new Config.Options(null, data, db, null), System.getenv());
      AnnualReport report;
      try (Database database = Database.open(config)) {
        report = AnnualReports.build(new ReportStore(database).figures(y));
      }
      PrintWriter out = spec.commandLine().getOut();
      out.print(switch (format) {
        case "csv" -> ReportCsv.write(report);
        case "html" -> html(report);
        default -> ReportJson.write(report);
      });
      out.flush();
      return Main.OK;
    }

    private static int parseYear(String raw) {
      try {
        int y = Integer.parseInt(raw.strip());
        if (y >= 1985 && y <= 9999) return y;
      } catch (NumberFormatException e) {
        // reported below
      }
      throw new ConfigException("year", raw, "is not a year", "a year such as 2025, from 1985");
    }

    // The page the server shows, with the style sheet inlined so the file stands alone.
    private static String html(AnnualReport report) {
      StringOutput output = new StringOutput();
      Map<String, Object> model = new HashMap<>();
      model.put("report", ReportView.of(report));
      TemplateEngine.createPrecompiled(ContentType.Html).render("report-annual.jte", model, output);
      String css;
      try (InputStream in = ReportCommand.class.getResourceAsStream("/public/style.css")) {
        css = in == null ? "" : new String(in.readAllBytes(), StandardCharsets.UTF_8);
      } catch (IOException e) {
        css = "";
      }
      return output.toString().replace("<link rel=\"stylesheet\" href=\"/assets/style.css\">", "<style>" + css + "</style>");
    }
  }
}
