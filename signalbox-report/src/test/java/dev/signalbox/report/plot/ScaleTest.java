package dev.signalbox.report.plot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class ScaleTest {

  @Test
  void log_mapsEveryDecadeToTheSameWidth() {
    Scale s = new Scale(1e-5, 1e-2, true, 100, 700);
    assertThat(s.px(1e-5)).isCloseTo(100, within(1e-9));
    assertThat(s.px(1e-2)).isCloseTo(700, within(1e-9));
    double decade = s.px(1e-4) - s.px(1e-5);
    assertThat(decade).isCloseTo(200, within(1e-9));
    assertThat(s.px(1e-3) - s.px(1e-4)).isCloseTo(decade, within(1e-9));
    assertThat(s.px(1e-2) - s.px(1e-3)).isCloseTo(decade, within(1e-9));
    assertThat(s.px(2e-4) - s.px(1e-4)).as("a factor of 2 anywhere").isCloseTo(s.px(2e-3) - s.px(1e-3), within(1e-9));
    assertThat(s.px(0)).as("zero sits on the axis start").isEqualTo(100);
    assertThat(s.value(s.px(3.3e-4))).isCloseTo(3.3e-4, within(1e-15));
  }

  @Test
  void linear_isProportional_andCanRunUpwards() {
    Scale s = new Scale(0.5, 1.0, false, 600, 100);
    assertThat(s.px(0.5)).isEqualTo(600);
    assertThat(s.px(0.75)).isCloseTo(350, within(1e-9));
    assertThat(s.px(1.0)).isCloseTo(100, within(1e-9));
  }
}
