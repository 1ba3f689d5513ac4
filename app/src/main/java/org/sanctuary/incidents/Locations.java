package org.sanctuary.incidents;

import org.sanctuary.incidents.model.DataFiles;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where a report says it happened: one of Chicago's 77 community areas ({@code CA01}..{@code CA77})
 * or 22 police districts ({@code PD001}..{@code PD025}), from {@code incidents/locations.tsv}.
 * Never an address: an area is enough to investigate and does not point at anyone's home.
 */
public final class Locations {
  /** A place a reporter can choose. */
  public record Place(String code, String name) {
    public boolean isDistrict() {
      return code.startsWith("PD");
    }

    /** The district number without leading zeros, for labels. */
    public int number() {
      return Integer.parseInt(code.substring(2));
    }
  }

  private static final Map<String, Place> PLACES = load();

  private Locations() {}

  private static Map<String, Place> load() {
    Map<String, Place> out = new LinkedHashMap<>();
    for (String[] row : DataFiles.rows("locations.tsv")) out.put(row[0], new Place(row[0], row[1]));
    return out;
  }

  public static boolean isKnown(String code) {
    return PLACES.containsKey(code);
  }

  /** The place a code names, if any. */
  public static java.util.Optional<Place> place(String code) {
    return java.util.Optional.ofNullable(code == null ? null : PLACES.get(code));
  }

  public static List<Place> communityAreas() {
    return PLACES.values().stream().filter(p -> !p.isDistrict()).toList();
  }

  public static List<Place> policeDistricts() {
    return PLACES.values().stream().filter(Place::isDistrict).toList();
  }
}
