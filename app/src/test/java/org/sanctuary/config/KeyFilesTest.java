package org.sanctuary.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeyFilesTest {
  @TempDir Path dir;

  @Test
  void randomKey_newFile_isOwnerOnlyWholeAndStable() {
    Path file = dir.resolve("sub/k.key");
    byte[] first = KeyFiles.randomKey(file, 32, "key");
    assertThat(first).hasSize(32);
    assertThat(KeyFiles.randomKey(file, 32, "key")).isEqualTo(first);
    assertThat(permissions(file)).isEqualTo("rw-------");
    assertThat(dir.resolve("sub").toFile().list()).as("no temporary file left behind").containsExactly("k.key");
  }

  @Test
  void randomKey_manyCreatorsAtOnce_allReadTheOneKeyOnDisk() throws Exception {
    Path file = dir.resolve("race.key");
    int threads = 8;
    CountDownLatch go = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<byte[]>> keys = new ArrayList<>();
      for (int i = 0; i < threads; i++) {
        keys.add(pool.submit(() -> {
          go.await();
          return KeyFiles.randomKey(file, 32, "key");
        }));
      }
      go.countDown();
      Set<String> distinct = new HashSet<>();
      for (Future<byte[]> k : keys) distinct.add(java.util.HexFormat.of().formatHex(k.get()));
      assertThat(distinct).hasSize(1);
      assertThat(distinct.iterator().next()).isEqualTo(java.util.HexFormat.of().formatHex(Files.readAllBytes(file)));
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void randomKey_emptyFileFromAnOlderCrash_isRefusedNamingTheFile() throws Exception {
    Path file = dir.resolve("empty.key");
    Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    assertThatThrownBy(() -> KeyFiles.randomKey(file, 32, "SANCTUARY_X_KEY_FILE"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("SANCTUARY_X_KEY_FILE").hasMessageContaining(file.toString())
        .hasMessageContaining("holds 0 bytes").hasMessageContaining("restore");
  }

  @Test
  void read_fileOthersCanRead_isRefused() throws Exception {
    Path file = dir.resolve("open.key");
    Files.write(file, new byte[32]);
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
    assertThatThrownBy(() -> KeyFiles.randomKey(file, 32, "key"))
        .isInstanceOf(ConfigException.class).hasMessageContaining("open to others").hasMessageContaining("chmod 600");
  }

  @Test
  void create_existingFile_isNeverReplaced() throws Exception {
    Path file = dir.resolve("keep.key");
    KeyFiles.create(file, new byte[] {1, 2, 3}, "key");
    KeyFiles.create(file, new byte[] {9}, "key");
    assertThat(Files.readAllBytes(file)).containsExactly(1, 2, 3);
  }

  private static String permissions(Path file) {
    try {
      return PosixFilePermissions.toString(Files.getPosixFilePermissions(file));
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
