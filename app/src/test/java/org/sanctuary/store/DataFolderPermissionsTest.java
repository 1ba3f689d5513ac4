package org.sanctuary.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 13, defect 4: nothing in the data folder may be writable by another local user (the
 * unpacked PostgreSQL programs were 0777, so anyone could swap what the next start runs). Paths
 * that are ours are made owner-only; a path owned by someone else and writable by others stops
 * the start, naming it.
 */
class DataFolderPermissionsTest {
  @TempDir Path data;

  private static String mode(Path p) throws Exception {
    return PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
  }

  private static void chmod(Path p, String mode) throws Exception {
    Files.setPosixFilePermissions(p, PosixFilePermissions.fromString(mode));
  }

  @Test
  void secure_ownPathsOpenToOthers_madeOwnerOnlyKeepingExecute() throws Exception {
    Path bin = Files.createDirectories(data.resolve("postgres-binaries/bin"));
    Path program = Files.writeString(bin.resolve("postgres"), "#!/bin/sh\n");
    Path key = Files.writeString(data.resolve("ledger.key"), "k");
    chmod(data.resolve("postgres-binaries"), "rwxrwxrwx");
    chmod(bin, "rwxr-xr-x");
    chmod(program, "rwxrwxr-x");
    chmod(key, "rw-rw-rw-");
    chmod(data, "rwxr-xr-x");

    DataFolderPermissions.secure(data);

    assertThat(mode(data)).isEqualTo("rwx------");
    assertThat(mode(data.resolve("postgres-binaries"))).isEqualTo("rwx------");
    assertThat(mode(bin)).isEqualTo("rwx------");
    assertThat(mode(program)).isEqualTo("rwx------");
    assertThat(mode(key)).isEqualTo("rw-------");
  }

  @Test
  void secure_linkedFolder_itsTargetMadeOwnerOnly(@TempDir Path elsewhere) throws Exception {
    Path shared = Files.createDirectories(elsewhere.resolve("binaries"));
    chmod(shared, "rwxrwxrwx");
    Files.createSymbolicLink(data.resolve("postgres-binaries"), shared);

    DataFolderPermissions.secure(data);

    assertThat(mode(shared)).isEqualTo("rwx------");
  }

  @Test
  void secure_someoneElsesWritablePath_refusedNamingIt() throws Exception {
    UserPrincipal nobody = data.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("nobody");
    Path bin = Files.createDirectories(data.resolve("postgres-binaries"));
    Path program = Files.writeString(bin.resolve("initdb"), "#!/bin/sh\n");
    try {
      Files.setOwner(program, nobody);
    } catch (java.io.IOException notRoot) {
      assumeTrue(false, "changing a file's owner needs root");
    }
    chmod(program, "rwxrwxrwx");

    assertThatThrownBy(() -> DataFolderPermissions.secure(data))
        .isInstanceOf(StoreException.class)
        .hasMessageContaining(program.toString())
        .hasMessageContaining("writable by other users");
    assertThat(mode(program)).isEqualTo("rwxrwxrwx");
  }

  @Test
  void embedded_someoneElsesWritableFile_refusesToStartNamingIt() throws Exception {
    UserPrincipal nobody = data.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("nobody");
    Path key = Files.writeString(data.resolve("incidents.key"), "x".repeat(32));
    try {
      Files.setOwner(key, nobody);
    } catch (java.io.IOException notRoot) {
      assumeTrue(false, "changing a file's owner needs root");
    }
    chmod(key, "rw-rw-rw-");

    assertThatThrownBy(() -> Database.embedded(data))
        .isInstanceOf(StoreException.class)
        .hasMessageContaining(key.toString());
    assertThat(data.resolve("postgres")).doesNotExist();
  }

  @Test
  void embedded_binariesOpenToAll_ownerOnlyAfterStart() throws Exception {
    TestDatabases.sharePostgresBinaries(data);
    Path shared = data.resolve(EmbeddedCluster.BINARIES_FOLDER).toRealPath();
    chmod(shared, "rwxrwxrwx");
    try (Database database = Database.embedded(data)) {
      assertThat(mode(shared)).isEqualTo("rwx------");
      try (var children = Files.list(shared)) {
        for (Path p : children.toList()) {
          assertThat(mode(p).substring(3)).as(p.toString()).doesNotContain("w");
        }
      }
    } finally {
      TestDatabases.unsharePostgresBinaries(data);
    }
  }
}
