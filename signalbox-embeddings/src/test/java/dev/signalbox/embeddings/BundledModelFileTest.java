package dev.signalbox.embeddings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BundledModelFileTest {
  private static final String CONTENT = "a small bundled file\n";

  @Test
  void copiesTheResourceOnceNamedAfterItsSize(@TempDir Path dir) throws Exception {
    Path file = BundledModelFile.of("bundled-sample.txt", dir);
    assertThat(file).isEqualTo(dir.resolve("bundled-sample-" + CONTENT.length() + ".txt"));
    assertThat(Files.readString(file)).isEqualTo(CONTENT);
    Files.setLastModifiedTime(file, FileTime.fromMillis(1_000));

    assertThat(BundledModelFile.of("bundled-sample.txt", dir)).isEqualTo(file);
    assertThat(Files.getLastModifiedTime(file).toMillis()).isEqualTo(1_000);
    try (var listing = Files.list(dir)) {
      assertThat(listing).containsExactly(file);
    }
  }

  @Test
  void replacesATruncatedCopy(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("bundled-sample-" + CONTENT.length() + ".txt");
    Files.writeString(file, "a small");
    assertThat(BundledModelFile.of("bundled-sample.txt", dir)).isEqualTo(file);
    assertThat(Files.readString(file)).isEqualTo(CONTENT);
  }

  @Test
  void aMissingResourceIsNamed(@TempDir Path dir) {
    assertThatThrownBy(() -> BundledModelFile.of("no-such-model.onnx", dir)).hasMessageContaining("no-such-model.onnx");
  }
}
