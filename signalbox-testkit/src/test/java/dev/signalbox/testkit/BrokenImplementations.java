package dev.signalbox.testkit;

import dev.signalbox.core.pool.Endpoint;
import dev.signalbox.core.pool.PoolContext;
import dev.signalbox.core.pool.PoolStrategy;
import dev.signalbox.core.request.RouteRequest;
import dev.signalbox.core.signal.Embedder;
import dev.signalbox.core.state.InMemorySharedState;
import dev.signalbox.core.state.SharedState;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Implementations that break their contract, for {@link ContractsTest} to show that the contracts
 * catch them. Not tests themselves: the build does not run these classes on their own.
 */
final class BrokenImplementations {
  private BrokenImplementations() {}

  /** Keeps sending to the first replica it saw, even after that one left the pool. */
  static final class StickyStrategy extends PoolStrategyContract {
    @Override
    protected PoolStrategy newStrategy(PoolContext context) {
      return new PoolStrategy() {
        private Endpoint first;

        @Override
        public synchronized Endpoint pick(List<Endpoint> candidates, RouteRequest request) {
          if (first == null) {
            first = candidates.get(0);
          }
          return first;
        }
      };
    }
  }

  /** Keeps the caller's arrays and lists keys in the order they were first written. */
  static final class CarelessStore extends SharedStateContract {
    @Override
    protected SharedState openStore() {
      return new SharedState() {
        private final Map<String, byte[]> values = new HashMap<>();
        private final List<String> order = new ArrayList<>();

        @Override
        public synchronized CompletionStage<Optional<byte[]>> get(String key) {
          return CompletableFuture.completedFuture(Optional.ofNullable(values.get(SharedState.checkKey(key))));
        }

        @Override
        public synchronized CompletionStage<Void> put(String key, byte[] value) {
          if (values.put(SharedState.checkKey(key), value) == null) {
            order.add(key);
          }
          return CompletableFuture.completedFuture(null);
        }

        @Override
        public synchronized CompletionStage<Boolean> delete(String key) {
          order.remove(key);
          return CompletableFuture.completedFuture(values.remove(SharedState.checkKey(key)) != null);
        }

        @Override
        public synchronized CompletionStage<List<String>> keys(String prefix) {
          return CompletableFuture.completedFuture(order.stream().filter(k -> k.startsWith(prefix)).toList());
        }

        @Override
        public String describe() {
          return "careless";
        }

        @Override
        public void close() {}
      };
    }

    @Override
    protected boolean persists() {
      return false;
    }
  }

  /** A memory store that claims to persist. */
  static final class ForgetfulStore extends SharedStateContract {
    @Override
    protected SharedState openStore() {
      return new InMemorySharedState();
    }

    @Override
    protected boolean persists() {
      return true;
    }
  }

  /** Gives one vector fewer than it says, and the same vector for every text. */
  static final class ShortEmbedder extends EmbedderContract {
    @Override
    protected Embedder embedder() {
      return new Embedder() {
        @Override
        public String id() {
          return "broken/short";
        }

        @Override
        public int dimensions() {
          return 4;
        }

        @Override
        public float[] embed(String text) {
          return new float[] {1, 0, 0};
        }
      };
    }
  }
}
