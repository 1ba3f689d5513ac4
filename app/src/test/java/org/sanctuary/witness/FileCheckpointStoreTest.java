package org.sanctuary.witness;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileCheckpointStoreTest {
  @TempDir Path dir;

  @Test
  void save_thenLatest_replacesTheFileWholeAndLeavesNoTemporaryFile() throws Exception {
    FileCheckpointStore store = new FileCheckpointStore(dir.resolve("checkpoints"));
    assertThat(store.latest("city.example/ledger")).isEmpty();
    store.save("city.example/ledger", "first\n");
    store.save("city.example/ledger", "second\n");
    store.saveRefused("city.example/ledger", "fork\n");
    assertThat(store.latest("city.example/ledger")).hasValue("second\n");
    assertThat(new FileCheckpointStore(dir.resolve("checkpoints")).latest("city.example/ledger")).hasValue("second\n");
    try (Stream<Path> files = Files.list(dir.resolve("checkpoints"))) {
      assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder(
          FileCheckpointStore.originHash("city.example/ledger") + ".checkpoint",
          FileCheckpointStore.originHash("city.example/ledger") + ".refused");
    }
  }

  @Test
  void originHash_isLowerHexSha256OfTheOrigin() {
    // printf 'city.example/ledger' | sha256sum
    assertThat(FileCheckpointStore.originHash("city.example/ledger"))
        .isEqualTo("6a12d8a6c93f515062433543a4a587b6fa590c3f234ce737e101a302649f84ed");
  }
}
