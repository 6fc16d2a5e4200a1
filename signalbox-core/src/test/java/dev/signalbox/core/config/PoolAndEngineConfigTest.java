package dev.signalbox.core.config;

import static dev.signalbox.core.config.ConfigLoaderTest.assertProblem;
import static dev.signalbox.core.config.ConfigLoaderTest.withModel;
import static org.assertj.core.api.Assertions.assertThat;

import dev.signalbox.core.pool.PoolSettings;
import org.junit.jupiter.api.Test;

class PoolAndEngineConfigTest {

  static ModelConfig model(String yaml) {
    return ConfigLoader.parse(yaml, name -> null).models().get(0);
  }

  @Test
  void pool_shortForm_namesTheStrategyWithDefaults() {
    ModelConfig m = model(withModel("    pool: dualmap\n", "{url: 'http://localhost:8000'}", ""));
    assertThat(m.pool()).isEqualTo("dualmap");
    assertThat(m.poolSettings()).isEqualTo(PoolSettings.of("dualmap"));
  }

  @Test
  void pool_longForm_setsTheStrategysFacts() {
    ModelConfig m = model(withModel("""
            pool: {strategy: slo-affinity, ttft_slo_ms: 800, prefill_tokens_per_s: 12000, cache_blocks: 4096,
                   hash_prefix_blocks: 16, metrics_interval_ms: 500}
        """, "{url: 'http://localhost:8000'}", ""));
    assertThat(m.poolSettings()).isEqualTo(new PoolSettings("slo-affinity", 800, 12_000, 4096, 16, 500));
  }

  @Test
  void pool_unknownStrategyOrKey_namesIt() {
    assertProblem(withModel("    pool: fastest\n", "{url: 'http://localhost:8000'}", ""), "models[0].pool")
        .hasMessageContaining("unknown pool strategy 'fastest'").hasMessageContaining("dualmap");
    assertProblem(withModel("    pool: {strategy: chwbl, slo: 3}\n", "{url: 'http://localhost:8000'}", ""),
        "models[0].pool.slo");
    assertProblem(withModel("    pool: {strategy: chwbl, ttft_slo_ms: 0}\n", "{url: 'http://localhost:8000'}", ""),
        "models[0].pool.ttft_slo_ms");
  }
}
