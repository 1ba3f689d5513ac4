package org.sanctuary.store;

import java.io.IOException;
import java.nio.file.FileSystemLoopException;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Owner-only permissions on everything in the data folder, checked at every start.
 *
 * <p>Why: the folder holds the keys and the PostgreSQL programs the next start runs; the library
 * that unpacks those programs left them mode 0777, so any local user could replace them. A path
 * that is ours loses every group and other permission; a path owned by someone else that others
 * may write stops the start, naming it, since we cannot know what was put there. Linked folders
 * (the tests share one copy of the programs) are followed and treated the same.
 */
public final class DataFolderPermissions {
  private static final Logger log = LoggerFactory.getLogger(DataFolderPermissions.class);
  private static final Set<PosixFilePermission> OTHERS = EnumSet.of(
      PosixFilePermission.GROUP_READ, PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_EXECUTE,
      PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_EXECUTE);

  private DataFolderPermissions() {}

  /**
   * Makes every path under {@code dataDirectory} (itself included) that this process owns
   * owner-only.
   *
   * @throws StoreException before changing anything, naming each path owned by another user that
   *     group or others may write
   */
  public static void secure(Path dataDirectory) {
    if (!Files.exists(dataDirectory)
        || Files.getFileAttributeView(dataDirectory, PosixFileAttributeView.class) == null) {
      return; // nothing yet, or a file system without owners and modes
    }
    try {
      UserPrincipal me = dataDirectory.getFileSystem().getUserPrincipalLookupService()
          .lookupPrincipalByName(System.getProperty("user.name"));
      List<Path> toFix = new ArrayList<>();
      List<String> foreign = new ArrayList<>();
      Files.walkFileTree(dataDirectory, EnumSet.of(FileVisitOption.FOLLOW_LINKS), Integer.MAX_VALUE,
          new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
              check(dir);
              return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
              check(file);
              return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
              if (e instanceof FileSystemLoopException || e instanceof NoSuchFileException) {
                return FileVisitResult.CONTINUE; // a loop or a dangling link: nothing to run there
              }
              throw e;
            }

            private void check(Path p) throws IOException {
              PosixFileAttributes a = Files.readAttributes(p, PosixFileAttributes.class);
              Set<PosixFilePermission> mode = a.permissions();
              if (a.owner().equals(me)) {
                if (mode.stream().anyMatch(OTHERS::contains)) toFix.add(p);
              } else if (mode.contains(PosixFilePermission.GROUP_WRITE)
                  || mode.contains(PosixFilePermission.OTHERS_WRITE)) {
                foreign.add(p + " (owner " + a.owner().getName() + ", mode "
                    + PosixFilePermissions.toString(mode) + ")");
              }
            }
          });
      if (!foreign.isEmpty()) {
        throw new StoreException("data: " + String.join("; ", foreign) + " is writable by other users and not"
            + " owned by " + me.getName() + ", so what runs or is read from there could have been swapped"
            + " (want it owned by " + me.getName() + " and writable by its owner only: check it, then chown"
            + " and chmod go-rwx it, or remove it)");
      }
      for (Path p : toFix) {
        Set<PosixFilePermission> mode = EnumSet.copyOf(Files.getPosixFilePermissions(p));
        mode.removeAll(OTHERS);
        Files.setPosixFilePermissions(p, mode);
      }
      if (!toFix.isEmpty()) {
        log.info("data: made {} path(s) in {} owner-only", toFix.size(), dataDirectory);
      }
    } catch (IOException e) {
      throw new StoreException("data: cannot check the permissions in " + dataDirectory + ": " + e, e);
    }
  }
}
