package org.sanctuary.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.function.Supplier;

/** How the law's report commands print a report: the same three formats for each. */
final class LawReportOutput {
  private LawReportOutput() {}

  /** The report formats. */
  enum Format { json, csv, html }

  /** A report written to a writer in one format. */
  @FunctionalInterface
  interface Writing {
    void to(Writer out) throws IOException;
  }

  static int print(PrintWriter out, Format format, Writing json, Writing csv, Supplier<String> html) {
    try {
      switch (format) {
        case json -> json.to(out);
        case csv -> csv.to(out);
        case html -> out.print(html.get());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    out.println();
    out.flush();
    return Main.OK;
  }
}
