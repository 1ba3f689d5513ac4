package org.sanctuary.ledger.monitor;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;

/**
 * What a monitor remembers between runs: the log's verifier key and the last checkpoint it checked
 * (the signed note, so the file proves what the log said). Text:
 *
 * <pre>
 * sanctuary-monitor 1
 * key city.example/ledger+7d441c73+AQOh...
 *
 * city.example/ledger
 * 21
 * ...
 * </pre>
 */
public record MonitorState(String key, String checkpoint) {
  private static final String HEADER = "sanctuary-monitor 1\n";

  public static Optional<MonitorState> read(Path file) throws IOException {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      return Optional.empty();
    }
    int blank = text.indexOf("\n\n");
    if (!text.startsWith(HEADER + "key ") || blank < 0) {
      throw new IOException(file + ": not a monitor state file (want \"sanctuary-monitor 1\", a key line, a blank line, a checkpoint)");
    }
    return Optional.of(new MonitorState(text.substring(HEADER.length() + 4, blank), text.substring(blank + 2)));
  }

  public void write(Path file) throws IOException {
    Path dir = file.toAbsolutePath().getParent();
    Files.createDirectories(dir);
    Path temp = Files.createTempFile(dir, ".monitor-", ".part");
    try {
      Files.writeString(temp, HEADER + "key " + key + "\n\n" + checkpoint, StandardCharsets.UTF_8);
      Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } finally {
      Files.deleteIfExists(temp);
    }
  }
}
