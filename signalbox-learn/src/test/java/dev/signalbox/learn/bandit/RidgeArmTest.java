package dev.signalbox.learn.bandit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** The ridge arm's update rules on cases small enough to check by hand. */
class RidgeArmTest {

  @Test
  void oneObservation_givesTheRidgeSolution() {
    // A = I + x xᵀ = diag(2, 1), b = r x = (1, 0): θ = (0.5, 0); width at x = √(xᵀA⁻¹x) = √0.5
    RidgeArm arm = RidgeArm.fresh(2, 1).observe(new double[] {1, 0}, 1);
    assertThat(arm.theta).containsExactly(new double[] {0.5, 0}, within(1e-12));
    assertThat(arm.mean(new double[] {1, 0})).isCloseTo(0.5, within(1e-12));
    assertThat(arm.width(new double[] {1, 0})).isCloseTo(Math.sqrt(0.5), within(1e-12));
    assertThat(arm.width(new double[] {0, 1})).isCloseTo(1, within(1e-12));
    assertThat(arm.weight).isEqualTo(1);
  }

  @Test
  void shermanMorrison_matchesADirectInverse() {
    Random rnd = new Random(3);
    RidgeArm arm = RidgeArm.fresh(4, 0.05);
    for (int n = 0; n < 50; n++) {
      double[] x = {1, rnd.nextInt(2), rnd.nextGaussian(), rnd.nextDouble()};
      arm = arm.observe(x, rnd.nextDouble());
    }
    double[] direct = Spd.inverse(arm.a, 4);
    for (int i = 0; i < 16; i++) {
      assertThat(arm.aInv[i]).isCloseTo(direct[i], within(1e-9));
    }
  }

  @Test
  void discount_forgetsOldDataTowardsTheRegulariser() {
    // A = diag(3, 1) (two observations at x = e1, reg 1), b = (2, 0); γ = 0.5:
    // A' = 0.5·A + 0.5·I = diag(2, 1), b' = (1, 0), θ' = (0.5, 0), weight 1
    RidgeArm arm = RidgeArm.fresh(2, 1).observe(new double[] {1, 0}, 1).observe(new double[] {1, 0}, 1);
    assertThat(arm.theta[0]).isCloseTo(2.0 / 3, within(1e-12));
    RidgeArm decayed = arm.decayed(0.5, RidgeArm.fresh(2, 1));
    assertThat(decayed.a).containsExactly(new double[] {2, 0, 0, 1}, within(1e-12));
    assertThat(decayed.b).containsExactly(new double[] {1, 0}, within(1e-12));
    assertThat(decayed.theta[0]).isCloseTo(0.5, within(1e-12));
    assertThat(decayed.weight).isEqualTo(1);
  }

  @Test
  void discount_towardsAPrior_returnsToItWithoutData() {
    RidgeArm prior = RidgeArm.withPrior(new double[] {1, 0}, 1);
    RidgeArm arm = prior.observe(new double[] {1, 0}, 0).observe(new double[] {1, 0}, 0); // mean 1/3
    assertThat(arm.mean(new double[] {1, 0})).isCloseTo(1.0 / 3, within(1e-12));
    for (int i = 0; i < 200; i++) {
      arm = arm.decayed(0.9, prior);
    }
    assertThat(arm.mean(new double[] {1, 0})).isCloseTo(1, within(1e-6));
  }

  @Test
  void aPrior_isTheMeanWithoutData() {
    RidgeArm arm = RidgeArm.withPrior(new double[] {0.7, -0.2}, 0.5);
    assertThat(arm.mean(new double[] {1, 1})).isCloseTo(0.5, within(1e-12));
    assertThat(arm.weight).isZero();
  }

  @Test
  void weightedObservations_equalRepeatedOnes() {
    double[][] xs = {{1, 0}, {1, 1}};
    double[] r = {0.2, 0.9};
    RidgeArm batch = RidgeArm.fresh(2, 1).observeAll(xs, r, 2);
    RidgeArm one = RidgeArm.fresh(2, 1);
    for (int k = 0; k < 2; k++) {
      one = one.observe(xs[0], r[0]).observe(xs[1], r[1]);
    }
    assertThat(batch.theta).containsExactly(one.theta, within(1e-9));
    assertThat(batch.weight).isEqualTo(4);
  }
}
