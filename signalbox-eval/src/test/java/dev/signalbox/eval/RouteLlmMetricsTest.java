package dev.signalbox.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.signalbox.eval.RouteLlmMetrics.Share;
import java.util.List;
import org.junit.jupiter.api.Test;

class RouteLlmMetricsTest {

  @Test
  void apgrAndCpt_handComputed() {
    // weak .5, strong .9; curve (0,.5) (.5,.8) (1,.9): AUC = .5(.5+.8)/2 + .5(.8+.9)/2 = .75
    List<Share> router = List.of(new Share(0.5, 0.8));
    assertThat(RouteLlmMetrics.apgr(router, 0.5, 0.9)).isCloseTo(0.625, within(1e-12));
    // PGR 50% = .7, reached on the first segment at p = .5 · .2/.3
    assertThat(RouteLlmMetrics.cpt(router, 0.5, 0.9, 0.5)).isCloseTo(1.0 / 3, within(1e-12));
    // PGR 80% = .82, on the second segment at p = .5 + .5 · .02/.1
    assertThat(RouteLlmMetrics.cpt(router, 0.5, 0.9, 0.8)).isCloseTo(0.6, within(1e-12));
  }

  @Test
  void randomRouting_givesTheReferenceValues() {
    List<Share> random = List.of(new Share(0.5, 0.7));
    assertThat(RouteLlmMetrics.apgr(random, 0.5, 0.9)).isCloseTo(0.5, within(1e-12));
    assertThat(RouteLlmMetrics.cpt(random, 0.5, 0.9, 0.5)).isCloseTo(0.5, within(1e-12));
    assertThat(RouteLlmMetrics.cpt(random, 0.5, 0.9, 0.8)).isCloseTo(0.8, within(1e-12));
  }

  @Test
  void aRouterAboveTheStrongModel_hasApgrAboveOne() {
    // an oracle-like point: 10% strong calls reach .99 > Q_s; AUC = .1(.5+.99)/2 + .9(.99+.9)/2 = .925
    List<Share> oracle = List.of(new Share(0.1, 0.99));
    assertThat(RouteLlmMetrics.apgr(oracle, 0.5, 0.9)).isCloseTo(1.0625, within(1e-12));
    assertThat(RouteLlmMetrics.pgr(0.99, 0.5, 0.9)).isCloseTo(1.225, within(1e-12));
  }
}
