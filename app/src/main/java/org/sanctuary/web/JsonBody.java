package org.sanctuary.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;
import io.javalin.http.UnsupportedMediaTypeResponse;
import java.util.Locale;
import java.util.Map;
import org.sanctuary.policy.json.InputRules;

/**
 * Reads a JSON request body, refusing other media types. Every name and text in it passes {@link
 * InputRules} before any part sees it.
 */
public final class JsonBody {
  private static final ObjectMapper MAPPER = Json.newMapper();

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
    JsonNode tree = ctx.bodyAsClass(JsonNode.class);
    InputRules.checkTree(tree);
    if (type == JsonNode.class) {
      return type.cast(tree);
    }
    try {
      return MAPPER.treeToValue(tree, type);
    } catch (JsonProcessingException e) {
      throw ErrorResponses.fromJson(e);
    }
  }

  static boolean isJson(String contentType) {
    if (contentType == null) {
      return false;
    }
    String mediaType = contentType.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
    return mediaType.equals("application/json") || mediaType.endsWith("+json");
  }
}
