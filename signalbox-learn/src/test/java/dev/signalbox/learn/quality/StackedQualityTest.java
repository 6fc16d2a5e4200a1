package dev.signalbox.learn.quality;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class StackedQualityTest {

  @Test
  void projectionOntoTheSimplex_matchesHandComputedPoints() {
    assertThat(StackedQuality.projectToSimplex(new double[] {0.2, 0.3, 0.5})).containsExactly(0.2, 0.3, 0.5);
    // (2, 0) → subtract θ = 1 → (1, 0)
    assertThat(StackedQuality.projectToSimplex(new double[] {2, 0})).containsExactly(1.0, 0.0);
    // (0.5, 0.5, -1) → the negative coordinate drops out, the others already sum to one
    assertThat(StackedQuality.projectToSimplex(new double[] {0.5, 0.5, -1})).containsExactly(0.5, 0.5, 0.0);
    // (1, 1) → (0.5, 0.5)
    assertThat(StackedQuality.projectToSimplex(new double[] {1, 1})).containsExactly(0.5, 0.5);
  }

  @Test
  void shrinkageWeight_isRecoveredWhenTheTruthIsABlendOfPriorAndEvidence() {
    // prior 0.5 everywhere; evidence alternates 0 / 1; the truth is 0.25·prior + 0.75·evidence
    int n = 8;
    double[][] prior = new double[n][];
    double[][] evidence = new double[n][];
    double[][] quality = new double[n][];
    int[] rows = new int[n];
    for (int r = 0; r < n; r++) {
      rows[r] = r;
      prior[r] = new double[] {0.5};
      evidence[r] = new double[] {r % 2};
      quality[r] = new double[] {0.25 * 0.5 + 0.75 * (r % 2)};
    }
    double[][] w = StackedQuality.fitWeights(new double[][][] {prior, evidence}, quality, rows);
    assertThat(w[0][0]).isCloseTo(0.25, within(1e-6));
    assertThat(w[0][1]).isCloseTo(0.75, within(1e-6));
    // and the blend of a new row follows those weights: 0.25·0.4 + 0.75·1 = 0.85
    assertThat(StackedQuality.blend(new double[][] {{0.4}, {1}}, w)[0]).isCloseTo(0.85, within(1e-6));
  }

  @Test
  void aMemberThatOnlyAddsNoise_getsNoWeight_andMissingQualityIsSkipped() {
    double[][] exact = {{1}, {0}, {1}, {0}, {0.3}};
    double[][] noise = {{0}, {1}, {0}, {1}, {0.9}};
    double[][] quality = {{1}, {0}, {1}, {0}, {Double.NaN}};
    double[][] w = StackedQuality.fitWeights(new double[][][] {exact, noise}, quality, new int[] {0, 1, 2, 3, 4});
    assertThat(w[0][0]).isCloseTo(1, within(1e-6));
    assertThat(w[0][1]).isCloseTo(0, within(1e-6));
  }
}
