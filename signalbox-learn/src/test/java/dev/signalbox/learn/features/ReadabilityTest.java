package dev.signalbox.learn.features;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** Flesch reading ease as GreenServ's complexity, on sentences counted by hand. */
class ReadabilityTest {

  @Test
  void difficulty_isOneHundredMinusFleschReadingEase() {
    // 8 words, 1 sentence, 12 syllables (the man reads a good book a-bout in-for-ma-tion):
    // FRE = 206.835 − 1.015·8 − 84.6·12/8 = 71.815; difficulty = 28.185
    assertThat(Readability.difficulty("The man reads a good book about information.")).isCloseTo(28.185, within(1e-9));
  }

  @Test
  void difficulty_isClampedToZeroAndOneHundred() {
    assertThat(Readability.difficulty("The cat sat. The dog ran far away.")).isZero(); // FRE 107.6
    assertThat(Readability.difficulty("Information technology.")).isEqualTo(100); // FRE −133.6
    assertThat(Readability.difficulty("")).isZero();
    assertThat(Readability.difficulty("1 + 2 = 3")).isZero();
  }

  @Test
  void silentFinalE_isNotASyllable_butLeIs() {
    // "make code": 2 syllables, FRE = 206.835 − 2.03 − 84.6 = 120.2 → 0; "table simple": 4 → FRE = 36.0 → 64.0
    assertThat(Readability.difficulty("make code")).isZero();
    assertThat(Readability.difficulty("table simple")).isCloseTo(100 - (206.835 - 1.015 * 2 - 84.6 * 2), within(1e-9));
  }

  @Test
  void bins_countTheThresholdsReached() {
    double[] greenServ = {20, 30};
    assertThat(Readability.bin(0, greenServ)).isZero();
    assertThat(Readability.bin(19.99, greenServ)).isZero();
    assertThat(Readability.bin(20, greenServ)).isEqualTo(1);
    assertThat(Readability.bin(28.185, greenServ)).isEqualTo(1);
    assertThat(Readability.bin(30, greenServ)).isEqualTo(2);
    assertThat(Readability.bin(100, greenServ)).isEqualTo(2);
  }
}
