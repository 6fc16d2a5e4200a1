package dev.signalbox.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.signalbox.core.config.ConfigLoader;
import dev.signalbox.core.state.SharedState;
import dev.signalbox.core.state.SharedStates;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Both built-in stores keep the contract, opened the way the gateway opens them: from {@code state:}. */
class BuiltInSharedStatesTest {

  static SharedState open(String state) {
    String yaml = "models: [{name: m, endpoints: [{url: 'http://127.0.0.1:1'}]}]\nstate: " + state + "\n";
    return SharedStates.open(ConfigLoader.parse(yaml, name -> null).state());
  }

  @Nested
  class Memory extends SharedStateContract {
    @Override
    protected SharedState openStore() {
      return open("{store: memory}");
    }

    @Override
    protected boolean persists() {
      return false;
    }
  }

  @Nested
  class File extends SharedStateContract {
    @TempDir
    Path dir;

    @Override
    protected SharedState openStore() {
      return open("{store: file, path: '" + dir.resolve("state") + "'}");
    }

    @Override
    protected boolean persists() {
      return true;
    }

    @Test
    void keysAreFiles_andNoTemporaryFileIsLeft() throws Exception {
      try (SharedState s = openStore()) {
        s.put("learners/adaptive", "v".getBytes(StandardCharsets.UTF_8)).toCompletableFuture().join();
        s.put("spend/team-a", "v".getBytes(StandardCharsets.UTF_8)).toCompletableFuture().join();
      }
      try (var files = Files.list(dir.resolve("state"))) {
        assertThat(files.map(p -> p.getFileName().toString()).toList())
            .containsExactlyInAnyOrder("learners%2Fadaptive.state", "spend%2Fteam-a.state");
      }
    }
  }
}
