package org.sanctuary.incidents;

import org.sanctuary.incidents.model.Investigator;
import org.sanctuary.incidents.model.EmployeeType;
import org.sanctuary.incidents.model.Category;
import java.time.Clock;
import org.sanctuary.config.CityCalendar;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.sanctuary.incidents.routing.Route;
import org.sanctuary.incidents.routing.RouteInput;
import org.sanctuary.incidents.routing.Router;
import org.sanctuary.incidents.routing.RoutingRule;
import org.sanctuary.errors.Conflict;
import org.sanctuary.ledger.store.Ledger;
import org.sanctuary.metrics.Metrics;
import org.sanctuary.ledger.store.LedgerEntry;
import org.sanctuary.ledger.store.LedgerUnavailableException;
import org.sanctuary.store.Database;

/**
 * Takes violation reports: routes each by the law in force, stores it with its free text and
 * contact details encrypted, and records it in the ledger before the reporter gets a receipt. A
 * reporter with the receipt and secret can read the report's status and add to it. Contact
 * details are destroyed once the retention period after closing has passed.
 */
public final class IncidentService {
  /** The zone pages show report dates in (the default city calendar's). */
  public static final ZoneId CITY_ZONE = CityCalendar.CHICAGO.zone();
  /** Contact details are kept this long after a case closes, unless configured otherwise. */
  public static final Duration DEFAULT_RETENTION = Duration.ofDays(365);
  public static final int MAX_FOLLOWUP = 5000;

  private static final byte[] NO_SECRET = Receipts.hash("");

  private final Metrics metrics;
  private final IncidentStore store;
  private final IncidentKey key;
  private final Router router;
  private final Ledger ledger;
  private final Clock clock;
  private final Duration retention;
  private final CityCalendar city;

  /** A service on Chicago's calendar. */
  public IncidentService(Database database, IncidentKey key, Router router, Ledger ledger, Clock clock,
      Duration retention) {
    this(database, key, router, ledger, clock, retention, CityCalendar.CHICAGO);
  }

  /** A service whose days, months and routing dates are the city's calendar's. */
  public IncidentService(Database database, IncidentKey key, Router router, Ledger ledger, Clock clock,
      Duration retention, CityCalendar city) {
    this(database, key, router, ledger, clock, retention, city, Metrics.none());
  }

  /** As above, counting the reports received by office in {@code metrics}. */
  public IncidentService(Database database, IncidentKey key, Router router, Ledger ledger, Clock clock,
      Duration retention, CityCalendar city, Metrics metrics) {
    this.metrics = metrics;
    this.city = city;
    this.store = new IncidentStore(database);
    this.key = key;
    this.router = router;
    this.ledger = ledger;
    this.clock = clock;
    this.retention = retention;
  }

  /** What the reporter is told once: the receipt, the secret, and who investigates by which rule. */
  public record Submitted(String receipt, String secret, Route route, long ledgerIndex) {}

  /** A reporter's view of their report. */
  public record Status(String receipt, String status, Route route, Instant receivedAt, Intake report,
      boolean contactOnFile, boolean contactDestroyed, List<Note> followups, Long ledgerIndex) {}

  /** A note the reporter added later. */
  public record Note(Instant at, String text) {}

  public LocalDate today() {
    return city.today(clock);
  }

  /**
   * Routes, stores and records a report. The report is written in the ledger's batch transaction, so
   * the report and its entry are durable together before the receipt is returned, or neither is.
   *
   * @throws LedgerUnavailableException when the ledger could not record the report
   */
  public Submitted submit(Intake intake) {
    Instant now = clock.instant();
    Route route = router.route(city.dateOf(now),
        new RouteInput(intake.employeeType(), intake.category(), intake.department()));
    String receipt = Receipts.newReceipt();
    String secret = Receipts.newSecret();
    IncidentStore.NewIncident report = new IncidentStore.NewIncident(receipt, Receipts.hash(secret), now, intake,
        seal(intake.employee(), receipt, "employee"),
        intake.employee() == null ? null : key.employeeHash(intake.employee()),
        route.routedTo().name(), route.pack(), route.rule(),
        seal(intake.description(), receipt, "description"),
        seal(intake.witnesses(), receipt, "witnesses"),
        seal(intake.contact(), receipt, "contact"));
    Ledger.Appended appended = ledger.append(received(receipt, now, intake, route),
        Ledger.Write.of((c, index) -> IncidentStore.insert(c, report, index))).appended();
    metrics.reportReceived(route.routedTo().name());
    return new Submitted(receipt, secret, route, appended.index());
  }

  /** The report behind a receipt, when the secret matches; empty for a wrong receipt or secret alike. */
  public Optional<Status> status(String typedReceipt, String typedSecret) {
    return open(typedReceipt, typedSecret).map(this::view);
  }

  /**
   * Adds a reporter's note to their report, recorded in the ledger.
   *
   * @return false when the receipt or secret is wrong
   */
  public boolean addFollowup(String typedReceipt, String typedSecret, String note) {
    Optional<IncidentStore.Stored> found = open(typedReceipt, typedSecret);
    if (found.isEmpty()) return false;
    IncidentStore.Stored s = found.get();
    Instant now = clock.instant();
    byte[] sealed = key.encrypt(note, s.receipt(), "followup");
    Map<String, Object> f = new LinkedHashMap<>();
    f.put("incident", receiptHash(s.receipt()));
    f.put("at", now.toString());
    // version 2: the incident is named by the keyed hash (IncidentKey.ledgerName)
    ledger.append(LedgerEntry.of("incident.followup", 2, f),
        Ledger.Write.of((c, index) -> IncidentStore.insertFollowup(c, s.id(), now, sealed, index)));
    return true;
  }

  /**
   * Destroys the contact details of every report closed longer ago than the retention period, each
   * destruction recorded in the ledger. Safe to run again: a report is done once.
   *
   * @return how many reports lost their contact details in this run
   */
  public int destroyExpiredContacts() {
    Instant now = clock.instant();
    int done = 0;
    for (String receipt : store.expiredContacts(now.minus(retention))) {
      // the destruction and its public entry commit together; a report another run already
      // cleared refuses its own write and gets no entry
      try {
        ledger.append(LedgerEntry.of("incident.contact_destroyed", 2,
            Map.of("incident", receiptHash(receipt), "at", now.toString())),
            (c, index) -> IncidentStore.destroyContact(c, receipt, now)
                ? Ledger.Outcome.done(null)
                : Ledger.Outcome.refused(new Conflict("contact: already destroyed by another run")));
        done++;
      } catch (Conflict alreadyDone) {
        // nothing to do: that run recorded it
      }
    }
    return done;
  }

  /**
   * Counts of the reports received in a calendar year (city time), for the annual report: by
   * category, employee type, department, investigator, status and month. No personal data, no
   * free text, no receipts.
   */
  public Map<String, Map<String, Long>> summary(int year) {
    LocalDate from = LocalDate.of(year, 1, 1);
    LocalDate to = from.plusYears(1);
    Map<String, Map<String, Long>> out = new LinkedHashMap<>();
    out.put("category", store.countBy("category", from, to, city.zone()));
    out.put("employeeType", store.countBy("employee_type", from, to, city.zone()));
    out.put("department", store.countBy("department", from, to, city.zone()));
    out.put("routedTo", store.countBy("routed_to", from, to, city.zone()));
    out.put("status", store.countBy("status", from, to, city.zone()));
    out.put("month", store.countBy("month", from, to, city.zone()));
    return out;
  }

  private Optional<IncidentStore.Stored> open(String typedReceipt, String typedSecret) {
    String receipt = Receipts.normalize(typedReceipt, Receipts.RECEIPT_LENGTH);
    Optional<IncidentStore.Stored> found = receipt == null ? Optional.empty() : store.find(receipt);
    // compare against a stand-in when there is no report, so timing does not tell the two apart
    boolean ok = Receipts.matches(found.map(IncidentStore.Stored::secretHash).orElse(NO_SECRET), typedSecret);
    return ok ? found : Optional.empty();
  }

  private Status view(IncidentStore.Stored s) {
    Intake report = new Intake(Category.valueOf(s.category()), EmployeeType.valueOf(s.employeeType()),
        s.department(), null, s.occurredOn(), s.location(),
        key.decrypt(s.descriptionEnc(), s.receipt(), "description"),
        s.witnessesEnc() == null ? null : key.decrypt(s.witnessesEnc(), s.receipt(), "witnesses"),
        null, s.language());
    List<Note> notes = store.followups(s.id()).stream()
        .map(f -> new Note(f.createdAt(), key.decrypt(f.bodyEnc(), s.receipt(), "followup"))).toList();
    return new Status(s.receipt(), s.status(), routeOf(s), s.createdAt(), report, s.hasContact(),
        s.contactDestroyedAt() != null, notes, s.ledgerIndex());
  }

  private Route routeOf(IncidentStore.Stored s) {
    String packId = s.routingPack().substring(0, s.routingPack().lastIndexOf('@'));
    Optional<RoutingRule> rule = router.pack(packId)
        .flatMap(p -> p.rules().stream().filter(r -> r.id().equals(s.routingRule())).findFirst());
    return new Route(Investigator.valueOf(s.routedTo()), s.routingPack(), s.routingRule(),
        rule.map(RoutingRule::citation).orElse(""), rule.map(RoutingRule::text).orElse(""));
  }

  private byte[] seal(String plain, String receipt, String column) {
    return plain == null ? null : key.encrypt(plain, receipt, column);
  }

  private String receiptHash(String receipt) {
    return key.ledgerName(receipt);
  }

  private LedgerEntry received(String receipt, Instant at, Intake i, Route route) {
    Map<String, Object> f = new LinkedHashMap<>();
    f.put("incident", receiptHash(receipt));
    f.put("at", at.toString());
    f.put("category", i.category().name());
    f.put("employeeType", i.employeeType().name());
    f.put("department", i.department());
    f.put("routedTo", route.routedTo().name());
    f.put("pack", route.pack());
    f.put("rule", route.rule());
    // version 2 adds the department (a code), which the annual report counts; version 3 names the
    // incident by the keyed hash (IncidentKey.ledgerName) instead of SHA-256 of the receipt
    return LedgerEntry.of("incident.received", 3, f);
  }
}
