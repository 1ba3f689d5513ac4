package org.sanctuary.policy.yaml;

import java.io.StringReader;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Reads one YAML data file as a tree of nodes that keep their line numbers, and collects every
 * authoring error instead of stopping at the first. Typed getters record an error and return an
 * empty value, so a reader can go on and report the rest of the file.
 */
public final class YamlFile {
  private final String name;
  private final List<SourceError> errors;

  public YamlFile(String name, List<SourceError> errors) {
    this.name = name;
    this.errors = errors;
  }

  public String name() {
    return name;
  }

  /** The list errors are collected in, for readers that report errors of their own kind. */
  public List<SourceError> errorsView() {
    return errors;
  }

  /** Parses the text; a syntax error is recorded and yields an empty result. */
  public Optional<MappingNode> parse(String text) {
    try {
      LoaderOptions options = new LoaderOptions();
      options.setAllowDuplicateKeys(false);
      options.setMaxAliasesForCollections(10);
      Node root = new Yaml(options).compose(new StringReader(text));
      if (root instanceof MappingNode m) {
        return Optional.of(m);
      }
      errors.add(new SourceError(name, 1, 1, "the file must be a mapping of keys to values"));
    } catch (MarkedYAMLException e) {
      var mark = e.getProblemMark();
      errors.add(new SourceError(name, mark == null ? 1 : mark.getLine() + 1,
          mark == null ? 1 : mark.getColumn() + 1, "not valid YAML: " + e.getProblem()));
    } catch (RuntimeException e) {
      errors.add(new SourceError(name, 1, 1, "not valid YAML: " + e.getMessage()));
    }
    return Optional.empty();
  }

  public void error(Node at, String message) {
    errors.add(new SourceError(name, line(at), at == null ? 1 : at.getStartMark().getColumn() + 1, message));
  }

  public static int line(Node n) {
    return n == null ? 1 : n.getStartMark().getLine() + 1;
  }

  /** The keys of a mapping, in order; reports keys that are not allowed, and duplicate keys. */
  public Map<String, Node> fields(Node node, String what, Set<String> allowed) {
    Map<String, Node> out = new LinkedHashMap<>();
    if (!(node instanceof MappingNode m)) {
      error(node, what + " must be a mapping");
      return out;
    }
    for (NodeTuple t : m.getValue()) {
      if (!(t.getKeyNode() instanceof ScalarNode k)) {
        error(t.getKeyNode(), what + ": keys must be plain words");
        continue;
      }
      if (!allowed.contains(k.getValue())) {
        error(k, what + ": unknown key '" + k.getValue() + "' (want one of " + String.join(", ", allowed) + ")");
        continue;
      }
      out.put(k.getValue(), t.getValueNode());
    }
    return out;
  }

  public String string(Map<String, Node> fields, String key, Node owner, boolean required) {
    Node n = fields.get(key);
    if (n == null) {
      if (required) error(owner, "missing '" + key + "'");
      return null;
    }
    if (!(n instanceof ScalarNode s) || s.getValue().isBlank()) {
      error(n, "'" + key + "' must be a non-empty text");
      return null;
    }
    return s.getValue().strip();
  }

  public Boolean bool(Map<String, Node> fields, String key, boolean dflt) {
    Node n = fields.get(key);
    if (n == null) return dflt;
    if (n instanceof ScalarNode s && (s.getValue().equals("true") || s.getValue().equals("false"))) {
      return Boolean.valueOf(s.getValue());
    }
    error(n, "'" + key + "' must be true or false");
    return dflt;
  }

  public Integer integer(Map<String, Node> fields, String key) {
    Node n = fields.get(key);
    if (n == null) return null;
    if (n instanceof ScalarNode s) {
      try {
        int v = Integer.parseInt(s.getValue());
        if (v >= 0) return v;
      } catch (NumberFormatException ignored) {
        // reported below
      }
    }
    error(n, "'" + key + "' must be a whole number, 0 or more");
    return null;
  }

  public LocalDate date(Map<String, Node> fields, String key, Node owner, boolean required) {
    String s = string(fields, key, owner, required);
    if (s == null) return null;
    try {
      return LocalDate.parse(s);
    } catch (DateTimeParseException e) {
      error(fields.get(key), "'" + key + "': \"" + s + "\" is not a date (want YYYY-MM-DD)");
      return null;
    }
  }

  /** A list of texts; a single text is accepted as a list of one. */
  public List<String> strings(Map<String, Node> fields, String key) {
    Node n = fields.get(key);
    List<String> out = new ArrayList<>();
    if (n == null) return out;
    if (n instanceof ScalarNode s && !s.getValue().isBlank()) {
      out.add(s.getValue().strip());
      return out;
    }
    if (!(n instanceof SequenceNode seq)) {
      error(n, "'" + key + "' must be a list of texts");
      return out;
    }
    for (Node item : seq.getValue()) {
      if (item instanceof ScalarNode s && !s.getValue().isBlank()) {
        out.add(s.getValue().strip());
      } else {
        error(item, "'" + key + "' items must be non-empty texts");
      }
    }
    return out;
  }

  public List<Node> list(Map<String, Node> fields, String key, Node owner, boolean required) {
    Node n = fields.get(key);
    if (n == null) {
      if (required) error(owner, "missing '" + key + "'");
      return List.of();
    }
    if (!(n instanceof SequenceNode seq)) {
      error(n, "'" + key + "' must be a list");
      return List.of();
    }
    return seq.getValue();
  }
}
