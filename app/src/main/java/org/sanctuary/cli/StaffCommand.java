package org.sanctuary.cli;

import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Function;
import org.sanctuary.config.Config;
import org.sanctuary.ledger.store.LedgerKeys;
import org.sanctuary.ledger.store.PostgresLedger;
import org.sanctuary.staff.AccountAdmin;
import org.sanctuary.staff.PasswordHasher;
import org.sanctuary.staff.Role;
import org.sanctuary.staff.StaffAccounts;
import org.sanctuary.store.Database;
import org.sanctuary.errors.InvalidInput;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code sanctuary staff add|list|disable|reset-totp}: staff accounts from the command line. The
 * first administrator is made this way. A change commits with its {@code staff.account} ledger
 * entry (by {@code "command-line"}) and a line of the account's history, as one made on the web
 * does. With the embedded database, run these while the server is stopped (one process per data
 * folder).
 */
@Command(
    name = "staff",
    description = "Manages staff accounts.",
    mixinStandardHelpOptions = true,
    subcommands = {
      StaffCommand.Add.class,
      StaffCommand.ListAccounts.class,
      StaffCommand.Disable.class,
      StaffCommand.ResetTotp.class
    })
final class StaffCommand implements Runnable {
  @Spec private CommandSpec spec;

  @Override
  public void run() {
    throw new picocli.CommandLine.ParameterException(
        spec.commandLine(), "missing command (want one of: add, list, disable, reset-totp)");
  }

  /** Where the accounts live: the same options as {@code serve}. */
  static final class Store {
    @Option(names = "--data", paramLabel = "DIR",
        description = "data folder (default: ./" + Config.DEFAULT_DATA + ")")
    String data;

    @Option(names = "--db", paramLabel = "JDBC_URL",
        description = "PostgreSQL server (default: $" + Config.ENV_DB_URL + ", else embedded)")
    String db;

    <T> T withAccounts(Function<StaffAccounts, T> work) {
      Config config = Config.resolve(new Config.Options(null, data, db, null), System.getenv());
      try (Database database = Database.open(config)) {
        StaffAccounts accounts = new StaffAccounts(database,
            Parts.staffKey(config), PasswordHasher.DEFAULT, Clock.systemUTC());
        return work.apply(accounts);
      }
    }

    /** For changes: the accounts with the ledger running, so that each change is in it. */
    <T> T changing(Function<AccountAdmin, T> work) {
      Config config = Config.resolve(new Config.Options(null, data, db, null), System.getenv());
      var signer = LedgerKeys.load(config);
      try (Database database = Database.open(config)) {
        Clock clock = Clock.systemUTC();
        try (PostgresLedger ledger = PostgresLedger.start(database, clock, signer)) {
          return work.apply(new AccountAdmin(database, ledger, Parts.staffKey(config), PasswordHasher.DEFAULT, clock));
        }
      }
    }
  }

  static void printEnrolment(PrintWriter out, AccountAdmin.Setup e) {
    out.println("Add this to the staff member's authenticator app (shown once):");
    out.println("  otpauth URI: " + e.otpauthUri());
    out.println("  secret (Base32): " + e.secretBase32());
  }

  @Command(name = "add", mixinStandardHelpOptions = true,
      description = "Creates an account; prints its second-factor secret once.")
  static final class Add implements Callable<Integer> {
    @Mixin Store store;
    @Spec CommandSpec spec;

    @Option(names = "--username", required = true, paramLabel = "U")
    String username;

    @Option(names = "--role", required = true, paramLabel = "R",
        description = "repeatable: ${COMPLETION-CANDIDATES}")
    List<Role> roles = new ArrayList<>();

    @Option(names = "--password-file", paramLabel = "FILE",
        description = "read the password from the first line of FILE (default: prompt, or stdin)")
    Path passwordFile;

    @Override
    public Integer call() {
      String password = readPassword(passwordFile);
      AccountAdmin.Setup e = store.changing(a -> a.add(AccountAdmin.By.COMMAND_LINE, username, password,
          EnumSet.copyOf(roles)));
      PrintWriter out = spec.commandLine().getOut();
      out.println("Added " + e.account().username() + " with roles " + sorted(e.account().roles()));
      printEnrolment(out, e);
      return Main.OK;
    }
  }

  @Command(name = "list", mixinStandardHelpOptions = true, description = "Lists the accounts.")
  static final class ListAccounts implements Callable<Integer> {
    @Mixin Store store;
    @Spec CommandSpec spec;

    @Override
    public Integer call() {
      PrintWriter out = spec.commandLine().getOut();
      for (StaffAccounts.Summary s : store.withAccounts(StaffAccounts::list)) {
        String state = s.disabled() ? "disabled" : s.locked() ? "locked" : "active";
        out.println(s.username() + "\t" + state + "\t" + String.join(",", sorted(s.roles())));
      }
      return Main.OK;
    }
  }

  @Command(name = "disable", mixinStandardHelpOptions = true,
      description = "Disables an account and ends its sessions.")
  static final class Disable implements Callable<Integer> {
    @Mixin Store store;
    @Spec CommandSpec spec;

    @Parameters(paramLabel = "U")
    String username;

    @Override
    public Integer call() {
      store.changing(a -> {
        a.disable(AccountAdmin.By.COMMAND_LINE, a.idOf(username));
        return null;
      });
      spec.commandLine().getOut().println("Disabled " + username);
      return Main.OK;
    }
  }

  @Command(name = "reset-totp", mixinStandardHelpOptions = true,
      description = "Gives an account a new second-factor secret; prints it once.")
  static final class ResetTotp implements Callable<Integer> {
    @Mixin Store store;
    @Spec CommandSpec spec;

    @Parameters(paramLabel = "U")
    String username;

    @Override
    public Integer call() {
      AccountAdmin.Setup e = store.changing(a -> a.resetSecondFactor(AccountAdmin.By.COMMAND_LINE, a.idOf(username)));
      printEnrolment(spec.commandLine().getOut(), e);
      return Main.OK;
    }
  }

  private static List<String> sorted(java.util.Set<Role> roles) {
    return roles.stream().map(Role::name).sorted().toList();
  }

  // never echo the password: not on the terminal, not in an error message
  static String readPassword(Path file) {
    try {
      if (file != null) {
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        return lines.isEmpty() ? "" : lines.get(0);
      }
      Console console = System.console();
      if (console != null) {
        char[] first = console.readPassword("Password (at least %d characters): ",
            StaffAccounts.MIN_PASSWORD_LENGTH);
        char[] again = console.readPassword("Password again: ");
        if (first == null || again == null || !new String(first).equals(new String(again))) {
          throw new InvalidInput("password", "password: the two entries differ (want the same twice)");
        }
        return new String(first);
      }
      String line = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))
          .readLine();
      return line == null ? "" : line;
    } catch (NoSuchFileException e) {
      throw InvalidInput.of("password-file", file.toString(), "does not exist", "a readable file");
    } catch (IOException e) {
      throw InvalidInput.of("password-file", String.valueOf(file), "cannot be read: " + e.getMessage(),
          "a readable file");
    }
  }
}
