package org.sanctuary.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.sanctuary.store.StoreException;
import java.util.concurrent.Callable;
import org.sanctuary.errors.InvalidInput;
import org.sanctuary.register.ChicagoTime;
import org.sanctuary.register.RecordsTokens;
import org.sanctuary.register.Register;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code sanctuary register ...}: the register of received requests from the command line: tokens
 * for records systems, and the import of an existing log. With the embedded database, run these
 * while the server is stopped.
 */
@Command(name = "register", mixinStandardHelpOptions = true,
    description = "Manage records-system tokens and import a log of received requests.",
    subcommands = {RegisterCommand.TokenAdd.class, RegisterCommand.TokenRevoke.class,
        RegisterCommand.TokenList.class, RegisterCommand.Import.class})
final class RegisterCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    throw new picocli.CommandLine.ParameterException(spec.commandLine(),
        "missing command (want token-add, token-revoke, token-list or import)");
  }

  @Command(name = "token-add", mixinStandardHelpOptions = true,
      description = "Issues a token for a records system; prints it once.")
  static final class TokenAdd implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin RegisterOptions store;

    @Parameters(paramLabel = "NAME", description = "the records system, e.g. cpd-clear")
    String name;

    @Override
    public Integer call() {
      RecordsTokens.Issued t = store.writing(p -> p.tokens().issue(name));
      PrintWriter out = spec.commandLine().getOut();
      out.println("Issued token " + t.id() + " for " + t.name() + " (shown once; only its hash is kept):");
      out.println(t.token());
      return Main.OK;
    }
  }

  @Command(name = "token-revoke", mixinStandardHelpOptions = true,
      description = "Revokes a records system's token; its next use is refused.")
  static final class TokenRevoke implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin RegisterOptions store;

    @Parameters(paramLabel = "NAME")
    String name;

    @Override
    public Integer call() {
      long id = store.writing(p -> p.tokens().revoke(name));
      spec.commandLine().getOut().println("Revoked token " + id + " (" + name.strip() + ")");
      return Main.OK;
    }
  }

  @Command(name = "token-list", mixinStandardHelpOptions = true, description = "Lists the tokens (never the tokens themselves).")
  static final class TokenList implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin RegisterOptions store;

    @Override
    public Integer call() {
      PrintWriter out = spec.commandLine().getOut();
      for (RecordsTokens.Summary s : store.writing(p -> p.tokens().list())) {
        out.println(s.id() + "\t" + s.name() + "\t" + s.prefix() + "...\t"
            + (s.revoked() ? "revoked " + ChicagoTime.show(s.revokedAt()) : "live"));
      }
      return Main.OK;
    }
  }

  @Command(name = "import", mixinStandardHelpOptions = true,
      description = "Imports a CSV log of received requests (columns in docs/register.md): all rows, or none.")
  static final class Import implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin RegisterOptions store;

    @Parameters(paramLabel = "FILE", description = "UTF-8 CSV with a header row")
    Path file;

    @Override
    public Integer call() {
      if (!Files.isReadable(file)) {
        throw InvalidInput.of("FILE", file.toString(), "cannot be read", "a readable CSV file");
      }
      Register.ImportResult result;
      try {
        result = store.writing(p -> p.register().importCsv(() -> open(file)));
      } catch (StoreException e) {
        // most often a running server holds the data folder or the ledger: say where to go instead
        throw new StoreException(e.getMessage() + "; while the server runs, import the file through it: the page "
            + "/staff/register/import or POST /api/v1/register/import (see docs/register.md)", e);
      }
      if (result instanceof Register.ImportProblems problems) {
        PrintWriter err = spec.commandLine().getErr();
        for (String line : problems.lines()) err.println("sanctuary: " + file.getFileName() + ": " + line);
        err.println("sanctuary: " + problems.lines().size() + " problem(s); nothing was imported");
        return Main.BAD_INPUT;
      }
      Register.Imported done = (Register.Imported) result;
      spec.commandLine().getOut().println("Imported " + done.rows() + " requests"
          + (done.rows() == 0 ? "" : " (ledger entries " + done.firstIndex() + " to " + done.lastIndex() + ")"));
      return Main.OK;
    }

    // strict UTF-8: a file in another encoding is refused, not read as garbage
    private static BufferedReader open(Path file) {
      try {
        var decoder = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
        return new BufferedReader(new java.io.InputStreamReader(Files.newInputStream(file), decoder), 1 << 16);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }
}
