package org.sanctuary.policy.engine;

import org.sanctuary.policy.*;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.representer.Representer;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.resolver.Resolver;
import org.yaml.snakeyaml.nodes.Tag;

/** Reads the tests files that sit beside the packs: request in, expected outcome and rules out. */
final class PackCases {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** One case: a request (as JSON) and what is expected of it. */
  record Case(String file, String name, JsonNode request, String outcome, List<String> rules,
      List<String> obligations, List<String> inForce) {
    @Override
    public String toString() {
      return file + ": " + name;
    }
  }

  private PackCases() {}

  /** Dates stay texts, as they are in request JSON. */
  private static final class NoTimestamps extends Resolver {
    @Override
    protected void addImplicitResolvers() {
      addImplicitResolver(Tag.BOOL, BOOL, "yYnNtTfFoO");
      addImplicitResolver(Tag.INT, INT, "-+0123456789");
      addImplicitResolver(Tag.NULL, NULL, "~nN\0");
      addImplicitResolver(Tag.NULL, EMPTY, null);
    }
  }

  @SuppressWarnings("unchecked")
  static List<Case> read(String resource) {
    String text;
    try (InputStream in = PackCases.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) throw new IllegalStateException("missing tests file " + resource);
      text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    Yaml yaml = new Yaml(new SafeConstructor(new LoaderOptions()), new Representer(new DumperOptions()),
        new DumperOptions(), new NoTimestamps());
    Map<String, Object> root = yaml.load(text);
    List<Case> out = new ArrayList<>();
    for (Map<String, Object> c : (List<Map<String, Object>>) root.get("cases")) {
      out.add(new Case(resource, (String) c.get("name"), JSON.valueToTree(c.get("request")),
          (String) c.get("outcome"), strings(c.get("rules")), strings(c.get("obligations")),
          strings(c.get("inForce"))));
    }
    return out;
  }

  static String pack(String resource) {
    return resource.substring(resource.lastIndexOf('/') + 1).replace(".tests.yaml", "");
  }

  @SuppressWarnings("unchecked")
  private static List<String> strings(Object o) {
    if (o == null) return null;
    if (o instanceof String s) return List.of(s);
    return List.copyOf((List<String>) o);
  }
}
