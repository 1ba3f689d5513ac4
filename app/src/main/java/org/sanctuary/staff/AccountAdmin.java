package org.sanctuary.staff;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.sanctuary.errors.InvalidInput;
import org.sanctuary.errors.NotFound;
import org.sanctuary.ledger.store.Ledger;
import org.sanctuary.ledger.store.LedgerEntry;
import org.sanctuary.store.Database;

/**
 * What an administrator does to staff accounts while the server runs: add one (its password and
 * second factor are shown once), disable and enable it, give it a new second factor, change its
 * roles. Each change commits with a {@code staff.account} ledger entry (ids and role names only)
 * and a line of the account's history, or not at all. A change that would leave no active
 * administrator is refused; a disabled account's sessions, and those of an account whose roles or
 * second factor changed, end with the change. The {@code staff} commands of the command line make
 * their changes here too, as {@link By#COMMAND_LINE}.
 */
public final class AccountAdmin {
  static final String ENTRY_TYPE = "staff.account";
  private static final int PASSWORD_BYTES = 15; // 120 bits, 24 Base32 characters

  private final AccountStore store;
  private final Ledger ledger;
  private final SecretBox box;
  private final PasswordHasher hasher;
  private final Clock clock;
  private final SecureRandom random = new SecureRandom();

  public AccountAdmin(Database database, Ledger ledger, SecretBox box, PasswordHasher hasher, Clock clock) {
    this.store = new AccountStore(database);
    this.ledger = ledger;
    this.box = box;
    this.hasher = hasher;
    this.clock = clock;
  }

  /** An account as the administrator's pages show it: never a hash or a secret. */
  public record Account(long id, String username, Set<Role> roles, boolean disabled, boolean paused,
      Instant createdAt) {
    public Account {
      roles = Set.copyOf(roles);
    }
  }

  /**
   * Who made a change: a signed-in administrator, or an operator at the command line of a machine
   * that holds the data folder's keys (the first administrator is added so). The ledger entry
   * names the administrator's id, or {@code "command-line"}.
   */
  public record By(Long staffId) {
    public static final By COMMAND_LINE = new By(null);

    public static By staff(StaffUser user) {
      return new By(user.id());
    }

    Object inEntry() {
      return staffId == null ? "command-line" : staffId;
    }
  }

  /** One change to an account; {@code roles} is empty when the change kept them. */
  public record Event(Instant at, String actor, String action, List<String> roles, long ledgerIndex) {}

  /**
   * What a new account (or a new second factor) needs to sign in, shown at this moment only;
   * {@code password} is null when only the second factor is new.
   */
  public record Setup(Account account, String password, String otpauthUri, String secretBase32) {}

  public List<Account> list() {
    Instant now = clock.instant();
    return store.all(now).stream().map(AccountAdmin::account).toList();
  }

  public Account account(long id) {
    return store.one(id, clock.instant()).map(AccountAdmin::account)
        .orElseThrow(() -> notFound(id));
  }

  public List<Event> history(long id) {
    return store.history(id).stream().map(e -> new Event(e.at(), e.actor(), e.action(),
        e.roles() == null ? List.of() : e.roles().stream().map(Role::name).sorted().toList(),
        e.ledgerIndex())).toList();
  }

  /** A new account with a generated password and second factor, both shown once. */
  public Setup add(StaffUser actor, String username, Set<Role> roles) {
    return add(By.staff(actor), username, null, roles);
  }

  /**
   * A new account with a second factor shown once, and {@code password} (checked), or a generated
   * one shown once when it is null.
   */
  public Setup add(By by, String username, String password, Set<Role> roles) {
    String name = StaffAccounts.checkUsername(username);
    if (password != null) StaffAccounts.checkPassword(password);
    Set<Role> checked = StaffAccounts.checkRoles(roles);
    String shown = password == null ? newPassword() : null;
    String hash = hasher.hash(password == null ? shown : password);
    byte[] secret = StaffAccounts.newSecret(random);
    byte[] sealed = box.seal(secret, StaffAccounts.aad(name));
    long id = store.nextId();
    Instant now = clock.instant();
    ledger.append(entry("added", id, checked, by, now), (c, index) -> {
      if (!AccountStore.insert(c, id, name, hash, sealed, checked, now)) {
        return Ledger.Outcome.refused(InvalidInput.of("username", name, "is taken", "a new username"));
      }
      AccountStore.event(c, id, by.staffId(), now, "added", checked, index);
      return Ledger.Outcome.done(null);
    });
    Account added = new Account(id, name, checked, false, false, now);
    return new Setup(added, shown, Totp.uri(StaffAccounts.ISSUER, name, secret), Base32.encode(secret));
  }

  /** The id of the account called {@code username}; refused naming the field when there is none. */
  public long idOf(String username) {
    return store.idOf(StaffAccounts.normalise(username));
  }

  /** Disables the account and ends its sessions at once. */
  public void disable(StaffUser actor, long id) {
    disable(By.staff(actor), id);
  }

  /** As above, by whoever {@code by} is. */
  public void disable(By by, long id) {
    Instant now = clock.instant();
    ledger.append(entry("disabled", id, null, by, now), (c, index) -> {
      List<Long> administrators = AccountStore.lockActiveAdministrators(c); // first: one lock order
      Optional<AccountStore.Row> row = AccountStore.lock(c, id, now);
      if (row.isEmpty()) return Ledger.Outcome.refused(notFound(id));
      if (row.get().disabled()) {
        return Ledger.Outcome.refused(new InvalidInput(LastAdministrator.FIELD,
            "account: " + row.get().username() + " is already disabled (want an active account)"));
      }
      Optional<InvalidInput> last = LastAdministrator.refusal(administrators, id, row.get().username(), false);
      if (last.isPresent()) return Ledger.Outcome.refused(last.get());
      AccountStore.setDisabled(c, id, true);
      AccountStore.endSessions(c, id);
      AccountStore.event(c, id, by.staffId(), now, "disabled", null, index);
      return Ledger.Outcome.done(null);
    });
  }

  /** Lets a disabled account sign in again (with its old password and second factor). */
  public void enable(StaffUser actor, long id) {
    Instant now = clock.instant();
    ledger.append(entry("enabled", id, null, By.staff(actor), now), (c, index) -> {
      Optional<AccountStore.Row> row = AccountStore.lock(c, id, now);
      if (row.isEmpty()) return Ledger.Outcome.refused(notFound(id));
      if (!row.get().disabled()) {
        return Ledger.Outcome.refused(new InvalidInput(LastAdministrator.FIELD,
            "account: " + row.get().username() + " is already active (want a disabled account)"));
      }
      AccountStore.setDisabled(c, id, false);
      AccountStore.event(c, id, actor.id(), now, "enabled", null, index);
      return Ledger.Outcome.done(null);
    });
  }

  /** A new second factor, shown once; the old one stops working and the account's sessions end. */
  public Setup resetSecondFactor(StaffUser actor, long id) {
    return resetSecondFactor(By.staff(actor), id);
  }

  /** As above, by whoever {@code by} is. */
  public Setup resetSecondFactor(By by, long id) {
    Account account = account(id);
    byte[] secret = StaffAccounts.newSecret(random);
    // sealed to the username, which never changes
    byte[] sealed = box.seal(secret, StaffAccounts.aad(account.username()));
    Instant now = clock.instant();
    ledger.append(entry("second_factor_reset", id, null, by, now), (c, index) -> {
      Optional<AccountStore.Row> row = AccountStore.lock(c, id, now);
      if (row.isEmpty() || !row.get().username().equals(account.username())) {
        return Ledger.Outcome.refused(notFound(id));
      }
      AccountStore.setTotp(c, id, sealed);
      AccountStore.endSessions(c, id);
      AccountStore.event(c, id, by.staffId(), now, "second_factor_reset", null, index);
      return Ledger.Outcome.done(null);
    });
    return new Setup(account, null, Totp.uri(StaffAccounts.ISSUER, account.username(), secret),
        Base32.encode(secret));
  }

  /** Gives the account exactly {@code roles}; its sessions end, so the new roles apply at once. */
  public void changeRoles(StaffUser actor, long id, Set<Role> roles) {
    Set<Role> checked = StaffAccounts.checkRoles(roles);
    Instant now = clock.instant();
    ledger.append(entry("roles_changed", id, checked, By.staff(actor), now), (c, index) -> {
      List<Long> administrators = AccountStore.lockActiveAdministrators(c); // first: one lock order
      Optional<AccountStore.Row> row = AccountStore.lock(c, id, now);
      if (row.isEmpty()) return Ledger.Outcome.refused(notFound(id));
      if (row.get().roles().equals(checked)) {
        return Ledger.Outcome.refused(new InvalidInput("role", "role: " + row.get().username()
            + " already holds exactly " + names(checked) + " (want a different set of roles)"));
      }
      Optional<InvalidInput> last = LastAdministrator.refusal(administrators, id, row.get().username(),
          checked.contains(Role.ADMINISTRATOR));
      if (last.isPresent()) return Ledger.Outcome.refused(last.get());
      AccountStore.setRoles(c, id, checked);
      AccountStore.endSessions(c, id);
      AccountStore.event(c, id, actor.id(), now, "roles_changed", checked, index);
      return Ledger.Outcome.done(null);
    });
  }

  // groups of four Base32 characters: easy to read out and type, 120 random bits
  private String newPassword() {
    byte[] raw = new byte[PASSWORD_BYTES];
    random.nextBytes(raw);
    String plain = Base32.encode(raw);
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < plain.length(); i += 4) {
      if (i > 0) out.append('-');
      out.append(plain, i, Math.min(plain.length(), i + 4));
    }
    return out.toString();
  }

  // Public: ids and role names only, never a username. The change commits in the ledger's
  // transaction, so neither exists without the other.
  private static LedgerEntry entry(String action, long account, Set<Role> roles, By by, Instant at) {
    Map<String, Object> f = new LinkedHashMap<>();
    f.put("action", action);
    f.put("account", account);
    if (roles != null) f.put("roles", names(roles));
    f.put("actor", by.inEntry());
    f.put("at", at.toString());
    return LedgerEntry.of(ENTRY_TYPE, f);
  }

  private static List<String> names(Set<Role> roles) {
    return roles.stream().map(Role::name).sorted().toList();
  }

  private static Account account(AccountStore.Row r) {
    return new Account(r.id(), r.username(), r.roles(), r.disabled(), r.pausedAddresses() > 0, r.createdAt());
  }

  private static NotFound notFound(long id) {
    return new NotFound("staff account " + id + ": not found");
  }

  /** The roles named in a form, each checked. */
  public static Set<Role> parseRoles(List<String> names) {
    Set<Role> roles = EnumSet.noneOf(Role.class);
    for (String n : names) {
      try {
        roles.add(Role.valueOf(n.strip()));
      } catch (IllegalArgumentException e) {
        throw InvalidInput.of("role", n, "is not a role", "one or more of " + List.of(Role.values()));
      }
    }
    return roles;
  }
}
