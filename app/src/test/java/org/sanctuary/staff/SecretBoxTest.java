package org.sanctuary.staff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sanctuary.config.ConfigException;

class SecretBoxTest {
  @TempDir Path dir;

  @Test
  void openOrCreate_missingFile_createsAnOwnerOnlyKeyThatReopens() throws Exception {
    Path file = dir.resolve("keys").resolve("staff.key");
    SecretBox first = SecretBox.openOrCreate(file);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
    assertThat(Files.size(file)).isEqualTo(32);
    byte[] sealed = first.sealText("a note", "row:1");
    assertThat(SecretBox.openOrCreate(file).openText(sealed, "row:1")).isEqualTo("a note");
  }

  @Test
  void openOrCreate_keyReadableByOthers_isRefusedNamingTheField() throws Exception {
    Path file = dir.resolve("staff.key");
    SecretBox.openOrCreate(file);
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
    assertThatThrownBy(() -> SecretBox.openOrCreate(file))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("SANCTUARY_STAFF_KEY_FILE")
        .hasMessageContaining("chmod 600");
  }

  @Test
  void open_otherRowOrAlteredBytesOrOtherKey_fails() {
    SecretBox box = SecretBox.of(new byte[32]);
    byte[] sealed = box.sealText("a note", "row:1");
    assertThat(new String(sealed, java.nio.charset.StandardCharsets.ISO_8859_1)).doesNotContain("a note");
    assertThatThrownBy(() -> box.openText(sealed, "row:2")).isInstanceOf(IllegalStateException.class);
    byte[] altered = sealed.clone();
    altered[altered.length - 1] ^= 1;
    assertThatThrownBy(() -> box.openText(altered, "row:1")).isInstanceOf(IllegalStateException.class);
    byte[] other = new byte[32];
    other[0] = 1;
    assertThatThrownBy(() -> SecretBox.of(other).openText(sealed, "row:1"))
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void keyFile_environmentWinsOverTheDataFolder() {
    org.sanctuary.config.Config config =
        new org.sanctuary.config.Config(0, dir, java.util.Optional.empty(), "127.0.0.1");
    assertThat(config.staffKeyFile(Map.of())).isEqualTo(config.dataDirectory().resolve("staff.key"));
    assertThat(config.staffKeyFile(Map.of("SANCTUARY_STAFF_KEY_FILE", "/etc/k")))
        .isEqualTo(Path.of("/etc/k"));
  }

  @Test
  void keyedHash_sameKeySameValue_equal_otherKeyOrValueOrPurpose_different_andNotThePlainHash() throws Exception {
    SecretBox one = SecretBox.of(new byte[32]);
    byte[] other = new byte[32];
    other[0] = 1;
    byte[] h = one.keyedHash("staff sign-in from", "203.0.113.7");
    org.assertj.core.api.Assertions.assertThat(h).hasSize(32)
        .isEqualTo(SecretBox.of(new byte[32]).keyedHash("staff sign-in from", "203.0.113.7"))
        .isNotEqualTo(SecretBox.of(other).keyedHash("staff sign-in from", "203.0.113.7"))
        .isNotEqualTo(one.keyedHash("staff sign-in from", "203.0.113.8"))
        .isNotEqualTo(one.keyedHash("another purpose", "203.0.113.7"))
        .isNotEqualTo(java.security.MessageDigest.getInstance("SHA-256").digest(
            "staff sign-in from 203.0.113.7".getBytes(java.nio.charset.StandardCharsets.UTF_8)));
  }
}
