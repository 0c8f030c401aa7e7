package dev.ec2kit.local.internal.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A crash at any moment of a save leaves the part as it was last saved whole: a snapshot torn at
 * any byte is dropped and the earlier one read; a kept file changed behind the emulator's back is
 * refused by name, never read as an empty world.
 */
class StateDirectoryTest {
  @TempDir Path dir;

  private static ArrayList<String> part(String... items) {
    return new ArrayList<>(List.of(items));
  }

  /** The bytes a save of {@code part} writes, taken from a directory of their own. */
  private byte[] savedBytes(ArrayList<String> part) throws Exception {
    Path other = dir.resolve("other");
    try (StateDirectory d = StateDirectory.open(other)) {
      d.save("123456789012-us-east-1", part);
    }
    return Files.readAllBytes(other.resolve("world/123456789012-us-east-1.state"));
  }

  @Test
  void a_save_torn_at_any_byte_leaves_the_earlier_save_whole() throws Exception {
    Path state = dir.resolve("state");
    try (StateDirectory d = StateDirectory.open(state)) {
      d.save("123456789012-us-east-1", part("i-1", "i-2"));
    }
    byte[] newer = savedBytes(part("i-1", "i-2", "i-3"));
    Path tmp = state.resolve("world/123456789012-us-east-1.state.tmp");
    for (int cut : new int[] {0, 1, 7, 12, 20, 28, newer.length / 2, newer.length - 1}) {
      Files.write(tmp, Arrays.copyOf(newer, cut)); // the crash came before the rename
      try (StateDirectory d = StateDirectory.open(state)) {
        assertThat(d.load())
            .containsExactly(Map.entry("123456789012-us-east-1", part("i-1", "i-2")));
      }
      assertThat(tmp).doesNotExist();
    }
  }

  @Test
  void a_save_that_returned_is_what_the_next_start_reads() throws Exception {
    Path state = dir.resolve("state");
    try (StateDirectory d = StateDirectory.open(state)) {
      d.save("a", part("one"));
      d.save("a", part("one", "two"));
      d.save("b", part("three"));
    }
    try (StateDirectory d = StateDirectory.open(state)) {
      assertThat(d.load())
          .containsExactly(Map.entry("a", part("one", "two")), Map.entry("b", part("three")));
    }
    assertThat(Files.getPosixFilePermissions(state.resolve("world/a.state")))
        .map(Object::toString)
        .containsExactlyInAnyOrder("OWNER_READ", "OWNER_WRITE");
  }

  @Test
  void a_kept_file_cut_short_behind_the_emulator_is_refused_by_name() throws Exception {
    Path state = dir.resolve("state");
    try (StateDirectory d = StateDirectory.open(state)) {
      d.save("a", part("one", "two"));
    }
    Path kept = state.resolve("world/a.state");
    byte[] whole = Files.readAllBytes(kept);
    for (int cut : new int[] {5, 30, whole.length - 1}) {
      Files.write(kept, Arrays.copyOf(whole, cut));
      try (StateDirectory d = StateDirectory.open(state)) {
        assertThatThrownBy(d::load)
            .isInstanceOf(IllegalStateException.class)
            .hasMessageContaining(kept.toString())
            .hasMessageContaining("damaged");
      }
    }
    whole[whole.length - 1] ^= 1;
    Files.write(kept, whole);
    try (StateDirectory d = StateDirectory.open(state)) {
      assertThatThrownBy(d::load).hasMessageContaining("checksum");
    }
  }

  @Test
  void a_class_that_is_not_the_emulators_is_never_read_back() throws Exception {
    Path state = dir.resolve("state");
    try (StateDirectory d = StateDirectory.open(state)) {
      d.save("b", new javax.security.auth.x500.X500Principal("CN=someone"));
    }
    try (StateDirectory d = StateDirectory.open(state)) {
      assertThatThrownBy(d::load)
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("incompatible version");
    }
  }
}
