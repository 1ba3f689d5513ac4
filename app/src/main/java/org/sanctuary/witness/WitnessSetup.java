package org.sanctuary.witness;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.sanctuary.config.ConfigException;
import org.sanctuary.ledger.note.Cosigner;
import org.sanctuary.ledger.note.Verifier;
import org.sanctuary.store.StoreException;

/**
 * A witness's data folder: {@code witness.key} (its Ed25519 key, created owner-only on first
 * start), {@code logs} (optional: the verifier keys of the logs it follows, one a line, {@code #}
 * for comments) and {@code checkpoints/} (the last cosigned checkpoint per log).
 */
public final class WitnessSetup {
  public static final String KEY_FILE = "witness.key";
  public static final String LOGS_FILE = "logs";

  private WitnessSetup() {}

  /**
   * Opens the witness in {@code dir}: its key (created under {@code name} when missing; when
   * present, {@code name}, if given, must be its name) and the logs of {@code logs} plus those of
   * the logs file.
   */
  public static Witness open(Path dir, String name, List<String> logs, Clock clock) {
    Cosigner key = key(dir, name);
    List<Verifier> followed = new ArrayList<>();
    for (String k : logs) followed.add(logKey("log", k));
    Path file = dir.resolve(LOGS_FILE);
    if (Files.exists(file)) {
      try {
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
          String k = line.strip();
          if (!k.isEmpty() && !k.startsWith("#")) followed.add(logKey(file.toString(), k));
        }
      } catch (IOException e) {
        throw new ConfigException("data", file.toString(), "cannot be read (" + e.getMessage() + ")", "a readable file");
      }
    }
    if (followed.isEmpty()) {
      throw new ConfigException("log", null, "given, and " + file + " lists none",
          "at least one log verifier key, e.g. --log city.example/ledger+7d441c73+AQOh...");
    }
    try {
      return new Witness(key, followed, new FileCheckpointStore(dir.resolve("checkpoints")), clock);
    } catch (IOException e) {
      throw new StoreException("witness: cannot create " + dir.resolve("checkpoints") + ": " + e.getMessage(), e);
    }
  }

  private static Verifier logKey(String field, String text) {
    try {
      return Verifier.parse(text);
    } catch (IllegalArgumentException e) {
      throw new ConfigException(field, text, "is not a log verifier key (" + e.getMessage() + ")",
          "<origin>+<8 hex digits>+<base64 of 0x01 and the key>");
    }
  }

  /** The witness key in {@code dir}, created under {@code name} when missing. */
  public static Cosigner key(Path dir, String name) {
    Path file = dir.resolve(KEY_FILE);
    if (Files.exists(file)) {
      Cosigner key;
      try {
        key = Cosigner.read(file);
      } catch (IOException e) {
        throw new ConfigException("data", file.toString(), "cannot be read (" + e.getMessage() + ")", "a readable key file");
      } catch (IllegalArgumentException e) {
        throw new ConfigException("data", file.toString(), "is not a witness key", "PRIVATE+KEY+<name>+<key id>+<key>");
      }
      if (name != null && !name.equals(key.name())) {
        throw new ConfigException("name", name, "is not the name of the key in " + file, "its name, " + key.name());
      }
      return key;
    }
    if (name == null) {
      throw new ConfigException("name", null, "given, and " + file + " does not exist",
          "the witness's name on first start, e.g. legalaid.example/witness");
    }
    Cosigner key;
    try {
      key = Cosigner.generate(name);
    } catch (IllegalArgumentException e) {
      throw new ConfigException("name", name, "is not a key name", "no spaces and no '+', e.g. legalaid.example/witness");
    }
    try {
      Files.createDirectories(dir);
      key.write(file);
    } catch (IOException e) {
      throw new StoreException("witness: cannot create the key file " + file + ": " + e.getMessage(), e);
    }
    return key;
  }
}
