package dev.signalbox.core.state;

import com.fasterxml.jackson.databind.JsonNode;
import dev.signalbox.core.api.Json;
import dev.signalbox.core.routing.LearningRouter;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Persists learners in a {@link SharedState}, one key per route ({@code learners/ROUTE}), as the
 * JSON of {@link LearningRouter#snapshot()}.
 */
public final class LearnerSnapshots {
  private LearnerSnapshots() {}

  /** The key a route's learner is stored under. */
  public static String key(String route) {
    return "learners/" + route;
  }

  /**
   * Restores every learner that has a snapshot; completes with one line per route saying what
   * happened. A snapshot that does not fit (another policy, damaged) is left alone and reported.
   */
  public static CompletionStage<Map<String, String>> restore(SharedState store, Map<String, LearningRouter> learners) {
    Map<String, String> report = new LinkedHashMap<>();
    List<CompletableFuture<Void>> all = new ArrayList<>();
    for (var e : learners.entrySet()) {
      all.add(store.get(key(e.getKey())).toCompletableFuture().thenAccept(value -> {
        String line;
        if (value.isEmpty()) {
          line = "no saved state; starting fresh";
        } else {
          try {
            JsonNode snapshot = Json.MAPPER.readTree(value.get());
            e.getValue().restore(snapshot);
            line = "restored from " + store.describe();
          } catch (IOException | IllegalArgumentException bad) {
            line = "saved state not used (" + bad.getMessage() + "); starting fresh";
          }
        }
        synchronized (report) {
          report.put(e.getKey(), line);
        }
      }));
    }
    return CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).thenApply(v -> {
      Map<String, String> ordered = new LinkedHashMap<>();
      learners.keySet().forEach(k -> ordered.put(k, report.get(k)));
      return ordered;
    });
  }

  /** Flushes and writes every learner's snapshot. */
  public static CompletionStage<Void> save(SharedState store, Map<String, LearningRouter> learners) {
    List<CompletableFuture<Void>> all = new ArrayList<>();
    for (var e : learners.entrySet()) {
      e.getValue().flush();
      byte[] bytes;
      try {
        bytes = Json.MAPPER.writeValueAsBytes(e.getValue().snapshot());
      } catch (IOException bad) {
        return CompletableFuture.failedFuture(bad);
      }
      all.add(store.put(key(e.getKey()), bytes).toCompletableFuture());
    }
    return CompletableFuture.allOf(all.toArray(CompletableFuture[]::new));
  }
}
