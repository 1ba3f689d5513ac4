package org.sanctuary.staff;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.regex.Pattern;
import org.sanctuary.store.Database;
import org.sanctuary.errors.InvalidInput;

/**
 * Staff accounts: creating them, disabling them, new second factors, and checking a sign-in.
 *
 * <p>A sign-in needs the password and a current TOTP code. Five failures in a row (of either kind)
 * from one client address lock the account for fifteen minutes <em>for that address only</em>:
 * someone who knows a username cannot lock its owner out from their own desk. Sign-ins are also
 * throttled per address (on the web), and failures from many addresses at once are logged as an
 * alert. The answer to a failed sign-in never says which part was wrong, nor whether the account
 * exists or is locked.
 */
public final class StaffAccounts {
  public static final int MIN_PASSWORD_LENGTH = 12;
  public static final int MAX_PASSWORD_LENGTH = 1024;
  public static final int MAX_FAILURES = 5;
  public static final Duration LOCKOUT = Duration.ofMinutes(15);
  /** Failures from this many addresses within {@link #ALERT_WINDOW} are logged as an attack. */
  public static final int ALERT_ADDRESSES = 3;
  public static final Duration ALERT_WINDOW = Duration.ofHours(1);
  private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(StaffAccounts.class);
  static final String ISSUER = "Sanctuary";

  private static final Pattern USERNAME = Pattern.compile("[a-z0-9][a-z0-9._-]{1,62}");
  private static final int SECRET_BYTES = 20;

  private final StaffStore store;
  private final SecretBox box;
  private final PasswordHasher hasher;
  private final Clock clock;
  private final SecureRandom random = new SecureRandom();
  // checked against when the username is unknown, so that case takes as long as a wrong password
  private final String decoyHash;

  public StaffAccounts(Database database, SecretBox box, PasswordHasher hasher, Clock clock) {
    this.store = new StaffStore(database);
    this.box = box;
    this.hasher = hasher;
    this.clock = clock;
    this.decoyHash = hasher.hash("decoy password, never used");
  }

  /** A new account or second factor: the secret is shown once, at this moment only. */
  public record Enrolment(StaffUser user, String otpauthUri, String secretBase32) {}

  /** One account as the administrator's list shows it: no hash, no secret. */
  public record Summary(String username, Set<Role> roles, boolean disabled, boolean locked) {
    public Summary {
      roles = Set.copyOf(roles);
    }
  }

  public Enrolment add(String username, String password, Set<Role> roles) {
    String name = checkUsername(username);
    checkPassword(password);
    checkRoles(roles);
    byte[] secret = newSecret(random);
    String hash = hasher.hash(password);
    long id = store.add(name, hash, box.seal(secret, aad(name)), roles, clock.instant());
    return enrolment(new StaffUser(id, name, roles), secret);
  }

  public List<Summary> list() {
    Instant now = clock.instant();
    List<Summary> out = new ArrayList<>();
    for (StaffStore.Listed a : store.list(now)) {
      out.add(new Summary(a.username(), a.roles(), a.disabled(), a.lockedAddresses() > 0));
    }
    return out;
  }

  /** Disables the account and ends its sessions. */
  public void disable(String username) {
    store.disable(normalise(username));
  }

  /**
   * Checks a sign-in and records its outcome (failure count, lock, the code's step so it cannot be
   * used again). The slow password hash is checked first, with no lock held; then the account's
   * row is locked for the quick part, so two requests cannot spend one code, and a password
   * changed in between counts as no sign-in.
   */
  public Optional<StaffUser> signIn(String username, String password, String code) {
    return signIn(username, password, code, "");
  }

  /** As above, from the client at {@code address} (failures and locks are counted per address). */
  public Optional<StaffUser> signIn(String username, String password, String code, String address) {
    String name = normalise(username);
    byte[] from = addressHash(address);
    Instant now = clock.instant();
    Optional<StaffStore.Credentials> read = store.credentials(name);
    if (read.isEmpty()) {
      hasher.verify(password, decoyHash);
      return Optional.empty();
    }
    String checkedHash = read.get().passwordHash();
    boolean passwordOk = hasher.verify(password, checkedHash);
    return store.withLockedCredentials(name, (row, updates) -> {
      if (row.isEmpty() || !row.get().passwordHash().equals(checkedHash)) {
        return Optional.<StaffUser>empty();
      }
      StaffStore.Credentials r = row.get();
      StaffStore.Failures failures = updates.failuresFrom(r.id(), from);
      if (failures.lockedAt(now) || r.disabled()) {
        return Optional.<StaffUser>empty();
      }
      OptionalLong step = passwordOk
          ? Totp.match(box.open(r.sealedTotp(), aad(name)), code, now, r.totpLastStep())
          : OptionalLong.empty();
      if (step.isEmpty()) {
        int count = (failures.lockedUntil() != null ? 0 : failures.count()) + 1;
        boolean lock = count >= MAX_FAILURES;
        updates.failed(r.id(), from, new StaffStore.Failures(lock ? 0 : count,
            lock ? now.plus(LOCKOUT) : null), now);
        int addresses = updates.failingAddresses(r.id(), now.minus(ALERT_WINDOW));
        if (addresses >= ALERT_ADDRESSES) {
          log.warn("staff sign-in alert: account {} failed from {} addresses within {}",
              name, addresses, ALERT_WINDOW);
        }
        return Optional.<StaffUser>empty();
      }
      updates.succeeded(r.id(), from, step.getAsLong(), now.minus(ALERT_WINDOW));
      return Optional.of(new StaffUser(r.id(), name, r.roles()));
    });
  }

  private Enrolment enrolment(StaffUser user, byte[] secret) {
    return new Enrolment(user, Totp.uri(ISSUER, user.username(), secret), Base32.encode(secret));
  }

  static byte[] newSecret(SecureRandom random) {
    byte[] secret = new byte[SECRET_BYTES];
    random.nextBytes(secret);
    return secret;
  }

  // binds a sealed secret to its account: a secret copied to another row does not open
  static String aad(String username) {
    return "staff_account.totp_secret:" + username;
  }

  static String normalise(String username) {
    return username == null ? "" : username.strip().toLowerCase(Locale.ROOT);
  }

  static String checkUsername(String username) {
    String name = normalise(username);
    if (!USERNAME.matcher(name).matches()) {
      throw InvalidInput.of("username", username, "is not a valid username",
          "2-63 characters: lower-case letters, digits, '.', '_' or '-'");
    }
    return name;
  }

  static void checkPassword(String password) {
    if (password == null || password.length() < MIN_PASSWORD_LENGTH) {
      // never echo the password itself
      throw new InvalidInput("password", "password: too short (want at least "
          + MIN_PASSWORD_LENGTH + " characters)");
    }
    if (password.length() > MAX_PASSWORD_LENGTH) {
      throw new InvalidInput("password", "password: too long (want at most "
          + MAX_PASSWORD_LENGTH + " characters)");
    }
  }

  // one body per account: a case is seen by COPA or by the OIG, never by one person for both
  static Set<Role> checkRoles(Set<Role> roles) {
    if (roles == null || roles.isEmpty()) {
      throw new InvalidInput("role", "role: none given (want one or more of: "
          + List.of(Role.values()) + ")");
    }
    if (roles.contains(Role.COPA_INVESTIGATOR) && roles.contains(Role.OIG_INVESTIGATOR)) {
      throw new InvalidInput("role", "role: COPA_INVESTIGATOR and OIG_INVESTIGATOR together"
          + " (want one body per account)");
    }
    return java.util.EnumSet.copyOf(roles);
  }

  // failures are kept per address, but never the address itself
  // keyed with the staff key: a stored hash does not give the address back
  private byte[] addressHash(String address) {
    return box.keyedHash("staff sign-in from", address == null ? "" : address);
  }
}
