package dev.signalbox.testkit;

import dev.signalbox.core.config.PoolConfig;
import dev.signalbox.core.pool.PoolContext;
import dev.signalbox.core.pool.PoolStrategies;
import dev.signalbox.core.pool.PoolStrategy;
import org.junit.jupiter.api.Nested;

/** Every built-in pool strategy keeps the contract. */
class BuiltInPoolStrategiesTest {

  /** The contract for the strategy named {@code name}, with its default settings. */
  abstract static class Named extends PoolStrategyContract {
    private final String name;

    Named(String name) {
      this.name = name;
    }

    @Override
    protected PoolStrategy newStrategy(PoolContext context) {
      return PoolStrategies.create(PoolConfig.named(name), context);
    }
  }

  @Nested
  class RoundRobin extends Named {
    RoundRobin() {
      super("round-robin");
    }
  }

  @Nested
  class LeastOutstanding extends Named {
    LeastOutstanding() {
      super("least-outstanding");
    }
  }

  @Nested
  class PowerOfTwoChoices extends Named {
    PowerOfTwoChoices() {
      super("p2c");
    }
  }

  @Nested
  class Chwbl extends Named {
    Chwbl() {
      super("chwbl");
    }
  }

  @Nested
  class PrefixTree extends Named {
    PrefixTree() {
      super("prefix-tree");
    }
  }

  @Nested
  class DualMap extends Named {
    DualMap() {
      super("dualmap");
    }
  }

  @Nested
  class SloAffinity extends Named {
    SloAffinity() {
      super("slo-affinity");
    }
  }

  @Nested
  class Price extends Named {
    Price() {
      super("price");
    }
  }
}
