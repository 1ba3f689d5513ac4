package org.sanctuary.config;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Set;

/**
 * Every key file the server keeps beside its data (the staff key, the incidents key, the ledger's
 * signing key) is created and read here, one way. A new file appears whole or not at all: the key is
 * written and synced under a temporary name, then linked to its real name, which fails if another
 * process got there first (its key is then read instead). A crash at any point leaves either no key
 * file or a complete one, never an empty one. Reading refuses a file others can read or one of the
 * wrong size, naming the file, never the key.
 */
public final class KeyFiles {
  private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");
  private static final SecureRandom RANDOM = new SecureRandom();

  private KeyFiles() {}

  /**
   * The file's {@code size} random bytes, made (owner-only, atomically) when there is no file yet.
   * {@code field} names the option or variable that chose the file, for error messages.
   */
  public static byte[] randomKey(Path file, int size, String field) {
    if (!Files.exists(file)) {
      byte[] fresh = new byte[size];
      RANDOM.nextBytes(fresh);
      create(file, fresh, field);
    }
    byte[] key = read(file, field);
    if (key.length != size) {
      throw new ConfigException(field, file.toString(), "holds " + key.length + " bytes",
          "a " + size + "-byte key (restore the file from backup)");
    }
    return key;
  }

  /** Reads a key file that only its owner may read. */
  public static byte[] read(Path file, String field) {
    try {
      if (Files.getFileStore(file).supportsFileAttributeView("posix")) {
        Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(file);
        if (!OWNER_ONLY.containsAll(permissions)) {
          throw new ConfigException(field, file.toString(),
              "is open to others (" + PosixFilePermissions.toString(permissions) + ")",
              "a file only its owner can read and write: chmod 600");
        }
      }
      return Files.readAllBytes(file);
    } catch (IOException e) {
      throw new ConfigException(field, file.toString(), "cannot be read (" + e.getMessage() + ")",
          "a readable key file");
    }
  }

  /**
   * Creates {@code file} holding {@code content}, owner-only, atomically; does nothing when the
   * file exists already (another process's key wins, and is the one everybody reads).
   */
  public static void create(Path file, byte[] content, String field) {
    Path dir = file.toAbsolutePath().getParent();
    Path temp = null;
    try {
      Files.createDirectories(dir);
      temp = Files.createTempFile(dir, "." + file.getFileName() + ".", ".new",
          PosixFilePermissions.asFileAttribute(OWNER_ONLY));
      try (FileChannel out = FileChannel.open(temp, StandardOpenOption.WRITE)) {
        ByteBuffer buffer = ByteBuffer.wrap(content);
        while (buffer.hasRemaining()) {
          out.write(buffer);
        }
        out.force(true);
      }
      try {
        Files.createLink(file, temp); // atomic, and never replaces an existing file
      } catch (FileAlreadyExistsException e) {
        return;
      }
      syncDirectory(dir);
    } catch (IOException | UnsupportedOperationException e) {
      throw new ConfigException(field, file.toString(), "cannot be created (" + e.getMessage() + ")",
          "a writable folder for the key file");
    } finally {
      if (temp != null) {
        try {
          Files.deleteIfExists(temp);
        } catch (IOException ignored) {
          // a stray temporary file holds no key anyone uses
        }
      }
    }
  }

  // the new name must survive a crash too, not only the bytes
  private static void syncDirectory(Path dir) {
    try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
      d.force(true);
    } catch (IOException e) {
      // some file systems cannot sync a directory; the file's own bytes are synced already
    }
  }
}
