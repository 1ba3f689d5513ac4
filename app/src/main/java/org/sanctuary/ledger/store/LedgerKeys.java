package org.sanctuary.ledger.store;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;

import java.nio.file.Path;
import org.sanctuary.config.Config;
import org.sanctuary.config.ConfigException;
import org.sanctuary.config.KeyFiles;
import org.sanctuary.ledger.note.Signer;

/**
 * The ledger's signing key. It lives in a file outside the database, so whoever can change rows
 * cannot also sign a rewritten history. With no key file configured, {@code <data>/ledger.key} is
 * created on first start, readable by its owner only.
 */
public final class LedgerKeys {
  private LedgerKeys() {}

  /** Reads the configured key, or creates the default one; its name must be the origin. */
  public static Signer load(Config config) {
    Config.LedgerSettings settings = config.ledger();
    Path file = settings.keyFileIn(config.dataDirectory());
    if (Files.exists(file)) {
      Signer signer = read(file);
      if (settings.origin().isPresent() && !settings.origin().get().equals(signer.name())) {
        throw new ConfigException("ledger-origin", settings.origin().get(),
            "is not the name of the key in " + file, "the key's name, " + signer.name());
      }
      return signer;
    }
    if (settings.keyFile().isPresent()) {
      // A mistyped production path must not quietly start a new log key.
      throw new ConfigException("ledger-key", file.toString(), "does not exist",
          "an existing signer key file (PRIVATE+KEY+...)");
    }
    Signer signer = Signer.generate(settings.origin().orElse(Config.DEFAULT_LEDGER_ORIGIN));
    KeyFiles.create(file, (signer.encoded() + "\n").getBytes(StandardCharsets.UTF_8), "ledger-key");
    // another node may have made the key first: everybody signs with the one on disk
    return read(file);
  }

  /** Reads a signer key file, naming the file (never the key) when it is unusable. */
  public static Signer read(Path file) {
    try {
      return Signer.read(file);
    } catch (IOException e) {
      throw new ConfigException("ledger-key", file.toString(), "cannot be read (" + e.getMessage() + ")",
          "a readable signer key file");
    } catch (IllegalArgumentException e) {
      throw new ConfigException("ledger-key", file.toString(), "is not a signer key",
          "a file holding PRIVATE+KEY+<name>+<key id>+<key>");
    }
  }
}
