package dev.signalbox.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.signalbox.core.request.Operation;
import dev.signalbox.core.signal.TokenEstimator;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Base64;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class EmbeddingsTest {
  private static Vertx vertx;
  private static SimulatedReplica replica;

  @BeforeAll
  static void startReplica() {
    vertx = Vertx.vertx();
    ReplicaProfile profile = new ReplicaProfile(5, 0, 16, 16, 1, 32, ReplicaProfile.Faults.NONE);
    replica = SimHttp.start(vertx,
        ReplicaSpec.of("sim-embed", profile).withOperations(Set.of(Operation.EMBEDDINGS)));
  }

  @AfterAll
  static void stop() {
    vertx.close().toCompletionStage().toCompletableFuture().join();
  }

  @Test
  void severalStringsGiveOneUnitVectorEachInOpenAiShape() throws IOException {
    JsonObject body = embed(new JsonObject().put("input", new JsonArray().add("alpha").add("beta gamma")));

    assertThat(body.getString("object")).isEqualTo("list");
    assertThat(body.getString("model")).isEqualTo("sim-embed");
    JsonArray data = body.getJsonArray("data");
    assertThat(data).hasSize(2);
    for (int i = 0; i < 2; i++) {
      JsonObject item = data.getJsonObject(i);
      assertThat(item.getString("object")).isEqualTo("embedding");
      assertThat(item.getInteger("index")).isEqualTo(i);
      float[] v = floats(item.getJsonArray("embedding"));
      assertThat(v).hasSize(32);
      assertThat(norm(v)).isCloseTo(1.0, within(1e-4));
    }
    assertThat(floats(data.getJsonObject(0).getJsonArray("embedding")))
        .isNotEqualTo(floats(data.getJsonObject(1).getJsonArray("embedding")));
    int tokens = TokenEstimator.count("alpha") + TokenEstimator.count("beta gamma");
    assertThat(body.getJsonObject("usage"))
        .isEqualTo(new JsonObject().put("prompt_tokens", tokens).put("total_tokens", tokens));
  }

  @Test
  void sameTextGetsTheSameVector() throws IOException {
    float[] a = floats(embed(new JsonObject().put("input", "stable text"))
        .getJsonArray("data").getJsonObject(0).getJsonArray("embedding"));
    float[] b = floats(embed(new JsonObject().put("input", new JsonArray().add("other").add("stable text")))
        .getJsonArray("data").getJsonObject(1).getJsonArray("embedding"));
    assertThat(b).isEqualTo(a);
  }

  @Test
  void base64IsLittleEndianFloat32OfTheSameVector() throws IOException {
    float[] plain = floats(embed(new JsonObject().put("input", "encode me"))
        .getJsonArray("data").getJsonObject(0).getJsonArray("embedding"));
    JsonObject encoded = embed(new JsonObject().put("input", "encode me").put("encoding_format", "base64"));

    byte[] bytes = Base64.getDecoder().decode(
        encoded.getJsonArray("data").getJsonObject(0).getString("embedding"));
    assertThat(bytes).hasSize(32 * 4);
    ByteBuffer buffer = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
    float[] decoded = new float[32];
    for (int i = 0; i < decoded.length; i++) {
      decoded[i] = buffer.getFloat();
    }
    assertThat(decoded).isEqualTo(plain);
  }

  @Test
  void dimensionsShortenToAUnitPrefixDirection() throws IOException {
    float[] full = floats(embed(new JsonObject().put("input", "shorten me"))
        .getJsonArray("data").getJsonObject(0).getJsonArray("embedding"));
    float[] shortV = floats(embed(new JsonObject().put("input", "shorten me").put("dimensions", 8))
        .getJsonArray("data").getJsonObject(0).getJsonArray("embedding"));

    assertThat(shortV).hasSize(8);
    assertThat(norm(shortV)).isCloseTo(1.0, within(1e-4));
    double scale = shortV[0] / full[0];
    for (int i = 0; i < 8; i++) {
      assertThat((double) shortV[i]).isCloseTo(full[i] * scale, within(1e-4));
    }
    HttpResponse<String> tooLong = SimHttp.post(replica.url(), "/v1/embeddings",
        new JsonObject().put("model", "sim-embed").put("input", "x").put("dimensions", 33).encode());
    assertThat(tooLong.statusCode()).isEqualTo(400);
    assertThat(SimHttp.json(tooLong).getJsonObject("error").getString("param")).isEqualTo("dimensions");
  }

  @Test
  void tokenArraysAreInputsToo() throws IOException {
    JsonObject oneTokenized = embed(new JsonObject().put("input", new JsonArray().add(1).add(2).add(3)));
    assertThat(oneTokenized.getJsonArray("data")).hasSize(1);
    assertThat(oneTokenized.getJsonObject("usage").getInteger("prompt_tokens")).isEqualTo(3);

    JsonObject twoTokenized = embed(new JsonObject().put("input",
        new JsonArray().add(new JsonArray().add(1).add(2).add(3)).add(new JsonArray().add(9))));
    assertThat(twoTokenized.getJsonArray("data")).hasSize(2);
    assertThat(twoTokenized.getJsonObject("usage").getInteger("prompt_tokens")).isEqualTo(4);
    assertThat(twoTokenized.getJsonArray("data").getJsonObject(0).getJsonArray("embedding"))
        .isEqualTo(oneTokenized.getJsonArray("data").getJsonObject(0).getJsonArray("embedding"));
  }

  @Test
  void chatOnAnEmbeddingModelIsRefusedClearly() throws IOException {
    HttpResponse<String> response =
        SimHttp.post(replica.url(), "/v1/chat/completions", SimHttp.chat("sim-embed", "hi", null));

    assertThat(response.statusCode()).isEqualTo(400);
    JsonObject error = SimHttp.json(response).getJsonObject("error");
    assertThat(error.getString("code")).isEqualTo("unsupported_operation");
    assertThat(error.getString("message")).contains("/v1/chat/completions").contains("/v1/embeddings");
  }

  private static JsonObject embed(JsonObject request) throws IOException {
    HttpResponse<String> response = SimHttp.post(
        replica.url(), "/v1/embeddings", request.put("model", "sim-embed").encode());
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return SimHttp.json(response);
  }

  private static float[] floats(JsonArray array) {
    float[] v = new float[array.size()];
    for (int i = 0; i < v.length; i++) {
      v[i] = ((Number) array.getValue(i)).floatValue();
    }
    return v;
  }

  private static double norm(float[] v) {
    double sum = 0;
    for (float f : v) {
      sum += f * f;
    }
    return Math.sqrt(sum);
  }
}
