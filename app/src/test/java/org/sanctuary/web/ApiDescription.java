package org.sanctuary.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.dialect.Dialects;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The OpenAPI document of the JSON API, read for tests: its operations, and JSON checked against
 * the schemas it gives (JSON Schema 2020-12 with the OpenAPI 3.1 vocabulary, formats asserted).
 */
public final class ApiDescription {
  /** Where the document says it lives; its own {@code $ref}s resolve against it. */
  static final String ID = "https://sanctuary.example/api/v1/openapi.json";
  private static final ObjectMapper JSON = new ObjectMapper();
  static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "options", "head", "patch", "trace");

  private final String text;
  private final JsonNode document;
  private final SchemaRegistry schemas;

  public ApiDescription(String text) {
    this.text = text;
    try {
      this.document = JSON.readTree(text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    this.schemas = SchemaRegistry.withDialect(Dialects.getOpenApi31(), builder -> builder
        .schemas(Map.of(ID, text))
        .schemaRegistryConfig(SchemaRegistryConfig.builder().formatAssertionsEnabled(true).build()));
  }

  /** The document as the application ships it. */
  public static ApiDescription shipped() {
    try (InputStream in = ApiDescription.class.getClassLoader().getResourceAsStream(ApiDescriptionRoutes.RESOURCE)) {
      return new ApiDescription(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public String text() {
    return text;
  }

  public JsonNode document() {
    return document;
  }

  /** Every operation, as {@code "GET /api/v1/decisions"}, in the route table's own spelling. */
  public Set<String> operations() {
    Set<String> out = new TreeSet<>();
    for (Iterator<Map.Entry<String, JsonNode>> paths = document.path("paths").fields(); paths.hasNext(); ) {
      Map.Entry<String, JsonNode> path = paths.next();
      for (Iterator<String> methods = path.getValue().fieldNames(); methods.hasNext(); ) {
        String method = methods.next();
        if (METHODS.contains(method)) out.add(method.toUpperCase(Locale.ROOT) + " " + path.getKey());
      }
    }
    return out;
  }

  /** A route of the table ({@code "GET /tlog/tile/<path>"}) as OpenAPI writes it ({@code {path}}). */
  public static String asOperation(String route) {
    return route.replace('<', '{').replace('>', '}');
  }

  /** The operation object of a route, if the document has it. */
  public Optional<JsonNode> operation(String route) {
    String[] methodAndPath = asOperation(route).split(" ", 2);
    JsonNode op = document.path("paths").path(methodAndPath[1]).path(methodAndPath[0].toLowerCase(Locale.ROOT));
    return op.isMissingNode() ? Optional.empty() : Optional.of(op);
  }

  /**
   * The problems of {@code body} against the schema documented for this route's answer of {@code
   * status} in {@code mediaType}: empty when it conforms; a line saying what is undocumented otherwise.
   */
  public List<String> checkAnswer(String route, int status, String mediaType, String body) {
    String op = asOperation(route);
    String[] methodAndPath = op.split(" ", 2);
    String base = "/paths/" + escape(methodAndPath[1]) + "/" + methodAndPath[0].toLowerCase(Locale.ROOT);
    JsonNode responses = document.at(base + "/responses");
    String code = Integer.toString(status);
    if (!responses.has(code)) {
      return List.of(op + ": answer " + status + " is not documented");
    }
    JsonNode response = resolve(responses.get(code));
    String pointer = responsePointer(base + "/responses/" + code, responses.get(code));
    if (!response.path("content").has(mediaType)) {
      return List.of(op + ": answer " + status + " in " + mediaType + " is not documented (documented: "
          + fieldNames(response.path("content")) + ")");
    }
    if (!response.path("content").path(mediaType).has("schema")) return List.of();
    String schema = pointer + "/content/" + escape(mediaType) + "/schema";
    if (!mediaType.contains("json")) {
      return check(schema, quote(body));
    }
    return check(schema, body).stream().map(p -> op + " " + status + ": " + p).toList();
  }

  /** The problems of the JSON {@code instance} against the schema at {@code pointer} in the document. */
  public List<String> check(String pointer, String instance) {
    Schema schema = schemas.getSchema(SchemaLocation.of(ID + "#" + pointer.replace("{", "%7B").replace("}", "%7D")));
    List<String> problems = new ArrayList<>();
    schema.validate(instance, InputFormat.JSON).forEach(e -> problems.add(e.toString()));
    return problems;
  }

  /** A JSON Pointer token for a key ({@code /} and {@code ~} escaped). */
  public static String escape(String key) {
    return key.replace("~", "~0").replace("/", "~1");
  }

  // a response given by $ref is checked where it is defined
  private String responsePointer(String here, JsonNode response) {
    JsonNode ref = response.get("$ref");
    return ref == null ? here : ref.asText().substring(1);
  }

  public JsonNode resolve(JsonNode node) {
    JsonNode ref = node.get("$ref");
    return ref == null ? node : document.at(ref.asText().substring(1));
  }

  private static String fieldNames(JsonNode node) {
    List<String> names = new ArrayList<>();
    node.fieldNames().forEachRemaining(names::add);
    return String.join(", ", names);
  }

  private static String quote(String text) {
    try {
      return JSON.writeValueAsString(text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
