package dev.signalbox.core.pool;

import static org.assertj.core.api.Assertions.assertThat;

import dev.signalbox.core.ConfigurationKeys;
import dev.signalbox.core.config.ConfigLoader;
import dev.signalbox.core.config.ConfigReference;
import dev.signalbox.core.config.PoolConfig;
import org.junit.jupiter.api.Test;

/** Each strategy reads its own keys of {@code pool} into its own settings. */
class StrategySettingsTest {

  static PoolConfig pool(String pool) {
    String yaml = "models: [{name: m, pool: " + pool + ", endpoints: [{url: 'http://127.0.0.1:1'}]}]\n";
    return ConfigLoader.parse(yaml, name -> null).models().get(0).pool();
  }

  @Test
  void sloAware_longForm_setsEveryFact() {
    PoolConfig p = pool("{strategy: slo-affinity, ttft_slo_ms: 800, prefill_tokens_per_s: 12000, cache_blocks: 4096, "
        + "hash_prefix_blocks: 16, metrics_interval_ms: 500}");
    assertThat(SloAwareSettings.parse(p.settings())).isEqualTo(new SloAwareSettings(800, 12_000, 4096, 16));
  }

  @Test
  void shortForm_givesTheDefaults() {
    assertThat(SloAwareSettings.parse(pool("dualmap").settings())).isEqualTo(SloAwareSettings.DEFAULTS);
    assertThat(BoundedLoadHashing.Settings.parse(pool("chwbl").settings()).hashPrefixBlocks()).isEqualTo(32);
  }

  @Test
  void chwblAndPrefixTree_readTheirOneKey() {
    assertThat(BoundedLoadHashing.Settings.parse(pool("{strategy: chwbl, hash_prefix_blocks: 8}").settings()))
        .isEqualTo(new BoundedLoadHashing.Settings(8));
    assertThat(PrefixTreeRouting.Settings.parse(pool("{strategy: prefix-tree, cache_blocks: 100}").settings()))
        .isEqualTo(new PrefixTreeRouting.Settings(100));
  }

  @Test
  void create_aPoolConfig_givesThatStrategy() {
    PoolContext context = PoolContext.of(1);
    assertThat(PoolStrategies.create(pool("{strategy: price, ttft_slo_ms: 500}"), context))
        .isInstanceOf(CongestionPrice.class);
    assertThat(PoolStrategies.create(pool("power-of-two-choices"), context)).isInstanceOf(PowerOfTwoChoices.class);
  }

  @Test
  void reference_documentsEachStrategysOwnKeys() {
    String reference = ConfigReference.render(ConfigurationKeys.all());
    assertThat(reference)
        .contains("models[].pool.strategy: round-robin | least-outstanding | p2c | chwbl | prefix-tree | dualmap"
            + " | slo-affinity | price = least-outstanding")
        .contains("models[].metrics_interval_ms: milliseconds = 0")
        .contains("models[].pool.hash_prefix_blocks: integer >= 1 = 32 [strategy: chwbl]")
        .contains("models[].pool.cache_blocks: integer >= 1 = 24576 [strategy: prefix-tree]")
        .contains("models[].pool.ttft_slo_ms: number > 0 = 1000 [strategy: price]")
        .doesNotContain("models[].pool.ttft_slo_ms: number > 0 = 1000 [strategy: chwbl]");
  }
}
