package dev.signalbox.learn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.signalbox.learn.Frontier.Point;
import java.util.List;
import org.junit.jupiter.api.Test;

class FrontierTest {

  @Test
  void hull_dropsDominatedAndBelowChordPoints() {
    List<Point> hull = Frontier.hull(List.of(new Point(1, 0.5), new Point(2, 0.7), new Point(3, 0.75),
        new Point(4, 0.72), new Point(2.5, 0.6), new Point(1, 0.4)));
    assertThat(hull).containsExactly(new Point(1, 0.5), new Point(2, 0.7), new Point(3, 0.75));
  }

  @Test
  void hull_isConcave() {
    // (2, 0.55) lies under the chord from (1, 0.5) to (3, 0.8), which passes 0.65 at cost 2
    assertThat(Frontier.hull(List.of(new Point(1, 0.5), new Point(2, 0.55), new Point(3, 0.8))))
        .containsExactly(new Point(1, 0.5), new Point(3, 0.8));
  }

  @Test
  void zeroRouterAiq_bothNormalisations() {
    // single models A(1, .5), B(3, .9), C(4, .8): hull A-B, flat to c_max = 4
    // area = (3-1)(.5+.9)/2 + (4-3)(.9) = 1.4 + 0.9 = 2.3
    List<Point> singles = List.of(new Point(1, 0.5), new Point(3, 0.9), new Point(4, 0.8));
    assertThat(Frontier.area(Frontier.hull(singles), 4)).isCloseTo(2.3, within(1e-12));
    assertThat(Frontier.aiqByMax(singles, 4)).isCloseTo(0.575, within(1e-12));
    assertThat(Frontier.aiqByRange(singles, 1, 4)).isCloseTo(2.3 / 3, within(1e-12));
  }

  @Test
  void singlePointAiq_countsNothingBelowItsCost() {
    assertThat(Frontier.aiqByMax(List.of(new Point(2, 0.6)), 4)).isCloseTo(0.3, within(1e-12));
    assertThat(Frontier.aiqByMax(List.of(new Point(4, 0.9)), 4)).isEqualTo(0.0);
  }

  @Test
  void knob_choosesByQualityMinusScaledCostAndBreaksTiesTowardsCheaper() {
    double[] q = {0.6, 0.9, 0.9};
    double[] c = {1, 10, 8};
    assertThat(Knob.choose(q, c, 10, 0)).isEqualTo(2);
    assertThat(Knob.choose(q, c, 10, 0.1)).isEqualTo(2); // .9-.08=.82 > .6-.01
    assertThat(Knob.choose(q, c, 10, 1)).isEqualTo(0);   // .6-.1=.5 > .9-.8
  }

  @Test
  void calibration_findsTheKnobForATargetCostOrQuality() {
    Calibration cal = new Calibration(List.of(0.0, 1.0, 10.0), new double[] {5, 2, 1}, new double[] {0.9, 0.8, 0.6});
    assertThat(cal.lambdaForCost(3)).isEqualTo(1.0);
    assertThat(cal.lambdaForCost(0.5)).isEqualTo(10.0);
    assertThat(cal.lambdaForQuality(0.7)).isEqualTo(1.0);
    assertThat(cal.lambdaForQuality(0.95)).isEqualTo(0.0);
  }
}
