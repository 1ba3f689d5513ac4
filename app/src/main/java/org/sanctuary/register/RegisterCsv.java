package org.sanctuary.register;

import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import org.sanctuary.policy.Basis;
import org.sanctuary.policy.Body;
import org.sanctuary.policy.FederalRequest;
import org.sanctuary.errors.InvalidInput;
import org.sanctuary.policy.Kind;
import org.sanctuary.policy.Purpose;
import org.sanctuary.policy.Subject;
import org.sanctuary.policy.json.ForbiddenFields;

/**
 * Reads a register CSV (the columns are in docs/register.md). Every row is checked field by field
 * and every problem is kept, so one pass over a bad file names all its bad lines and fields.
 */
final class RegisterCsv {
  static final List<String> REQUIRED = List.of("received_at", "receiving_agency", "requester", "kind", "basis",
      "purpose", "bail_posted_at", "disposition", "disposition_at", "transferred_to");
  static final List<String> OPTIONAL = List.of("document", "court", "subject", "reference", "oemc_notified_at");

  private RegisterCsv() {}

  /** One good row: the request, its outcome, and when OEMC was notified (if it was). */
  record Row(int line, Received received, RegisterOutcome outcome, java.time.Instant oemcNotifiedAt) {}

  /** One problem: the line, the column (or "header"/"row") and the message. */
  record Problem(int line, String field, String message) {
    @Override
    public String toString() {
      return "line " + line + ": " + message;
    }
  }

  /**
   * Reads every row; good rows go to {@code rows}, problems to the returned list (empty when the
   * file is good). Reading stops at a header problem, since no row can be read without it.
   */
  static List<Problem> read(Reader in, Consumer<Row> rows) throws IOException {
    List<Problem> problems = new ArrayList<>();
    CsvReader csv = new CsvReader(in);
    Map<String, Integer> columns;
    try {
      CsvReader.Record header = csv.next();
      if (header == null) {
        problems.add(new Problem(1, "header", "header: the file is empty (want a header row: "
            + String.join(",", REQUIRED) + ")"));
        return problems;
      }
      columns = columns(header, problems);
      if (!problems.isEmpty()) return problems;
      CsvReader.Record r;
      while ((r = csv.next()) != null) {
        row(r, columns, problems).ifPresent(rows);
      }
    } catch (CsvReader.Malformed e) {
      problems.add(new Problem(e.line, "row", "row: " + e.getMessage() + "; reading stopped here"));
    }
    return problems;
  }

  private static Map<String, Integer> columns(CsvReader.Record header, List<Problem> problems) {
    Map<String, Integer> columns = new HashMap<>();
    for (int i = 0; i < header.fields().size(); i++) {
      String name = header.fields().get(i).strip().toLowerCase(Locale.ROOT);
      if (ForbiddenFields.isForbidden(name)) {
        problems.add(new Problem(header.line(), name, name + ": " + ForbiddenFields.MESSAGE));
      } else if (!REQUIRED.contains(name) && !OPTIONAL.contains(name)) {
        problems.add(new Problem(header.line(), name, "header: unknown column \"" + ChicagoTime.clip(name)
            + "\" (want " + String.join(", ", REQUIRED) + "; optional " + String.join(", ", OPTIONAL) + ")"));
      } else if (columns.putIfAbsent(name, i) != null) {
        problems.add(new Problem(header.line(), name, "header: column \"" + name + "\" appears twice"));
      }
    }
    for (String need : REQUIRED) {
      if (!columns.containsKey(need) && problems.stream().noneMatch(p -> p.field().equals(need))) {
        problems.add(new Problem(header.line(), need, "header: column \"" + need + "\" is missing"));
      }
    }
    return columns;
  }

  private static java.util.Optional<Row> row(CsvReader.Record r, Map<String, Integer> columns, List<Problem> problems) {
    if (r.fields().size() != headerSize(columns)) {
      problems.add(new Problem(r.line(), "row", "row: " + r.fields().size() + " fields (want " + headerSize(columns)
          + ", one per header column)"));
      return java.util.Optional.empty();
    }
    return parse(r.line(), column -> {
      Integer i = columns.get(column);
      return i == null ? "" : r.fields().get(i);
    }, problems);
  }

  /**
   * Reads one request from named values (the CSV's column names; a form uses the same names), an
   * absent value being empty. Problems, one per bad field, go to {@code problems}.
   */
  static java.util.Optional<Row> parse(int line, java.util.function.Function<String, String> values,
      List<Problem> problems) {
    Fields f = new Fields(line, values);
    ChicagoTime.When when0 = f.get("received_at", v -> ChicagoTime.parse("received_at", required("received_at", v)));
    return build(line, f, when0, problems);
  }

  private static java.util.Optional<Row> build(int line, Fields f, ChicagoTime.When when, List<Problem> problems) {
    Body body = f.get("receiving_agency", v -> choice("receiving_agency", v, Body.class));
    String requester = f.get("requester", v -> text("requester", required("requester", v)));
    Kind kind = f.get("kind", v -> choice("kind", v, Kind.class));
    Basis basis = f.get("basis", v -> choice("basis", v, Basis.class));
    Purpose purpose = f.get("purpose", v -> choice("purpose", v, Purpose.class));
    java.time.Instant bail = f.get("bail_posted_at", v -> v.isBlank() ? null : ChicagoTime.parseInstant("bail_posted_at", v));
    Disposition disposition = f.get("disposition", v -> v.isBlank() ? null : choice("disposition", v, Disposition.class));
    java.time.Instant dispositionAt = f.get("disposition_at",
        v -> v.isBlank() ? null : ChicagoTime.parseInstant("disposition_at", v));
    String transferredTo = f.get("transferred_to", v -> v);
    Document document = f.get("document", v -> v.isBlank() ? null : Document.ofCode(v.strip()).orElseThrow(
        () -> new InvalidInput("document", "document: \"" + ChicagoTime.clip(v.strip()) + "\" is not a document code (want "
            + Document.codes() + ")")));
    String court = f.get("court", v -> v);
    Subject subject = f.get("subject", RegisterCsv::subject);
    String reference = f.get("reference", v -> v);
    java.time.Instant oemc = f.get("oemc_notified_at",
        v -> v.isBlank() ? null : ChicagoTime.parseInstant("oemc_notified_at", v));
    if (!f.bad.isEmpty()) {
      problems.addAll(f.bad);
      return java.util.Optional.empty();
    }
    Received received = f.get("document", v -> new Received(new FederalRequest(null, when.day(), body, requester,
        kind, basis, purpose, subject), when, document, court, reference));
    RegisterOutcome outcome = f.get("disposition", v -> {
      RegisterOutcome o = new RegisterOutcome(bail, disposition, dispositionAt, transferredTo);
      o.checkAfter(when);
      return o;
    });
    if (!f.bad.isEmpty()) {
      problems.addAll(f.bad);
      return java.util.Optional.empty();
    }
    return java.util.Optional.of(new Row(line, received, outcome, oemc));
  }

  /** The outcome fields alone; the first bad one is thrown, naming its field. */
  static RegisterOutcome outcome(java.util.function.Function<String, String> values) {
    Fields f = new Fields(0, values);
    java.time.Instant bail = f.get("bail_posted_at", v -> v.isBlank() ? null : ChicagoTime.parseInstant("bail_posted_at", v));
    Disposition disposition = f.get("disposition", v -> v.isBlank() ? null : choice("disposition", v, Disposition.class));
    java.time.Instant at = f.get("disposition_at", v -> v.isBlank() ? null : ChicagoTime.parseInstant("disposition_at", v));
    String to = f.get("transferred_to", v -> v);
    if (!f.bad.isEmpty()) throw new InvalidInput(f.bad.get(0).field(), f.bad.get(0).message());
    return new RegisterOutcome(bail, disposition, at, to);
  }

  private static int headerSize(Map<String, Integer> columns) {
    return columns.values().stream().mapToInt(Integer::intValue).max().orElse(-1) + 1;
  }

  /** The fields of one record by column name; a field that fails to parse is kept as a problem. */
  private static final class Fields {
    final int line;
    final java.util.function.Function<String, String> values;
    final List<Problem> bad = new ArrayList<>();

    Fields(int line, java.util.function.Function<String, String> values) {
      this.line = line;
      this.values = values;
    }

    <T> T get(String column, java.util.function.Function<String, T> parse) {
      String raw = values.apply(column);
      try {
        return parse.apply(raw == null ? "" : org.sanctuary.policy.json.InputRules.text(column, raw));
      } catch (InvalidInput e) {
        bad.add(new Problem(line, e.field() == null ? column : e.field(), e.getMessage()));
        return null;
      } catch (org.sanctuary.policy.InputException e) {
        bad.add(new Problem(line, e.field(), e.getMessage()));
        return null;
      }
    }
  }

  private static String required(String field, String v) {
    if (v.isBlank()) throw new InvalidInput(field, field + ": empty (required)");
    return v;
  }

  private static String text(String field, String v) {
    String s = v.strip();
    if (s.length() > Received.MAX_TEXT) throw new InvalidInput(field, field + ": longer than " + Received.MAX_TEXT + " characters");
    return s;
  }

  private static <E extends Enum<E>> E choice(String field, String v, Class<E> type) {
    String s = required(field, v).strip();
    try {
      return Enum.valueOf(type, s);
    } catch (IllegalArgumentException e) {
      throw new InvalidInput(field, field + ": \"" + ChicagoTime.clip(s) + "\" is not valid (want one of "
          + String.join(", ", Arrays.stream(type.getEnumConstants()).map(Enum::name).toList()) + ")");
    }
  }

  /** {@code felonyConviction;gangDatabase}: the subject facts that are true, separated by ';'. */
  static Subject subject(String v) {
    if (v.isBlank()) return Subject.NONE;
    Map<String, Boolean> facts = new LinkedHashMap<>();
    for (String name : Subject.FIELDS) facts.put(name, false);
    for (String part : v.split(";")) {
      String p = part.strip();
      if (!facts.containsKey(p)) {
        throw new InvalidInput("subject", "subject: \"" + ChicagoTime.clip(p) + "\" is not a subject fact (want "
            + String.join(";", Subject.FIELDS) + ", any of them, separated by ';')");
      }
      facts.put(p, true);
    }
    List<Boolean> b = new ArrayList<>(facts.values());
    return new Subject(b.get(0), b.get(1), b.get(2), b.get(3));
  }
}
