package org.sanctuary.demo;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongConsumer;
import org.sanctuary.cases.CaseDeadlines;
import org.sanctuary.cases.CaseService;
import org.sanctuary.cases.CaseStatus;
import org.sanctuary.config.ConfigException;
import org.sanctuary.gateway.Gateway;
import org.sanctuary.gateway.Partner;
import org.sanctuary.incidents.model.Category;
import org.sanctuary.incidents.model.EmployeeType;
import org.sanctuary.incidents.IncidentKey;
import org.sanctuary.incidents.IncidentService;
import org.sanctuary.incidents.Intake;
import org.sanctuary.incidents.Locations;
import org.sanctuary.incidents.routing.Router;
import org.sanctuary.ledger.store.Ledger;
import org.sanctuary.policy.Basis;
import org.sanctuary.policy.Body;
import org.sanctuary.policy.engine.Engine;
import org.sanctuary.policy.FederalRequest;
import org.sanctuary.policy.Kind;
import org.sanctuary.policy.Purpose;
import org.sanctuary.policy.Subject;
import org.sanctuary.register.ChicagoTime;
import org.sanctuary.register.Received;
import org.sanctuary.register.Recorder;
import org.sanctuary.register.Register;
import org.sanctuary.staff.PasswordHasher;
import org.sanctuary.staff.Role;
import org.sanctuary.staff.SecretBox;
import org.sanctuary.staff.StaffAccounts;
import org.sanctuary.staff.StaffUser;
import org.sanctuary.store.Database;
import org.sanctuary.errors.Refused;
import org.sanctuary.errors.Unavailable;

/**
 * A synthetic year at a city's scale, written through the real services: federal requests decided
 * by the engine, violation reports routed and worked by (disabled) demo investigators, and record
 * look-ups through the data firewall, every one in the ledger marked {@code "synthetic": true}.
 * Many worker threads call the services at once, so the ledger's sequencer commits them in large
 * batches.
 *
 * <p>Deterministic: each record's codes and times come from a random stream keyed by the seed and
 * the record's number, so a seed always gives the same figures; only receipts, public ids and the
 * order in the ledger differ between runs.
 */
public final class DemoData {
  static final ZoneId CITY = ZoneId.of("America/Chicago");
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String DEMO_PARTNER = "Demo partner (synthetic): ";

  /**
   * How much to write. {@code batch} is how many look-ups go into one ledger transaction: each is
   * decided by the gateway's own code and then the batch is written through the ledger's bulk path
   * (entries, tree, one checkpoint, the access log by COPY); 1 sends each through the query path
   * a partner uses, one entry per caller, as it was before (slow: for comparing the two).
   */
  public record Scale(int requests, int reports, long lookups, int threads, int batch) {
    public static final int DEFAULT_BATCH = 20_000;
    public static final Scale CITY_YEAR = new Scale(6_000, 2_400, 1_000_000, 64, DEFAULT_BATCH);

    public Scale {
      if (requests < 0 || requests > 1_000_000) throw new ConfigException("requests", "" + requests, "is out of range", "0 to 1000000");
      if (reports < 0 || reports > 1_000_000) throw new ConfigException("reports", "" + reports, "is out of range", "0 to 1000000");
      if (lookups < 0 || lookups > 50_000_000) throw new ConfigException("lookups", "" + lookups, "is out of range", "0 to 50000000");
      if (threads < 1 || threads > 512) throw new ConfigException("threads", "" + threads, "is out of range", "1 to 512");
      if (batch < 1 || batch > 100_000) throw new ConfigException("batch", "" + batch, "is out of range", "1 to 100000");
    }

    public Scale(int requests, int reports, long lookups, int threads) {
      this(requests, reports, lookups, threads, DEFAULT_BATCH);
    }
  }

  /** What was written, and how long it took. */
  public record Summary(int requests, int reports, long caseChanges, long lookups, long refusedLookups, Duration took) {}

  private final Database database;
  private final DemoClock clock;
  private final Ledger ledger;
  private final int year;
  private final long seed;
  private final Scale scale;
  private final PrintWriter out;
  private final Register register;
  private final IncidentService incidents;
  private final CaseService cases;
  private final Gateway gateway;
  private final StaffAccounts staff;
  private final DemoStore store;
  private final Instant horizon;
  private final AtomicLong unavailable = new AtomicLong();

  private DemoData(Database database, Engine engine, Ledger realLedger, Clock realClock, IncidentKey key,
      SecretBox staffKey, int year, long seed, Scale scale, PrintWriter out) {
    this.database = database;
    this.clock = new DemoClock(realClock);
    this.ledger = new SyntheticLedger(realLedger);
    this.year = year;
    this.seed = seed;
    this.scale = scale;
    this.out = out;
    this.register = new Register(engine, database, ledger, key, clock);
    this.incidents = new IncidentService(database, key, Router.builtIn(), ledger, clock, IncidentService.DEFAULT_RETENTION);
    this.cases = new CaseService(database, key, ledger, clock, CaseDeadlines.DEFAULT);
    this.gateway = Gateway.create(engine, database, ledger, clock);
    this.staff = new StaffAccounts(database, staffKey, PasswordHasher.DEFAULT, clock);
    this.store = new DemoStore(database);
    // Case work goes on into the next year; nothing is dated after today.
    Instant cutoff = LocalDate.of(year + 1, 4, 1).atStartOfDay(CITY).toInstant();
    this.horizon = realClock.instant().isBefore(cutoff) ? realClock.instant() : cutoff;
  }

  /**
   * Writes a synthetic year. Refuses a database that holds real requests, reports or look-ups, or
   * demonstration data for the same year already.
   */
  public static Summary generate(Database database, Engine engine, Ledger ledger, Clock clock, IncidentKey key,
      SecretBox staffKey, int year, long seed, Scale scale, PrintWriter out) {
    int thisYear = LocalDate.now(clock.withZone(CITY)).getYear();
    if (year < 2012 || year > thisYear) {
      throw new ConfigException("year", String.valueOf(year), "is out of range", "a year from 2012 to " + thisYear);
    }
    DemoStore store = new DemoStore(database);
    long real = store.realRecords();
    if (real > 0) {
      throw new ConfigException("data", database.description(), "holds " + real + " real requests, reports or look-ups",
          "a database for demonstration only (synthetic data is never mixed with real records)");
    }
    if (store.syntheticYear(year)) {
      throw new ConfigException("year", String.valueOf(year), "already has demonstration data in this database",
          "another year, or a fresh data folder");
    }
    return new DemoData(database, engine, ledger, clock, key, staffKey, year, seed, scale, out).run();
  }

  private Summary run() {
    long started = System.nanoTime();
    StaffUser copa = demoStaff("demo-copa", Role.COPA_INVESTIGATOR);
    StaffUser oig = demoStaff("demo-oig", Role.OIG_INVESTIGATOR);
    List<String> keys = partners();
    AtomicLong caseChanges = new AtomicLong();
    AtomicLong refused = new AtomicLong();
    parallel("federal requests", scale.requests(), this::request);
    parallel("violation reports", scale.reports(), i -> caseChanges.addAndGet(report(i, copa, oig)));
    if (scale.batch() == 1) {
      parallel("record look-ups", scale.lookups(), i -> {
        if (!lookup(i, keys)) refused.incrementAndGet();
      });
    } else {
      refused.set(new DemoLookups(this::lookupCall, gateway.service(), clock, scale, out).run(keys));
    }
    return new Summary(scale.requests(), scale.reports(), caseChanges.get(), scale.lookups(), refused.get(),
        Duration.ofNanos(System.nanoTime() - started));
  }

  // Each index on one of the workers; the first failure stops the run and is rethrown.
  private void parallel(String what, long count, LongConsumer work) {
    if (count == 0) return;
    out.printf("demo-data: %s: %,d%n", what, count);
    out.flush();
    AtomicLong next = new AtomicLong();
    AtomicLong done = new AtomicLong();
    long step = Math.max(1, count / 10);
    ExecutorService pool = Executors.newFixedThreadPool(scale.threads(), r -> {
      Thread t = new Thread(r, "demo-data");
      t.setDaemon(true);
      return t;
    });
    try {
      List<Future<?>> workers = new ArrayList<>();
      for (int w = 0; w < scale.threads(); w++) {
        workers.add(pool.submit(() -> {
          long i;
          while ((i = next.getAndIncrement()) < count) {
            try {
              work.accept(i);
            } finally {
              clock.clear();
            }
            long d = done.incrementAndGet();
            if (d % step == 0 && d < count) {
              synchronized (out) {
                out.printf("demo-data:   %,d of %,d%n", d, count);
                out.flush();
              }
            }
          }
          return null;
        }));
      }
      for (Future<?> f : workers) {
        try {
          f.get();
        } catch (java.util.concurrent.ExecutionException e) {
          next.set(count); // the other workers stop after their current record
          Throwable cause = e.getCause();
          if (cause instanceof RuntimeException re) throw re;
          throw new IllegalStateException(cause);
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("demo-data: interrupted", e);
    } finally {
      pool.shutdownNow();
    }
  }

  // ---- federal requests ----------------------------------------------------------------------

  // Weights per thousand; the last two are rare enough that a city-sized year has small cells to hide.
  private static final String[][] REQUESTERS = {
      {"ICE", "297"}, {"U.S. Immigration and Customs Enforcement", "80"}, {"ICE ERO", "40"}, {"HSI", "40"},
      {"CBP", "50"}, {"U.S. Border Patrol", "20"}, {"FBI", "160"}, {"DEA", "80"}, {"ATF", "60"},
      {"U.S. Marshals", "90"}, {"Illinois State Police", "60"}, {"FEMA", "10"}, {"IRS_CI", "10"},
      {"USPIS", "2"}, {"Diplomatic Security Service", "1"}};
  private static final Set<String> CRIMINAL_AGENCIES = Set.of("FBI", "DEA", "ATF", "U.S. Marshals",
      "Illinois State Police", "IRS_CI", "HSI", "USPIS", "Diplomatic Security Service");

  private void request(long i) {
    SplittableRandom r = random(1, i);
    LocalDate received = day(r);
    clock.set(moment(received, r, 7, 22));
    String requester = pick(r, REQUESTERS);
    Body body = weighted(r, new Body[] {Body.CPD, Body.COOK_COUNTY_SHERIFF, Body.CITY}, 65, 25, 10);
    Kind kind = weighted(r, new Kind[] {Kind.DETAINER, Kind.NOTIFICATION, Kind.INFORMATION, Kind.TRANSFER,
        Kind.INTERVIEW, Kind.DATABASE_ACCESS, Kind.ASSISTANCE}, 28, 20, 20, 10, 8, 8, 6);
    Basis basis = weighted(r, new Basis[] {Basis.NONE, Basis.ADMINISTRATIVE_WARRANT, Basis.JUDICIAL_WARRANT}, 35, 45, 20);
    boolean criminalAgency = CRIMINAL_AGENCIES.contains(requester);
    Purpose purpose = r.nextInt(100) < (criminalAgency ? 90 : 25) ? Purpose.CRIMINAL : Purpose.CIVIL_IMMIGRATION;
    Subject subject = new Subject(r.nextInt(100) < 12, r.nextInt(100) < 15, r.nextInt(100) < 10, r.nextInt(100) < 8);
    FederalRequest request = new FederalRequest("demo-" + year + "-" + i, received, body, requester, kind, basis,
        purpose, subject);
    // recorded as an import would be: the made-up year comes from no records system or clerk
    register.record(List.of(Register.Item.of(new Received(request, new ChicagoTime.When(received, null), null, null,
        null))), Recorder.IMPORT);
  }

  // ---- violation reports and their cases -----------------------------------------------------

  private static final String[] CITY_DEPARTMENTS = {"OEMC", "CFD", "CDPH", "DFSS", "DSS", "CDA", "CPL", "DOH",
      "DWM", "BACP", "OTHER", "UNKNOWN"};
  private static final int[] CITY_DEPARTMENT_WEIGHTS = {14, 8, 10, 12, 9, 6, 5, 6, 4, 4, 10, 12};
  private static final String[] LANGUAGES = {"en", "es", "zh", "pl", "ar", "tl", "ko"};

  private long report(long i, StaffUser copa, StaffUser oig) {
    SplittableRandom r = random(2, i);
    LocalDate day = day(r);
    Instant at = moment(day, r, 0, 24);
    boolean police = r.nextInt(100) < 62;
    EmployeeType type = police ? EmployeeType.POLICE : EmployeeType.CITY;
    String department = police ? (r.nextInt(100) < 96 ? "CPD" : "OEMC")
        : CITY_DEPARTMENTS[weightedIndex(r, CITY_DEPARTMENT_WEIGHTS)];
    Category category = weighted(r, new Category[] {Category.STATUS_QUESTION, Category.THREAT_OF_DEPORTATION,
        Category.INFORMATION_SHARED, Category.HELD_FOR_ICE, Category.ICE_ACCESS, Category.SERVICE_REFUSED,
        Category.OPERATION_SUPPORT, Category.OTHER}, 24, 18, 14, 9, 6, 14, 4, 11);
    List<Locations.Place> places = r.nextBoolean() ? Locations.communityAreas() : Locations.policeDistricts();
    String location = places.get(r.nextInt(places.size())).code();
    String language = LANGUAGES[weightedIndex(r, new int[] {68, 22, 3, 3, 2, 1, 1})];
    clock.set(at);
    IncidentService.Submitted submitted = incidents.submit(new Intake(category, type, department, null,
        day.minusDays(r.nextInt(20)), location, "Synthetic demonstration report " + year + "-" + i
            + "; it describes no real event.", null, null, language));
    StaffUser worker = submitted.route().routedTo().name().equals("COPA") ? copa : oig;
    long id = store.incidentId(submitted.receipt());
    // The case's life: first action after days, a finding after weeks or months, closing later.
    long changes = 0;
    Instant t = at.plus(Duration.ofHours(6 + r.nextInt(24 * 20)));
    if (r.nextInt(100) < 6 || !step(t, worker, id, CaseStatus.INVESTIGATING)) {
      if (r.nextInt(100) < 50 && step(t, worker, id, CaseStatus.REFERRED)) changes++;
      return changes;
    }
    changes++;
    double median = worker == copa ? 75 : 110;
    long days = Math.max(3, Math.round(median * Math.exp(0.6 * gaussian(r))));
    t = t.plus(Duration.ofDays(days)).plus(Duration.ofMinutes(r.nextInt(600)));
    CaseStatus finding = weighted(r, new CaseStatus[] {CaseStatus.FINDING_NOT_SUSTAINED, CaseStatus.FINDING_UNFOUNDED,
        CaseStatus.FINDING_SUSTAINED, CaseStatus.FINDING_EXONERATED, CaseStatus.REFERRED}, 38, 24, 20, 12, 6);
    if (!step(t, worker, id, finding)) return changes;
    changes++;
    t = t.plus(Duration.ofDays(5 + r.nextInt(60)));
    if (r.nextInt(100) < 85 && step(t, worker, id, CaseStatus.CLOSED)) changes++;
    return changes;
  }

  // One status change at time t, if t is not past the horizon.
  private boolean step(Instant t, StaffUser worker, long id, CaseStatus to) {
    if (t.isAfter(horizon)) return false;
    clock.set(t);
    cases.transition(worker, id, to);
    return true;
  }

  private StaffUser demoStaff(String username, Role role) {
    Set<Role> roles = EnumSet.of(role, Role.SUPERVISOR);
    long id = store.staffId(username).orElseGet(() -> {
      byte[] password = new byte[24];
      new SecureRandom().nextBytes(password);
      long created = staff.add(username, HexFormat.of().formatHex(password), roles).user().id();
      staff.disable(username); // a name for the demo's case work; nobody signs in as it
      return created;
    });
    return new StaffUser(id, username, roles);
  }

  // ---- record look-ups -----------------------------------------------------------------------

  private static final String[] AGENCIES = {"FBI", "ISP", "DEA", "ATF", "USMS", "ICE", "CBP"};
  private static final int[] AGENCY_WEIGHTS = {34, 25, 12, 10, 10, 6, 3};
  private static final String[] FIRST = {"Ada", "Ben", "Cleo", "Dev", "Esme", "Finn", "Gia", "Hugo", "Ines", "Jon",
      "Kai", "Lena", "Milo", "Nia", "Otto", "Pia", "Quin", "Rosa", "Sam", "Tess"};
  private static final String[] LAST = {"Ash", "Birch", "Cedar", "Dale", "Elm", "Fern", "Glen", "Heath", "Iris",
      "Juniper", "Kestrel", "Larch", "Moss", "North", "Oak", "Pine", "Quarry", "Reed", "Stone", "Thorn"};

  /** Admits the demo partners (or finds them) with an agreement for the year; returns their keys. */
  private List<String> partners() {
    List<String> keys = new ArrayList<>();
    for (String agency : AGENCIES) {
      Partner p = gateway.admin().partners().stream().filter(x -> x.agencyId().equals(agency)).findFirst()
          .orElseGet(() -> gateway.admin().admit(agency, DEMO_PARTNER + agency, 100_000, 100_000));
      if (!p.name().startsWith(DEMO_PARTNER)) {
        throw new ConfigException("data", database.description(), "has a real gateway partner for " + agency,
            "a database for demonstration only");
      }
      // ATF's agreement leaves out the district dataset, so some look-ups are refused by the agreement
      List<String> datasets = agency.equals("ATF") ? List.of("demo-arrests") : List.of("demo-arrests", "demo-district-arrests");
      gateway.admin().addAgreement(p.id(), datasets, EnumSet.of(Purpose.CRIMINAL), LocalDate.of(year, 1, 1),
          LocalDate.of(year, 12, 31), true, "Demonstration data", true); // ICE and CBP too, to be refused by law
      keys.add("Bearer " + gateway.admin().issueKey(p.id(), null).key());
    }
    return keys;
  }

  /** One look-up as a partner would send it, and when. */
  record Call(Instant at, String key, ObjectNode body) {}

  // Look-ups are spread evenly over the year in index order, so the workers move through it together.
  Call lookupCall(long i, List<String> keys) {
    SplittableRandom r = random(3, i);
    Instant start = LocalDate.of(year, 1, 1).atStartOfDay(CITY).toInstant();
    long span = Duration.between(start, LocalDate.of(year + 1, 1, 1).atStartOfDay(CITY).toInstant()).toMillis();
    long offset = (long) ((i + r.nextDouble()) / scale.lookups() * span);
    Instant at = start.plusMillis(Math.min(offset, span - 1));
    String key = keys.get(weightedIndex(r, AGENCY_WEIGHTS));
    ObjectNode body = JSON.createObjectNode();
    ObjectNode params = body.putObject("parameters");
    if (r.nextInt(100) < 78) {
      body.put("dataset", "demo-arrests");
      params.put("lastName", LAST[r.nextInt(LAST.length)]);
      params.put("firstName", FIRST[r.nextInt(FIRST.length)]);
    } else {
      body.put("dataset", "demo-district-arrests");
      params.put("district", 1 + r.nextInt(25));
      params.put("since", LocalDate.ofInstant(at, CITY).minusDays(60).toString());
    }
    body.put("purpose", r.nextInt(100) < 4 ? "CIVIL_IMMIGRATION" : "CRIMINAL");
    body.put("caseNumber", "JD-" + (100_000 + r.nextInt(900_000)));
    return new Call(at, key, body);
  }

  // One look-up through the query path a partner uses (--batch 1).
  private boolean lookup(long i, List<String> keys) {
    Call call = lookupCall(i, keys);
    clock.set(call.at());
    try {
      gateway.service().query(call.key(), call.body());
      return true;
    } catch (Refused e) {
      return false; // refused and recorded, as the real path does
    } catch (Unavailable e) {
      // the record source timed out (a loaded machine): recorded as an ERROR look-up, like any
      // other; more than one in a hundred means something else is wrong
      if (unavailable.incrementAndGet() > Math.max(100, scale.lookups() / 100)) throw e;
      return true;
    }
  }

  // ---- randomness ----------------------------------------------------------------------------

  private SplittableRandom random(int stream, long i) {
    long h = seed * 0x9E3779B97F4A7C15L + stream * 0xBF58476D1CE4E5B9L + i * 0x94D049BB133111EBL;
    h ^= h >>> 31;
    h *= 0xD6E8FEB86659FD93L;
    h ^= h >>> 32;
    return new SplittableRandom(h);
  }

  private LocalDate day(SplittableRandom r) {
    LocalDate first = LocalDate.of(year, 1, 1);
    return first.plusDays(r.nextInt(first.lengthOfYear()));
  }

  private static Instant moment(LocalDate day, SplittableRandom r, int fromHour, int toHour) {
    int seconds = fromHour * 3600 + r.nextInt((toHour - fromHour) * 3600);
    return day.atTime(LocalTime.ofSecondOfDay(Math.min(seconds, 86_399))).atZone(CITY).toInstant();
  }

  private static double gaussian(SplittableRandom r) {
    // Box-Muller from two uniform draws: the stream stays deterministic
    double u = 1 - r.nextDouble();
    double v = r.nextDouble();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  }

  private static String pick(SplittableRandom r, String[][] weighted) {
    int[] w = new int[weighted.length];
    for (int i = 0; i < w.length; i++) w[i] = Integer.parseInt(weighted[i][1]);
    return weighted[weightedIndex(r, w)][0];
  }

  private static <T> T weighted(SplittableRandom r, T[] values, int... weights) {
    return values[weightedIndex(r, weights)];
  }

  private static int weightedIndex(SplittableRandom r, int[] weights) {
    int total = 0;
    for (int w : weights) total += w;
    int x = r.nextInt(total);
    for (int i = 0; i < weights.length; i++) {
      x -= weights[i];
      if (x < 0) return i;
    }
    return weights.length - 1;
  }
}
