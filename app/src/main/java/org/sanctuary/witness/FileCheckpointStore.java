package org.sanctuary.witness;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;

/**
 * One small file per followed log, named by the SHA-256 of its origin (as the monitoring path is):
 * {@code <dir>/<hex>.checkpoint}. A save writes a temporary file in the same folder, forces it to
 * disk, renames it over the old one and forces the folder, so a crash leaves the old checkpoint or
 * the new one, never a torn file.
 */
public final class FileCheckpointStore implements CheckpointStore {
  private final Path dir;

  public FileCheckpointStore(Path dir) throws IOException {
    this.dir = Files.createDirectories(dir);
  }

  /** Lower-case hex SHA-256 of the origin: the name tlog-witness uses for a log in paths. */
  public static String originHash(String origin) {
    try {
      return HexFormat.of().formatHex(
          MessageDigest.getInstance("SHA-256").digest(origin.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform must provide SHA-256", e);
    }
  }

  @Override
  public Optional<String> latest(String origin) throws IOException {
    try {
      return Optional.of(Files.readString(file(origin, ".checkpoint"), StandardCharsets.UTF_8));
    } catch (NoSuchFileException e) {
      return Optional.empty();
    }
  }

  @Override
  public void save(String origin, String note) throws IOException {
    write(file(origin, ".checkpoint"), note);
  }

  @Override
  public void saveRefused(String origin, String note) throws IOException {
    write(file(origin, ".refused"), note);
  }

  private Path file(String origin, String suffix) {
    return dir.resolve(originHash(origin) + suffix);
  }

  private void write(Path target, String text) throws IOException {
    Path temp = Files.createTempFile(dir, ".tmp-", ".part");
    try {
      try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
        ByteBuffer bytes = ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
        while (bytes.hasRemaining()) channel.write(bytes);
        channel.force(true);
      }
      try {
        Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        throw new IOException("cannot rename atomically in " + dir + " (want a local file system)", e);
      }
    } finally {
      Files.deleteIfExists(temp);
    }
    forceDirectory();
  }

  // The rename is durable only once the folder's entry is on disk; not every platform allows it.
  private void forceDirectory() {
    try (FileChannel folder = FileChannel.open(dir, StandardOpenOption.READ)) {
      folder.force(true);
    } catch (IOException e) {
      // Some systems cannot open a folder for reading; the file itself was forced.
    }
  }
}
