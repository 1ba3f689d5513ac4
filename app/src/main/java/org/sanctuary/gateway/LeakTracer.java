package org.sanctuary.gateway;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.sanctuary.errors.InvalidInput;

/**
 * Traces leaked text back through the gateway: every record reference (mark) in it is looked up
 * among the marks given out, naming the partner it was given to, the record, the look-up that first
 * gave it and the partner's keys that were live then. Nothing pasted is stored or logged.
 */
public final class LeakTracer {
  /** Pasted text longer than this is refused: a leaked row or file excerpt is far shorter. */
  public static final int MAX_TEXT = 100_000;
  /** At most this many distinct references are traced from one paste. */
  public static final int MAX_MARKS = 200;

  // r + 24 hex digits, not part of a longer word or number (a leaked copy may be upper-cased)
  private static final Pattern MARK = Pattern.compile("(?<![0-9A-Za-z])[rR][0-9a-fA-F]{24}(?![0-9A-Za-z])");

  private final GatewayStore store;

  LeakTracer(GatewayStore store) {
    this.store = store;
  }

  /** One reference found in the text and given out by the gateway. */
  public record Found(String mark, long partnerId, String partnerName, String agencyId, String dataset, String field, String recordKey,
      Instant firstGiven, List<GatewayStore.Access> firstLookups, List<GatewayStore.KeyInfo> keysLive) {
    public Found {
      firstLookups = List.copyOf(firstLookups);
      keysLive = List.copyOf(keysLive);
    }
  }

  /**
   * What a paste traced to: the references given out, those that look like references but were
   * never given out by this gateway, and whether references past {@link #MAX_MARKS} were left.
   */
  public record Result(List<Found> found, List<String> notGiven, int marksSeen, boolean truncated) {
    public Result {
      found = List.copyOf(found);
      notGiven = List.copyOf(notGiven);
    }
  }

  Result trace(String text) {
    if (text == null || text.isBlank()) {
      throw new InvalidInput("text", "text: missing (want the leaked row, value or file excerpt, pasted)");
    }
    if (text.length() > MAX_TEXT) {
      throw new InvalidInput("text", "text: " + text.length() + " characters (want at most " + MAX_TEXT
          + "; paste the lines holding the references)");
    }
    Set<String> distinct = new LinkedHashSet<>();
    Matcher m = MARK.matcher(text);
    int seen = 0;
    while (m.find()) {
      seen++;
      distinct.add(m.group().toLowerCase(Locale.ROOT));
    }
    List<String> marks = distinct.stream().limit(MAX_MARKS).toList();
    List<Found> found = new ArrayList<>();
    List<String> notGiven = new ArrayList<>();
    for (String mark : marks) {
      List<GatewayStore.Trace> given = store.trace(mark);
      if (given.isEmpty()) notGiven.add(mark);
      for (GatewayStore.Trace t : given) {
        Partner partner = store.partner(t.partnerId()).orElseThrow();
        found.add(new Found(mark, partner.id(), partner.name(), partner.agencyId(), t.dataset(), t.field(),
            t.recordKey(), t.firstGiven(), store.accessesAt(t.partnerId(), t.dataset(), t.firstGiven()),
            store.keysLiveAt(t.partnerId(), t.firstGiven())));
      }
    }
    return new Result(found, notGiven, seen, distinct.size() > MAX_MARKS);
  }
}
