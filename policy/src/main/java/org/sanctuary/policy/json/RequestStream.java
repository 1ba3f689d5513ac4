package org.sanctuary.policy.json;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.sanctuary.policy.FederalRequest;
import org.sanctuary.policy.InputException;

/**
 * Reads one request (a JSON object), many (a JSON array), or one object per line. All of the input
 * is read and checked before anything is returned, so a bad item means no decision at all.
 */
public final class RequestStream {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private RequestStream() {}

  /** The parsed requests, and whether the input was a single object (answered by a single object). */
  public record Batch(List<FederalRequest> requests, boolean single) {}

  public static Batch read(String text) {
    List<JsonNode> nodes = new ArrayList<>();
    boolean array = false;
    try (JsonParser p = MAPPER.getFactory().createParser(text)) {
      JsonToken first = p.nextToken();
      if (first == null) throw new InputException("body", "no request given (want a JSON object, an array, or one object per line)");
      if (first == JsonToken.START_ARRAY) {
        array = true;
        while (p.nextToken() != JsonToken.END_ARRAY) {
          if (p.currentToken() == null) throw new InputException("body", "the JSON array is not closed");
          nodes.add(MAPPER.readTree(p));
        }
        if (p.nextToken() != null) throw new InputException("body", "unexpected text after the JSON array");
      } else {
        do {
          nodes.add(MAPPER.readTree(p));
        } while (p.nextToken() != null);
      }
    } catch (JsonProcessingException e) {
      var loc = e.getLocation();
      throw new InputException("body", "malformed JSON" + (loc == null ? "" : " at line " + loc.getLineNr()
          + ", column " + loc.getColumnNr()) + ": " + e.getOriginalMessage());
    } catch (IOException e) {
      throw new InputException("body", "cannot read the input: " + e.getMessage());
    }
    List<FederalRequest> out = new ArrayList<>(nodes.size());
    for (int i = 0; i < nodes.size(); i++) {
      try {
        out.add(RequestJson.parse(nodes.get(i)));
      } catch (InputException e) {
        if (nodes.size() == 1 && !array) throw e;
        throw new InputException(e.field(), "request " + (i + 1) + ": " + e.getMessage());
      }
    }
    return new Batch(out, !array && out.size() == 1);
  }
}
