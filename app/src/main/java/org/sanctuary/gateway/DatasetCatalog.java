package org.sanctuary.gateway;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.sanctuary.policy.json.ForbiddenFields;
import org.sanctuary.policy.yaml.SourceError;
import org.sanctuary.policy.yaml.SourceException;
import org.sanctuary.policy.yaml.YamlFile;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;

/**
 * The declared datasets, read from a YAML file and checked once at start-up; every error in the
 * file is reported at once with its line. Immutable afterwards.
 */
public final class DatasetCatalog {
  static final String BUILT_IN = "gateway/datasets.yaml";
  private static final Set<String> FILE_KEYS = Set.of("datasets");
  private static final Set<String> DATASET_KEYS =
      Set.of("id", "title", "rowLimit", "parameters", "sql", "returns", "neverLeave", "marked");
  private static final Set<String> PARAM_KEYS = Set.of("name", "type", "min", "max", "maxLength", "pattern");
  private static final Pattern ID = Pattern.compile("[a-z][a-z0-9-]{0,62}");
  private static final Pattern COLUMN = Pattern.compile("[a-z][a-z0-9_]{0,62}");
  private static final Pattern NAMED = Pattern.compile("(?<![:\\w]):([A-Za-z][A-Za-z0-9_]*)");
  private static final int MAX_ROW_LIMIT = 1000;

  private final String fileName;
  private final Map<String, Dataset> byId;

  private DatasetCatalog(String fileName, Map<String, Dataset> byId) {
    this.fileName = fileName;
    this.byId = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(byId));
  }

  /** The datasets shipped with Sanctuary (the synthetic demo records). */
  public static DatasetCatalog builtIn() {
    try (InputStream in = DatasetCatalog.class.getResourceAsStream("/" + BUILT_IN)) {
      if (in == null) throw new IllegalStateException(BUILT_IN + " is missing from the classpath");
      return parse(BUILT_IN, new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new IllegalStateException("cannot read " + BUILT_IN, e);
    }
  }

  /** Reads a datasets file; throws {@link SourceException} listing every error with its line. */
  public static DatasetCatalog parse(String fileName, String text) {
    List<SourceError> errors = new ArrayList<>();
    YamlFile file = new YamlFile(fileName, errors);
    Map<String, Dataset> byId = new LinkedHashMap<>();
    Optional<MappingNode> root = file.parse(text);
    if (root.isPresent()) {
      Map<String, Node> top = file.fields(root.get(), "file", FILE_KEYS);
      for (Node n : file.list(top, "datasets", root.get(), true)) {
        Dataset d = dataset(file, n);
        if (d == null) continue;
        if (byId.putIfAbsent(d.id(), d) != null) file.error(n, "dataset '" + d.id() + "' is declared twice");
      }
    }
    if (!errors.isEmpty()) throw new SourceException(errors);
    return new DatasetCatalog(fileName, byId);
  }

  private static Dataset dataset(YamlFile file, Node node) {
    int before = file.errorsView().size();
    Map<String, Node> f = file.fields(node, "dataset", DATASET_KEYS);
    String id = file.string(f, "id", node, true);
    if (id != null && !ID.matcher(id).matches()) {
      file.error(f.get("id"), "id '" + id + "' must be lower-case letters, digits and '-'");
    }
    String title = file.string(f, "title", node, true);
    Integer rowLimit = file.integer(f, "rowLimit");
    if (rowLimit == null || rowLimit < 1 || rowLimit > MAX_ROW_LIMIT) {
      file.error(f.getOrDefault("rowLimit", node), "'rowLimit' must be 1 to " + MAX_ROW_LIMIT);
    }
    Map<String, Parameter> params = new LinkedHashMap<>();
    for (Node p : file.list(f, "parameters", node, true)) {
      Parameter param = parameter(file, p);
      if (param != null && params.putIfAbsent(param.name(), param) != null) {
        file.error(p, "parameter '" + param.name() + "' is declared twice");
      }
    }
    List<String> returns = file.strings(f, "returns");
    if (returns.isEmpty()) file.error(f.getOrDefault("returns", node), "'returns' must list the columns");
    Set<String> returned = new LinkedHashSet<>();
    for (String c : returns) {
      if (!COLUMN.matcher(c).matches()) file.error(f.get("returns"), "returns: '" + c + "' is not a column name");
      // the guard: a dataset that would hand out status, citizenship or birthplace is not declared
      if (ForbiddenFields.isForbidden(c)) {
        file.error(f.get("returns"), "returns: '" + c + "' is a forbidden field; " + ForbiddenFields.MESSAGE);
      }
      if (!returned.add(c)) file.error(f.get("returns"), "returns: '" + c + "' is listed twice");
    }
    List<String> neverLeave = file.strings(f, "neverLeave");
    List<String> marked = file.strings(f, "marked");
    for (String c : neverLeave) {
      if (!returned.contains(c)) file.error(f.get("neverLeave"), "neverLeave: '" + c + "' is not in 'returns'");
    }
    for (String c : marked) {
      if (!returned.contains(c)) file.error(f.get("marked"), "marked: '" + c + "' is not in 'returns'");
      if (neverLeave.contains(c)) file.error(f.get("marked"), "marked: '" + c + "' is also in 'neverLeave'");
    }
    String sql = file.string(f, "sql", node, true);
    List<String> bindOrder = new ArrayList<>();
    String jdbcSql = null;
    if (sql != null) {
      String head = sql.stripLeading().toLowerCase(Locale.ROOT);
      if (!(head.startsWith("select") || head.startsWith("with")) || sql.contains(";")) {
        file.error(f.get("sql"), "sql must be one SELECT statement, without ';'");
      }
      Matcher m = NAMED.matcher(sql);
      StringBuilder out = new StringBuilder();
      while (m.find()) {
        bindOrder.add(m.group(1));
        m.appendReplacement(out, "?");
      }
      m.appendTail(out);
      jdbcSql = out.toString();
      for (String used : new LinkedHashSet<>(bindOrder)) {
        if (!params.containsKey(used)) file.error(f.get("sql"), "sql uses :" + used + ", which is not a declared parameter");
      }
      for (String declared : params.keySet()) {
        if (!bindOrder.contains(declared)) file.error(f.get("parameters"), "parameter '" + declared + "' is not used in sql");
      }
    }
    if (file.errorsView().size() > before) return null;
    return new Dataset(id, title, jdbcSql, bindOrder, params, returns, Set.copyOf(neverLeave), Set.copyOf(marked), rowLimit);
  }

  private static Parameter parameter(YamlFile file, Node node) {
    int before = file.errorsView().size();
    Map<String, Node> f = file.fields(node, "parameter", PARAM_KEYS);
    String name = file.string(f, "name", node, true);
    if (name != null && ForbiddenFields.isForbidden(name)) {
      file.error(f.get("name"), "parameter '" + name + "' is a forbidden field; " + ForbiddenFields.MESSAGE);
    }
    String typeName = file.string(f, "type", node, true);
    Parameter.Type type = null;
    if (typeName != null) {
      try {
        type = Parameter.Type.valueOf(typeName.toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        file.error(f.get("type"), "type '" + typeName + "' is unknown (want text, integer or date)");
      }
    }
    Long min = null;
    Long max = null;
    LocalDate minDate = null;
    LocalDate maxDate = null;
    int maxLength = 0;
    Pattern pattern = null;
    if (type == Parameter.Type.TEXT) {
      Integer len = file.integer(f, "maxLength");
      if (len == null || len < 1 || len > 1000) file.error(f.getOrDefault("maxLength", node), "a text parameter needs 'maxLength' from 1 to 1000");
      else maxLength = len;
      if (f.containsKey("min") || f.containsKey("max")) file.error(node, "a text parameter takes 'maxLength', not 'min'/'max'");
      String re = file.string(f, "pattern", node, false);
      if (re != null) {
        try {
          pattern = Pattern.compile(re);
        } catch (java.util.regex.PatternSyntaxException e) {
          file.error(f.get("pattern"), "'pattern' is not a regular expression: " + e.getDescription());
        }
      }
    } else if (type == Parameter.Type.INTEGER) {
      min = whole(file, f, "min", node);
      max = whole(file, f, "max", node);
    } else if (type == Parameter.Type.DATE) {
      minDate = file.date(f, "min", node, true);
      maxDate = file.date(f, "max", node, true);
    }
    if (type != null && type != Parameter.Type.TEXT && (f.containsKey("maxLength") || f.containsKey("pattern"))) {
      file.error(node, "'maxLength' and 'pattern' are for text parameters");
    }
    if (file.errorsView().size() > before) return null;
    return new Parameter(name, type, min, max, minDate, maxDate, maxLength, pattern);
  }

  private static Long whole(YamlFile file, Map<String, Node> f, String key, Node owner) {
    String s = file.string(f, key, owner, true);
    if (s == null) return null;
    try {
      return Long.parseLong(s);
    } catch (NumberFormatException e) {
      file.error(f.get(key), "'" + key + "': \"" + s + "\" is not a whole number");
      return null;
    }
  }

  /**
   * Checks every dataset against its live source: the query's columns must be exactly those
   * declared, and none may be a forbidden field. Run once at start-up; the server does not start
   * otherwise.
   */
  public void checkAgainst(DataSource source) {
    List<SourceError> errors = new ArrayList<>();
    try (Connection c = source.getConnection()) {
      for (Dataset d : byId.values()) {
        List<String> actual = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(d.jdbcSql())) {
          ResultSetMetaData md = ps.getMetaData();
          for (int i = 1; i <= md.getColumnCount(); i++) actual.add(md.getColumnLabel(i));
        } catch (SQLException e) {
          errors.add(new SourceError(fileName, 1, 1, "dataset " + d.id() + ": the source refuses its query: " + e.getMessage()));
          continue;
        }
        for (String col : actual) {
          if (ForbiddenFields.isForbidden(col)) {
            errors.add(new SourceError(fileName, 1, 1, "dataset " + d.id() + ": the query returns '" + col + "'; " + ForbiddenFields.MESSAGE));
          }
        }
        if (!actual.equals(d.returns())) {
          errors.add(new SourceError(fileName, 1, 1, "dataset " + d.id() + ": the query returns " + actual + " but 'returns' declares " + d.returns()));
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException("cannot check the datasets against their source: " + e.getMessage(), e);
    }
    if (!errors.isEmpty()) throw new SourceException(errors);
  }

  Optional<Dataset> find(String id) {
    return Optional.ofNullable(byId.get(id));
  }

  public Collection<Dataset> all() {
    return byId.values();
  }

  public Set<String> ids() {
    return byId.keySet();
  }
}
