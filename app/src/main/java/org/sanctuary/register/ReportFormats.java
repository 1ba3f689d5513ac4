package org.sanctuary.register;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.Writer;
import java.util.List;

/**
 * The reports as JSON and CSV, written as they are read (a quarter of a large register is many
 * thousand items). The JSON shapes are in docs/reports.md. The CSV starts with {@code key,value}
 * lines (report, period, totals, checkpoint), then a blank line, then one table per list with its
 * header row; a list that is empty is certified by a {@code certified_none,true} line.
 */
public final class ReportFormats {
  private static final JsonFactory JSON = new JsonFactory();

  private ReportFormats() {}

  public static void json(CpdQuarterly r, Writer out) throws IOException {
    try (JsonGenerator g = JSON.createGenerator(out)) {
      g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
      g.writeStartObject();
      g.writeStringField("report", "cpd-quarterly");
      g.writeNumberField("year", r.year());
      g.writeNumberField("quarter", r.quarter());
      g.writeArrayFieldStart("items");
      for (CpdQuarterly.Item i : r.items()) {
        g.writeStartObject();
        g.writeStringField("received", i.received());
        g.writeBooleanField("transferred", i.transferred());
        g.writeStringField("agency", i.agency());
        g.writeEndObject();
      }
      g.writeEndArray();
      g.writeObjectFieldStart("totals");
      g.writeNumberField("received", r.received());
      g.writeNumberField("transferred", r.transferred());
      g.writeEndObject();
      g.writeNumberField("oemcNotifications", r.oemcNotifications());
      checkpoint(g, r.checkpoint());
      if (r.synthetic()) g.writeBooleanField("synthetic", true); // a filed report never has it
      g.writeEndObject();
    }
  }

  public static void json(TrustAct r, Writer out) throws IOException {
    try (JsonGenerator g = JSON.createGenerator(out)) {
      g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
      g.writeStartObject();
      g.writeStringField("report", "trust-act");
      g.writeNumberField("year", r.year());
      g.writeStringField("agency", r.agency().name());
      g.writeObjectFieldStart("assistanceRequests");
      g.writeArrayFieldStart("items");
      for (TrustAct.Assistance a : r.assistanceRequests()) {
        g.writeStartObject();
        g.writeStringField("received", a.received());
        g.writeStringField("requester", a.requester());
        g.writeStringField("outcome", a.outcome());
        g.writeArrayFieldStart("citations");
        for (String c : a.citations()) g.writeString(c);
        g.writeEndArray();
        g.writeEndObject();
      }
      g.writeEndArray();
      g.writeBooleanField("certifiedNone", r.assistanceCertifiedNone());
      g.writeEndObject();
      g.writeObjectFieldStart("detainersAndWarrants");
      g.writeArrayFieldStart("items");
      for (TrustAct.Detainer d : r.detainers()) {
        g.writeStartObject();
        g.writeStringField("received", d.received());
        g.writeStringField("bailPostedAt", d.bailPostedAt());
        g.writeStringField("disposition", d.disposition());
        g.writeStringField("dispositionAt", d.dispositionAt());
        g.writeStringField("receivingAgency", d.receivingAgency());
        g.writeEndObject();
      }
      g.writeEndArray();
      g.writeBooleanField("certifiedNone", r.detainersCertifiedNone());
      g.writeEndObject();
      checkpoint(g, r.checkpoint());
      if (r.synthetic()) g.writeBooleanField("synthetic", true);
      g.writeEndObject();
    }
  }

  private static void checkpoint(JsonGenerator g, Checkpoint c) throws IOException {
    g.writeObjectFieldStart("checkpoint");
    g.writeNumberField("size", c.size());
    g.writeStringField("root", c.root());
    g.writeEndObject();
  }

  public static void csv(CpdQuarterly r, Writer out) throws IOException {
    row(out, "report", "cpd-quarterly");
    row(out, "year", Integer.toString(r.year()));
    row(out, "quarter", Integer.toString(r.quarter()));
    row(out, "total_received", Long.toString(r.received()));
    row(out, "total_transferred", Long.toString(r.transferred()));
    row(out, "oemc_notifications", Long.toString(r.oemcNotifications()));
    checkpoint(out, r.checkpoint());
    if (r.synthetic()) row(out, "synthetic", "true");
    out.write("\r\n");
    row(out, "received", "transferred", "agency");
    for (CpdQuarterly.Item i : r.items()) row(out, i.received(), Boolean.toString(i.transferred()), i.agency());
  }

  public static void csv(TrustAct r, Writer out) throws IOException {
    row(out, "report", "trust-act");
    row(out, "year", Integer.toString(r.year()));
    row(out, "agency", r.agency().name());
    checkpoint(out, r.checkpoint());
    if (r.synthetic()) row(out, "synthetic", "true");
    out.write("\r\n");
    row(out, "assistance_requests");
    if (r.assistanceCertifiedNone()) {
      row(out, "certified_none", "true");
    } else {
      row(out, "received", "requester", "outcome", "citations");
      for (TrustAct.Assistance a : r.assistanceRequests()) {
        row(out, a.received(), a.requester(), a.outcome(), String.join("; ", a.citations()));
      }
    }
    out.write("\r\n");
    row(out, "detainers_and_warrants");
    if (r.detainersCertifiedNone()) {
      row(out, "certified_none", "true");
    } else {
      row(out, "received", "bail_posted_at", "disposition", "disposition_at", "receiving_agency");
      for (TrustAct.Detainer d : r.detainers()) {
        row(out, d.received(), d.bailPostedAt(), d.disposition(), d.dispositionAt(), d.receivingAgency());
      }
    }
  }

  private static void checkpoint(Writer out, Checkpoint c) throws IOException {
    row(out, "checkpoint_size", Long.toString(c.size()));
    row(out, "checkpoint_root", c.root());
  }

  private static void row(Writer out, String... fields) throws IOException {
    for (int i = 0; i < fields.length; i++) {
      if (i > 0) out.write(',');
      out.write(field(fields[i]));
    }
    out.write("\r\n");
  }

  // RFC 4180: quote a field holding a comma, quote or line break; a leading =, +, - or @ is
  // prefixed with a quote mark so a spreadsheet never runs it as a formula
  static String field(String v) {
    if (v == null) return "";
    String s = v;
    if (!s.isEmpty() && "=+-@".indexOf(s.charAt(0)) >= 0) s = "'" + s;
    if (s.indexOf(',') >= 0 || s.indexOf('"') >= 0 || s.indexOf('\n') >= 0 || s.indexOf('\r') >= 0) {
      return '"' + s.replace("\"", "\"\"") + '"';
    }
    return s;
  }

  /** The formats the reports come in. */
  public static final List<String> FORMATS = List.of("json", "csv", "html");
}
