package dev.signalbox.report.plot;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class TicksTest {

  /** A 1, 2 or 5 times a power of ten. */
  private static boolean oneTwoFive(double v) {
    BigDecimal d = BigDecimal.valueOf(v).stripTrailingZeros();
    return d.precision() == 1 && (d.unscaledValue().intValue() == 1 || d.unscaledValue().intValue() == 2
        || d.unscaledValue().intValue() == 5);
  }

  @Test
  void linear_awkwardQualityRange_getsRoundStepsThatCoverIt() {
    Ticks t = Ticks.linear(0.54, 0.63, 9);
    assertThat(t.lo()).isLessThanOrEqualTo(0.54);
    assertThat(t.hi()).isGreaterThanOrEqualTo(0.63);
    assertThat(t.values().length).isBetween(4, 9);
    BigDecimal step = new BigDecimal(t.labels()[1]).subtract(new BigDecimal(t.labels()[0]));
    assertThat(oneTwoFive(step.doubleValue())).as("step %s", step).isTrue();
    for (int i = 0; i < t.values().length; i++) {
      BigDecimal v = new BigDecimal(t.labels()[i]);
      assertThat(v.remainder(step).signum()).as("%s is a multiple of the step", v).isZero();
      assertThat(t.values()[i]).isEqualTo(v.doubleValue());
      assertThat(t.labels()[i]).as("short label").hasSizeLessThanOrEqualTo(4);
    }
    assertThat(t.labels()).containsSequence("0.54", "0.56", "0.58", "0.60");
  }

  @Test
  void linear_costRangeAndCounts_areRoundToo() {
    Ticks cost = Ticks.linear(0.00103, 0.0041, 6);
    assertThat(cost.labels()).containsExactly("0.001", "0.002", "0.003", "0.004", "0.005");
    Ticks requests = Ticks.linear(0, 945, 11);
    assertThat(requests.labels()).containsExactly("0", "100", "200", "300", "400", "500", "600", "700", "800", "900",
        "1000");
    assertThat(Ticks.linear(0.1, 0.3, 5).values()).as("exact decimals").containsExactly(0.1, 0.15, 0.2, 0.25, 0.3);
  }

  @Test
  void log_awkwardCostRange_getsRoundTicksWithShortDollarLabels() {
    Ticks t = Ticks.log(0.00103, 0.0041);
    assertThat(t.lo()).isLessThan(0.00103);
    assertThat(t.hi()).isGreaterThan(0.0041);
    assertThat(t.labels()).as("under a decade: every multiple").containsExactly("0.001", "0.002", "0.003", "0.004");
  }

  @Test
  void log_twoDecades_usesOneTwoFive_andManyDecades_onlyPowersOfTen() {
    Ticks t = Ticks.log(4.85e-5, 9.4e-3);
    assertThat(t.labels()).containsExactly("0.00005", "0.0001", "0.0002", "0.0005", "0.001", "0.002", "0.005", "0.01");
    assertThat(Arrays.stream(t.values()).allMatch(TicksTest::oneTwoFive)).isTrue();
    assertThat(Ticks.log(3e-6, 0.2).labels()).containsExactly("0.00001", "0.0001", "0.001", "0.01", "0.1");
  }
}
