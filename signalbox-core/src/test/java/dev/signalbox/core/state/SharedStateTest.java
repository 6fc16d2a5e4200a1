package dev.signalbox.core.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.signalbox.core.config.ConfigException;
import dev.signalbox.core.config.ConfigLoader;
import dev.signalbox.core.config.StateConfig;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The shared-state stores behind one interface, and the {@code state:} configuration. */
class SharedStateTest {

  static void roundTrip(SharedState s) {
    byte[] v = "{\"a\":1}".getBytes(StandardCharsets.UTF_8);
    assertThat(s.get("learners/auto").toCompletableFuture().join()).isEmpty();
    s.put("learners/auto", v).toCompletableFuture().join();
    s.put("learners/adaptive", v).toCompletableFuture().join();
    s.put("spend/team-a", v).toCompletableFuture().join();
    assertThat(s.get("learners/auto").toCompletableFuture().join().map(b -> new String(b, StandardCharsets.UTF_8)))
        .isEqualTo(Optional.of("{\"a\":1}"));
    assertThat(s.keys("learners/").toCompletableFuture().join()).containsExactly("learners/adaptive", "learners/auto");
    assertThat(s.delete("learners/auto").toCompletableFuture().join()).isTrue();
    assertThat(s.delete("learners/auto").toCompletableFuture().join()).isFalse();
    assertThat(s.keys("learners/").toCompletableFuture().join()).containsExactly("learners/adaptive");
    assertThatThrownBy(() -> s.put("learners/a b", v)).hasMessageContaining("state keys");
  }

  @Test
  void memory_andFileStores_behaveAlike(@TempDir Path dir) throws Exception {
    roundTrip(new InMemorySharedState());
    try (FileSharedState file = new FileSharedState(dir.resolve("state"))) {
      roundTrip(file);
    }
    assertThat(Files.list(dir.resolve("state")).map(p -> p.getFileName().toString()).toList())
        .containsExactlyInAnyOrder("learners%2Fadaptive.state", "spend%2Fteam-a.state"); // no temporary file left
    try (FileSharedState reopened = new FileSharedState(dir.resolve("state"))) {
      assertThat(reopened.keys("").toCompletableFuture().join()).containsExactly("learners/adaptive", "spend/team-a");
    }
  }

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
