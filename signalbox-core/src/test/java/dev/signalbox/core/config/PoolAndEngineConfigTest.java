package dev.signalbox.core.config;

import static dev.signalbox.core.config.ConfigLoaderTest.assertProblem;
import static dev.signalbox.core.config.ConfigLoaderTest.withModel;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PoolAndEngineConfigTest {

  static ModelConfig model(String yaml) {
    return ConfigLoader.parse(yaml, name -> null).models().get(0);
  }

  @Test
  void pool_shortForm_namesTheStrategy_withoutSettings() {
    ModelConfig m = model(withModel("    pool: dualmap\n", "{url: 'http://localhost:8000'}", ""));
    assertThat(m.poolStrategy()).isEqualTo("dualmap");
    assertThat(m.pool().settings().isObject()).isFalse();
    assertThat(m.metricsIntervalMs()).isZero();
  }

  @Test
  void metricsInterval_isReadAtTheModelLevel_orInItsOlderPlaceInPool_butNotInBoth() {
    String url = "{url: 'http://localhost:8000'}";
    assertThat(model(withModel("    pool: {strategy: slo-affinity, metrics_interval_ms: 500}\n", url, ""))
        .metricsIntervalMs()).isEqualTo(500);
    assertThat(model(withModel("    pool: p2c\n    metrics_interval_ms: 250\n", url, "")).metricsIntervalMs())
        .isEqualTo(250);
    assertProblem(withModel("    pool: {metrics_interval_ms: 500}\n    metrics_interval_ms: 250\n", url, ""),
        "models[0].metrics_interval_ms").hasMessageContaining("given twice");
  }

  @Test
  void pool_unknownStrategyOrKey_namesIt() {
    assertProblem(withModel("    pool: fastest\n", "{url: 'http://localhost:8000'}", ""), "models[0].pool")
        .hasMessageContaining("unknown pool strategy 'fastest'").hasMessageContaining("dualmap");
    assertProblem(withModel("    pool: {strategy: chwbl, slo: 3}\n", "{url: 'http://localhost:8000'}", ""),
        "models[0].pool.slo");
    assertProblem(withModel("    pool: {strategy: dualmap, ttft_slo_ms: 0}\n", "{url: 'http://localhost:8000'}", ""),
        "models[0].pool.ttft_slo_ms");
    assertProblem(withModel("    pool: {strategy: fastest}\n", "{url: 'http://localhost:8000'}", ""),
        "models[0].pool.strategy").hasMessageContaining("unknown pool strategy 'fastest'");
  }

  @Test
  void pool_aKeyOnlyOtherStrategiesRead_namesThem() {
    assertProblem(withModel("    pool: {strategy: chwbl, ttft_slo_ms: 800}\n", "{url: 'http://localhost:8000'}", ""),
        "models[0].pool.ttft_slo_ms")
        .hasMessageContaining("chwbl does not read ttft_slo_ms; dualmap, slo-affinity, price do");
  }
}
