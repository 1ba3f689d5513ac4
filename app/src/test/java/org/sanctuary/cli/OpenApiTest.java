package org.sanctuary.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.sanctuary.staff.Role;
import org.sanctuary.staff.StaffTestClient;
import org.sanctuary.web.ApiDescription;

/**
 * The OpenAPI 3.1 description served at {@code /api/v1/openapi.json}: it names every API route of
 * the running server (so a route added without a description fails here, naming it), it is valid
 * OpenAPI, every example in it conforms to its schema, and the server's real answers conform to the
 * schemas it documents for them.
 */
class OpenApiTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String DOCUMENT = "app/src/main/resources/api/openapi.json";
  /** Machine endpoints outside /api/ and /tlog/ that the description covers too. */
  private static final Set<String> OTHER_MACHINE_ROUTES = Set.of("GET /healthz", "GET /metrics", "GET /reports/{year}");

  private static FullApp app;
  private static ApiDescription api;

  @BeforeAll
  static void start() {
    app = new FullApp();
    api = ApiDescription.shipped();
  }

  @AfterAll
  static void stop() {
    app.close();
  }

  static boolean describedRoute(String route) {
    String path = route.split(" ", 2)[1];
    return path.startsWith("/api/") || path.startsWith("/tlog/") || OTHER_MACHINE_ROUTES.contains(route);
  }

  @Test
  void everyApiRoute_isDescribed_andNothingElse() {
    Set<String> routes = new TreeSet<>();
    for (String route : app.server.routes()) {
      if (describedRoute(route)) routes.add(ApiDescription.asOperation(route));
    }
    assertThat(routes).as("API routes in the route table").hasSizeGreaterThan(30);
    Set<String> missing = new TreeSet<>(routes);
    missing.removeAll(api.operations());
    assertThat(missing)
        .as("API routes of the server that " + DOCUMENT + " does not describe: add each, with its"
            + " parameters, request body, answers and an example")
        .isEmpty();
    Set<String> stale = new TreeSet<>(api.operations());
    stale.removeAll(routes);
    assertThat(stale).as("operations in " + DOCUMENT + " that the server no longer has").isEmpty();
  }

  @Test
  void document_isValidOpenApi31() {
    ParseOptions options = new ParseOptions();
    options.setResolve(true);
    SwaggerParseResult parsed = new OpenAPIV3Parser().readContents(api.text(), null, options);
    assertThat(parsed.getMessages()).as("what the OpenAPI parser found wrong").isEmpty();
    assertThat(parsed.getOpenAPI()).isNotNull();
    assertThat(parsed.getOpenAPI().getOpenapi()).startsWith("3.1.");
    assertThat(parsed.getOpenAPI().getPaths()).isNotEmpty();

    // what the parser leaves unchecked: ids, summaries, answers, path parameters, references
    Set<String> ids = new HashSet<>();
    List<String> problems = new ArrayList<>();
    forEachOperation((name, op, pathItem) -> {
      String id = op.path("operationId").asText("");
      if (id.isEmpty() || !ids.add(id)) problems.add(name + ": operationId missing or used twice: " + id);
      if (op.path("summary").asText("").isBlank()) problems.add(name + ": no summary");
      if (!op.path("responses").isObject() || op.path("responses").isEmpty()) problems.add(name + ": no responses");
      Set<String> declared = new HashSet<>();
      for (JsonNode list : List.of(pathItem.path("parameters"), op.path("parameters"))) {
        for (JsonNode p : list) {
          JsonNode param = api.resolve(p);
          if (param.path("in").asText().equals("path")) declared.add(param.path("name").asText());
        }
      }
      Matcher m = Pattern.compile("\\{([^}]+)}").matcher(name);
      while (m.find()) {
        if (!declared.contains(m.group(1))) problems.add(name + ": path parameter " + m.group(1) + " not declared");
      }
    });
    collectRefs(api.document(), "", problems);
    assertThat(problems).isEmpty();
  }

  @Test
  void everyExample_conformsToItsSchema() {
    List<String> problems = new ArrayList<>();
    int[] checked = {0};
    walk(api.document(), "", (pointer, node) -> {
      if (!node.has("schema")) return;
      String schema = pointer + "/schema";
      if (node.has("example")) {
        checked[0]++;
        api.check(schema, node.get("example").toString()).forEach(p -> problems.add(pointer + "/example: " + p));
      }
      for (Iterator<Map.Entry<String, JsonNode>> it = node.path("examples").fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        JsonNode example = api.resolve(e.getValue());
        if (!example.has("value")) continue;
        checked[0]++;
        // a text example (text/plain, text/csv) is a JSON string, checked against a string schema
        api.check(schema, example.get("value").toString())
            .forEach(p -> problems.add(pointer + "/examples/" + e.getKey() + ": " + p));
      }
    });
    assertThat(checked[0]).as("examples checked").isGreaterThan(40);
    assertThat(problems).isEmpty();
  }

  @Test
  void eachOperation_hasAnExampleOfItsSuccessfulAnswer() {
    List<String> without = new ArrayList<>();
    forEachOperation((name, op, pathItem) -> {
      boolean found = false;
      for (Iterator<Map.Entry<String, JsonNode>> it = op.path("responses").fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> r = it.next();
        if (!r.getKey().startsWith("2")) continue;
        for (JsonNode media : api.resolve(r.getValue()).path("content")) {
          found |= media.has("example") || media.has("examples") || media.path("schema").path("format").asText()
              .equals("binary");
        }
      }
      if (!found) without.add(name);
    });
    assertThat(without).as("operations without an example of a successful answer").isEmpty();
  }

  @Test
  void servedDocument_isTheShippedOne_asJson() throws Exception {
    HttpResponse<String> r = app.server.get("/api/v1/openapi.json");
    assertThat(r.statusCode()).isEqualTo(200);
    String type = r.headers().firstValue("Content-Type").orElse("").replace(" ", "").toLowerCase();
    assertThat(type).isEqualTo("application/json;charset=utf-8");
    assertThat(JSON.readTree(r.body())).isEqualTo(api.document());
  }

  @Test
  void realAnswers_conformToTheDocumentedSchemas() throws Exception {
    Exchanges x = new Exchanges(app, api);
    x.exercise();
    assertThat(x.checked()).as("answers checked").isGreaterThan(40);
    assertThat(x.problems()).isEmpty();
    assertThat(x.operationsSeen()).as("operations whose real answers were checked").hasSizeGreaterThan(30);
  }

  // ---- walking the document ----

  interface OperationVisitor {
    void visit(String name, JsonNode operation, JsonNode pathItem);
  }

  private static void forEachOperation(OperationVisitor visitor) {
    for (Iterator<Map.Entry<String, JsonNode>> paths = api.document().path("paths").fields(); paths.hasNext(); ) {
      Map.Entry<String, JsonNode> path = paths.next();
      for (Iterator<Map.Entry<String, JsonNode>> ops = path.getValue().fields(); ops.hasNext(); ) {
        Map.Entry<String, JsonNode> op = ops.next();
        if (Set.of("get", "post", "put", "delete", "patch").contains(op.getKey())) {
          visitor.visit(op.getKey().toUpperCase() + " " + path.getKey(), op.getValue(), path.getValue());
        }
      }
    }
  }

  interface NodeVisitor {
    void visit(String pointer, JsonNode node);
  }

  private static void walk(JsonNode node, String pointer, NodeVisitor visitor) {
    if (node.isObject()) {
      visitor.visit(pointer, node);
      for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        walk(e.getValue(), pointer + "/" + ApiDescription.escape(e.getKey()), visitor);
      }
    } else if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) walk(node.get(i), pointer + "/" + i, visitor);
    }
  }

  // every $ref points at something in the document
  private static void collectRefs(JsonNode node, String pointer, List<String> problems) {
    walk(node, pointer, (at, n) -> {
      JsonNode ref = n.get("$ref");
      if (ref != null && ref.isTextual()) {
        String target = ref.asText();
        if (!target.startsWith("#/") || api.document().at(target.substring(1)).isMissingNode()) {
          problems.add(at + ": $ref " + target + " points at nothing");
        }
      }
    });
  }

}
