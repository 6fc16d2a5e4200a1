package dev.signalbox.gateway;

import dev.signalbox.core.config.RouteConfig;
import dev.signalbox.core.model.Catalog;
import dev.signalbox.core.request.RouteRequest;
import dev.signalbox.core.routing.Decision;
import dev.signalbox.core.routing.Router;
import dev.signalbox.core.routing.RouterProvider;
import dev.signalbox.core.routing.Trace;
import dev.signalbox.core.signal.Embedder;
import dev.signalbox.core.signal.Signals;
import java.util.List;
import java.util.Optional;

/**
 * A test policy ({@code policy: embedding-test}) that needs the prompt embedding: with it, the
 * route's {@code model}; without it, its {@code fallback}. Its embedder takes {@code delay_ms} and
 * records the thread it ran on.
 */
public final class EmbeddingTestPolicy implements RouterProvider {
  static volatile String lastEmbeddingThread;
  static final java.util.concurrent.atomic.AtomicInteger slowEmbeddingsFinished = new java.util.concurrent.atomic.AtomicInteger();

  @Override
  public String policy() {
    return "embedding-test";
  }

  @Override
  public Router create(RouteConfig route, Catalog catalog) {
    String model = route.settings().string("model");
    String fallback = route.settings().string("fallback");
    long delayMs = route.settings().longValue("delay_ms", 0);
    Embedder embedder = new Embedder() {
      @Override
      public String id() {
        return "test/v1";
      }

      @Override
      public int dimensions() {
        return 1;
      }

      @Override
      public float[] embed(String text) {
        lastEmbeddingThread = Thread.currentThread().getName();
        try {
          Thread.sleep(delayMs);
          if (delayMs > 0) {
            slowEmbeddingsFinished.incrementAndGet();
          }
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        return new float[] {text.length()};
      }
    };
    return new Router() {
      @Override
      public Decision route(RouteRequest request, Signals signals) {
        String chosen = signals.hasEmbedding() ? model : fallback;
        return new Decision(chosen, new Trace("embedding-test", signals.hasEmbedding()
            ? "embedding of " + (int) signals.embedding()[0] + " chars" : "no embedding; fallback " + fallback, List.of()));
      }

      @Override
      public Optional<Embedder> embedder() {
        return Optional.of(embedder);
      }
    };
  }
}
