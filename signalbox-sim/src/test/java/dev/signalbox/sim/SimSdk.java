package dev.signalbox.sim;

import com.fasterxml.jackson.databind.JsonNode;
import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.JsonValue;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Simulated replicas on loopback and official OpenAI SDK clients of them, closed together; and
 * schema plumbing for the SDK's builders.
 */
final class SimSdk implements AutoCloseable {
  private final Vertx vertx = Vertx.vertx();
  private final List<OpenAIClient> clients = new ArrayList<>();

  /** A fault-free profile: 2 ms to the first token, then {@code tpotMs} per token. */
  static ReplicaProfile profile(double tpotMs, int outputTokens) {
    return new ReplicaProfile(2, tpotMs, 16, 64, outputTokens, 16, ReplicaProfile.Faults.NONE);
  }

  SimulatedReplica start(String model, ReplicaProfile profile) {
    return SimHttp.start(vertx, ReplicaSpec.of(model, profile));
  }

  OpenAIClient client(SimulatedReplica replica) {
    OpenAIClient client = OpenAIOkHttpClient.builder()
        .baseUrl(replica.url() + "/v1")
        .apiKey("sk-test")
        .maxRetries(0)
        .build();
    clients.add(client);
    return client;
  }

  @Override
  public void close() {
    clients.forEach(OpenAIClient::close);
    vertx.close().toCompletionStage().toCompletableFuture().join();
  }

  /** A JSON object's fields as the SDK's values, for its schema and parameter builders. */
  static Map<String, JsonValue> fields(String json) {
    JsonNode node = Schemas.parse(json);
    Map<String, JsonValue> out = new LinkedHashMap<>();
    node.properties().forEach(e -> out.put(e.getKey(), JsonValue.fromJsonNode(e.getValue())));
    return out;
  }
}
