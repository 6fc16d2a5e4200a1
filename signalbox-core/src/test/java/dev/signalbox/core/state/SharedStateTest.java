package dev.signalbox.core.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.signalbox.core.config.ConfigException;
import dev.signalbox.core.config.ConfigLoader;
import dev.signalbox.core.config.StateConfig;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The {@code state:} configuration and the stores it names (what every store does is
 * {@code SharedStateContract}, in signalbox-testkit).
 */
class SharedStateTest {

  @Test
  void stateConfig_defaultsToMemory_andNamesBadKeys() {
    String models = "models: [{name: m, endpoints: [{url: 'http://127.0.0.1:1'}]}]\n";
    assertThat(ConfigLoader.parse(models, Map.<String, String>of()::get).state()).isEqualTo(StateConfig.MEMORY);
    StateConfig file = ConfigLoader.parse(models + "state: {store: file, path: st, snapshot_interval_ms: 0}\n",
        Map.<String, String>of()::get).state();
    assertThat(file.store()).isEqualTo("file");
    assertThat(file.snapshotIntervalMs()).isZero();
    assertThat(file.settings().raw().get("path").asText()).isEqualTo("st");
    assertThat(SharedStates.open(StateConfig.MEMORY)).isInstanceOf(InMemorySharedState.class);
    assertThatThrownBy(() -> ConfigLoader.parse(models + "state: {store: file}\n", Map.<String, String>of()::get))
        .isInstanceOf(ConfigException.class).hasMessageContaining("state.path: required key is missing");
    assertThatThrownBy(() -> ConfigLoader.parse(models + "state: {store: redis}\n", Map.<String, String>of()::get))
        .isInstanceOf(ConfigException.class).hasMessageContaining("state.store").hasMessageContaining("known: memory, file");
    assertThatThrownBy(() -> ConfigLoader.parse(models + "state: {store: memory, path: x}\n", Map.<String, String>of()::get))
        .isInstanceOf(ConfigException.class).hasMessageContaining("only the file store has a path");
    assertThat(SharedStates.stores()).startsWith("memory", "file");
  }
}
