package org.sanctuary.register.web;

import io.javalin.http.ContentTooLargeResponse;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import io.javalin.http.UploadedFile;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.sanctuary.errors.InvalidInput;
import org.sanctuary.register.Register;
import org.sanctuary.staff.Role;
import org.sanctuary.staff.StaffPage;
import org.sanctuary.staff.StaffUser;
import org.sanctuary.staff.web.StaffAuth;
import org.sanctuary.web.Server;

/**
 * The CSV import of {@code ./sanctuary register import}, while the server runs: an upload on
 * {@code /staff/register/import} and {@code POST /api/v1/register/import} (the file as a
 * {@code text/csv} body). Either runs the very same all-or-nothing import through the server's own
 * ledger (one sequencer per database, so the command line cannot while the server holds it), and
 * answers a bad file with every bad line and field, nothing written. Records clerks and
 * administrators; the session's CSRF token as on every staff change. Files up to the server's
 * request limit; a larger one goes through the command line while the server is stopped.
 */
final class ImportUpload {
  static final String API = "/api/v1/register/import";
  static final String PAGE = "/staff/register/import";
  private static final Role[] IMPORTERS = StaffPage.REGISTER_IMPORT.rolesArray(); // the form's own rule

  private final Register register;
  private final StaffAuth auth;

  ImportUpload(Register register, StaffAuth auth) {
    this.register = register;
    this.auth = auth;
  }

  void form(Context ctx) {
    StaffUser user = auth.require(ctx, StaffPage.REGISTER_IMPORT);
    render(ctx, user, null, null, HttpStatus.OK);
  }

  void upload(Context ctx) {
    StaffUser user = auth.require(ctx, IMPORTERS);
    auth.checkCsrf(ctx);
    Register.ImportResult result;
    try {
      result = register.importCsv(text(uploaded(ctx)));
    } catch (InvalidInput e) {
      render(ctx, user, null, List.of(e.getMessage()), HttpStatus.BAD_REQUEST);
      return;
    }
    if (result instanceof Register.ImportProblems p) {
      render(ctx, user, null, p.lines(), HttpStatus.BAD_REQUEST);
    } else {
      render(ctx, user, (Register.Imported) result, null, HttpStatus.CREATED);
    }
  }

  void api(Context ctx) {
    auth.require(ctx, IMPORTERS);
    auth.checkCsrf(ctx);
    String type = ctx.contentType() == null ? "" : ctx.contentType().split(";", 2)[0].strip();
    if (!type.equalsIgnoreCase("text/csv")) {
      throw InvalidInput.of("Content-Type", type.isEmpty() ? null : type, "is not supported", "text/csv");
    }
    // bodyAsBytes answers 413 past the server's request limit
    Register.ImportResult result = register.importCsv(text(ctx.bodyAsBytes()));
    Map<String, Object> body = new LinkedHashMap<>();
    if (result instanceof Register.ImportProblems p) {
      body.put("error", "file: " + p.lines().size() + " problem(s); nothing was imported");
      body.put("field", "file");
      body.put("problems", p.lines());
      ctx.status(400).json(body);
      return;
    }
    Register.Imported done = (Register.Imported) result;
    body.put("imported", done.rows());
    body.put("firstIndex", done.rows() == 0 ? null : done.firstIndex());
    body.put("lastIndex", done.rows() == 0 ? null : done.lastIndex());
    ctx.status(201).json(body);
  }

  // the upload's bytes, bounded before the form is parsed (a form's parts have no limit of their own)
  private static byte[] uploaded(Context ctx) {
    long length = ctx.contentLength();
    if (length > Server.MAX_REQUEST_BYTES) throw new ContentTooLargeResponse();
    UploadedFile file = ctx.uploadedFile("file");
    if (file == null) throw InvalidInput.of("file", null, "is missing", "a CSV file");
    byte[] bytes;
    try (InputStream in = file.content()) {
      bytes = in.readNBytes((int) Server.MAX_REQUEST_BYTES + 1);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    if (bytes.length > Server.MAX_REQUEST_BYTES) throw new ContentTooLargeResponse();
    return bytes;
  }

  // strict UTF-8, as the command reads a file: another encoding is refused, not read as garbage
  private static java.util.function.Supplier<java.io.Reader> text(byte[] bytes) {
    String text;
    try {
      text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
    } catch (CharacterCodingException e) {
      throw new InvalidInput("file", "file: is not UTF-8 text (want a UTF-8 CSV file)");
    }
    return () -> new StringReader(text);
  }

  private void render(Context ctx, StaffUser user, Register.Imported imported, List<String> problems,
      HttpStatus status) {
    Map<String, Object> model = new LinkedHashMap<>();
    model.put("user", user);
    model.put("csrf", auth.csrfToken(ctx));
    model.put("imported", imported);
    model.put("problems", problems == null ? List.of() : problems);
    model.put("limit", Server.MAX_REQUEST_BYTES);
    ctx.status(status).render("staff/register/import.jte", model);
  }
}
