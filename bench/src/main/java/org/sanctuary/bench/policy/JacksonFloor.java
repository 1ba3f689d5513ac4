package org.sanctuary.bench.policy;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * The floor of {@code ./sanctuary decide} over a file of requests: Jackson alone reads every line
 * of the file into a tree and writes the very bytes decide prints to standard output, deciding
 * nothing. Each line's answer (the decision less its id and date) was worked out beforehand by
 * {@link ReplayRequests}; the id and the date are taken from the line's tree, as decide takes them.
 * Output goes through one 64 KiB buffer, one line separator after each decision.
 *
 * <pre>java -cp ... org.sanctuary.bench.policy.JacksonFloor DIR &gt; decisions.ndjson</pre>
 */
public final class JacksonFloor {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private JacksonFloor() {}

  public static void main(String[] args) throws IOException {
    try (OutputStream out = new BufferedOutputStream(new FileOutputStream(FileDescriptor.out), 1 << 16)) {
      write(Path.of(args[0]), out);
    }
  }

  /** Reads the requests in {@code dir} and writes their decisions' bytes to {@code out}. */
  static void write(Path dir, OutputStream out) throws IOException {
    JsonNode answers = MAPPER.readTree(dir.resolve(ReplayRequests.ANSWERS).toFile());
    String newline = System.lineSeparator();
    try (DataInputStream answerOfLine = new DataInputStream(
            new BufferedInputStream(Files.newInputStream(dir.resolve(ReplayRequests.ANSWER_OF_LINE)), 1 << 16));
        MappingIterator<JsonNode> lines = MAPPER.readerFor(JsonNode.class)
            .readValues(dir.resolve(ReplayRequests.REQUESTS).toFile());
        JsonGenerator g = MAPPER.getFactory().createGenerator(out)) {
      g.setRootValueSeparator(null);
      while (lines.hasNextValue()) {
        JsonNode request = lines.nextValue();
        JsonNode answer = answers.get(answerOfLine.readInt());
        g.writeStartObject();
        g.writeStringField("id", request.get("id").textValue());
        g.writeStringField("outcome", answer.get("outcome").textValue());
        g.writeStringField("asOf", request.get("received").textValue());
        for (Map.Entry<String, JsonNode> field : answer.properties()) {
          if (field.getKey().equals("outcome")) continue; // written above
          g.writeFieldName(field.getKey());
          copy(field.getValue(), g);
        }
        g.writeEndObject();
        g.writeRaw(newline);
      }
    }
  }

  /** Writes a tree value by value with the streaming generator. */
  private static void copy(JsonNode node, JsonGenerator g) throws IOException {
    switch (node.getNodeType()) {
      case OBJECT -> {
        g.writeStartObject();
        for (Map.Entry<String, JsonNode> field : node.properties()) {
          g.writeFieldName(field.getKey());
          copy(field.getValue(), g);
        }
        g.writeEndObject();
      }
      case ARRAY -> {
        g.writeStartArray();
        for (JsonNode item : node) copy(item, g);
        g.writeEndArray();
      }
      case STRING -> g.writeString(node.textValue());
      case NUMBER -> g.writeNumber(node.intValue());
      case NULL -> g.writeNull();
      case BOOLEAN -> g.writeBoolean(node.booleanValue());
      default -> throw new IllegalStateException("no such value in a decision: " + node);
    }
  }
}
