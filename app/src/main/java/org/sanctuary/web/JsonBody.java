package org.sanctuary.web;

import io.javalin.http.Context;
import io.javalin.http.UnsupportedMediaTypeResponse;
import java.util.Locale;
import java.util.Map;

/** Reads a JSON request body, refusing other media types. */
public final class JsonBody {
  private JsonBody() {}

  /**
   * The body as {@code type}. A body that is not {@code application/json} is answered 415, one over
   * the size limit 413, malformed JSON or a bad field 400 naming {@code body} or the field.
   */
  public static <T> T read(Context ctx, Class<T> type) {
    String contentType = ctx.contentType();
    if (!isJson(contentType)) {
      throw new UnsupportedMediaTypeResponse(
          "Content-Type: "
              + (contentType == null ? "nothing" : "\"" + contentType + "\"")
              + " is not supported (want application/json)",
          Map.of("field", "Content-Type"));
    }
    return ctx.bodyAsClass(type);
  }

  static boolean isJson(String contentType) {
    if (contentType == null) {
      return false;
    }
    String mediaType = contentType.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
    return mediaType.equals("application/json") || mediaType.endsWith("+json");
  }
}
