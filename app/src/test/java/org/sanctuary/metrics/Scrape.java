package org.sanctuary.metrics;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;

/** A Prometheus text exposition, read back: the value of a series named with some of its labels. */
public record Scrape(String text) {
  /**
   * The sum of the series called {@code name} whose labels include {@code labels} (name, value,
   * ...); empty when there is no such series.
   */
  public OptionalDouble value(String name, String... labels) {
    List<String> wanted = new ArrayList<>();
    for (int i = 0; i < labels.length; i += 2) {
      wanted.add(labels[i] + "=\"" + labels[i + 1] + "\"");
    }
    double sum = 0;
    boolean found = false;
    for (String line : text.split("\n")) {
      if (line.startsWith("#") || line.isBlank()) continue;
      int brace = line.indexOf('{');
      int space = line.lastIndexOf(' ');
      String series = brace < 0 ? line.substring(0, space) : line.substring(0, brace);
      if (!series.equals(name)) continue;
      String labelText = brace < 0 ? "" : line.substring(brace + 1, line.lastIndexOf('}'));
      if (wanted.stream().allMatch(w -> labelText.contains(w))) {
        sum += Double.parseDouble(line.substring(space + 1));
        found = true;
      }
    }
    return found ? OptionalDouble.of(sum) : OptionalDouble.empty();
  }

  /** The value, or 0 when the series is not there yet. */
  public double count(String name, String... labels) {
    return value(name, labels).orElse(0);
  }

  /** Every label value of the scrape, for checks that nothing personal is in it. */
  public List<Map.Entry<String, String>> labels() {
    List<Map.Entry<String, String>> out = new ArrayList<>();
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("(\\w+)=\"((?:[^\"\\\\]|\\\\.)*)\"").matcher(text);
    while (m.find()) out.add(Map.entry(m.group(1), m.group(2)));
    return out;
  }
}
