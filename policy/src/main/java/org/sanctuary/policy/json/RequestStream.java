package org.sanctuary.policy.json;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.sanctuary.policy.FederalRequest;
import org.sanctuary.policy.InputException;

/**
 * Reads one request (a JSON object), many (a JSON array), or one object per line. {@link #read}
 * reads and checks all of the input before anything is returned, so a bad item means no decision
 * at all; {@link #items} hands the items over one at a time, for inputs too large to hold.
 */
public final class RequestStream {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private RequestStream() {}

  /** The parsed requests, and whether the input was a single object (answered by a single object). */
  public record Batch(List<FederalRequest> requests, boolean single) {}

  public static Batch read(String text) {
    List<JsonNode> nodes = new ArrayList<>();
    boolean array;
    try (Items items = items(new StringReader(text))) {
      for (JsonNode n = items.next(); n != null; n = items.next()) nodes.add(n);
      array = items.array();
    } catch (UncheckedIOException e) {
      throw new InputException("body", "cannot read the input: " + e.getCause().getMessage());
    }
    List<FederalRequest> out = new ArrayList<>(nodes.size());
    for (int i = 0; i < nodes.size(); i++) {
      try {
        out.add(RequestJson.parse(nodes.get(i)));
      } catch (InputException e) {
        throw numbered(e, i + 1, nodes.size(), array);
      }
    }
    return new Batch(out, !array && out.size() == 1);
  }

  /**
   * A refusal of item {@code number} (from 1) of {@code count}, as {@link #read} words it: prefixed
   * with "request N: " unless the input was one lone object.
   */
  public static InputException numbered(InputException e, int number, int count, boolean array) {
    if (count == 1 && !array) return e;
    return new InputException(e.field(), "request " + number + ": " + e.getMessage());
  }

  /**
   * The items of {@code in}, one JSON tree at a time, read as {@link #read} reads them. The reader
   * stays open, also after its end: whoever opened it closes it.
   */
  public static Items items(Reader in) {
    try {
      return new Items(MAPPER.getFactory().createParser(in).disable(JsonParser.Feature.AUTO_CLOSE_SOURCE));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The items of one input in order. {@link #next} refuses malformed JSON (field {@code body}, with
   * its line and column) and throws {@link UncheckedIOException} when the input itself cannot be
   * read. The trees are not checked as requests: that is {@link RequestJson#parse}.
   */
  public static final class Items implements AutoCloseable {
    private final JsonParser parser;
    private boolean started;
    private boolean array;
    private boolean done;

    private Items(JsonParser parser) {
      this.parser = parser;
    }

    /** Whether the input is a JSON array (known once {@link #next} has been called). */
    public boolean array() {
      return array;
    }

    /** The next item, or null after the last. */
    public JsonNode next() {
      if (done) return null;
      try {
        if (!started) {
          started = true;
          JsonToken first = parser.nextToken();
          if (first == null) {
            throw new InputException("body", "no request given (want a JSON object, an array, or one object per line)");
          }
          array = first == JsonToken.START_ARRAY;
          if (!array) return MAPPER.readTree(parser);
        } else if (!array && parser.nextToken() == null) {
          done = true;
          return null;
        } else if (!array) {
          return MAPPER.readTree(parser);
        }
        if (parser.nextToken() == JsonToken.END_ARRAY) {
          done = true;
          if (parser.nextToken() != null) throw new InputException("body", "unexpected text after the JSON array");
          return null;
        }
        if (parser.currentToken() == null) throw new InputException("body", "the JSON array is not closed");
        return MAPPER.readTree(parser);
      } catch (JsonProcessingException e) {
        done = true;
        var loc = e.getLocation();
        throw new InputException("body", "malformed JSON" + (loc == null ? "" : " at line " + loc.getLineNr()
            + ", column " + loc.getColumnNr()) + ": " + e.getOriginalMessage());
      } catch (IOException e) {
        done = true;
        throw new UncheckedIOException(e);
      } catch (InputException e) {
        done = true;
        throw e;
      }
    }

    @Override
    public void close() {
      try {
        parser.close();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }
}
