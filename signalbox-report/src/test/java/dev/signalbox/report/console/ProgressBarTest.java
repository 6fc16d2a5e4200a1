package dev.signalbox.report.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ProgressBarTest {

  @Test
  void draws_oneLineWithCarriageReturnsAndEndsIt() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ProgressBar bar = ProgressBar.to(new PrintStream(bytes, true, StandardCharsets.UTF_8), "embedding", 4)) {
      bar.advance(1);
      bar.advance(3);
    }
    String out = bytes.toString(StandardCharsets.UTF_8);
    assertThat(out).startsWith("\rembedding [").contains("4/4").endsWith(System.lineSeparator());
    assertThat(out.indexOf('\n')).isEqualTo(out.length() - 1); // one line, redrawn in place
  }

  @Test
  void start_isSilentWithoutATerminal() {
    // the test JVM has no console, so nothing is drawn and closing prints nothing
    try (ProgressBar bar = ProgressBar.start("quiet", 2)) {
      bar.advance(2);
    }
    assertThat(System.console()).isNull();
  }
}
