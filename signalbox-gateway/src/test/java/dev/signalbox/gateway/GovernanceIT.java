package dev.signalbox.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.errors.PermissionDeniedException;
import com.openai.errors.RateLimitException;
import com.openai.errors.UnauthorizedException;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Virtual keys, the admin credential, allowed models, parallel limits and budgets, over loopback. */
class GovernanceIT {
  private static final String MASTER = "sbx-master-0123456789abcdef";
  private static final String ALICE = "sk-sbx-alice-0123456789abcdef";
  private static final String BOB = "sk-sbx-bob-0123456789abcdef0";
  private static final String CAROL = "sk-sbx-carol-0123456789abcdef";
  private static final String OLD = "sk-sbx-old-0123456789abcdef00";
  private static final String AUTH = """
      auth:
        master_key: "${MASTER}"
      teams:
        - {name: research, budget_usd: 1.0, budget_period: 30d}
      keys:
        - {id: alice, key: "${ALICE}", team: research, budget_usd: 0.0002, models: [auto, small]}
        - {id: bob, key: "${BOB}", max_parallel: 1}
        - {id: carol, key: "${CAROL}", models: [small]}
        - {id: old, key: "${OLD}", expires_at: "2020-01-01T00:00:00Z"}
      """;
  private static GatewayFixture fx;

  @BeforeAll
  static void start() {
    fx = GatewayFixture.start(GatewayFixture.BASE_CONFIG + AUTH,
        Map.of("MASTER", MASTER, "ALICE", ALICE, "BOB", BOB, "CAROL", CAROL, "OLD", OLD));
  }

  @AfterAll
  static void stop() {
    fx.close();
  }

  private static OpenAIClient client(String key) {
    return OpenAIOkHttpClient.builder().baseUrl(fx.base + "/v1").apiKey(key).maxRetries(0)
        .timeout(Duration.ofSeconds(20)).build();
  }

  private static ChatCompletionCreateParams chat(String model) {
    return ChatCompletionCreateParams.builder().model(model).addUserMessage("hello there").maxCompletionTokens(16)
        .build();
  }

  private static HttpResponse<String> post(String key, String header, String body) {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(fx.base + "/v1/chat/completions"))
        .header("content-type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
    if (key != null) {
      b.header(header, header.equals("authorization") ? "Bearer " + key : key);
    }
    return fx.send(b);
  }

  private static HttpResponse<String> get(String path, String key) {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(fx.base + path)).GET();
    if (key != null) {
      b.header("authorization", "Bearer " + key);
    }
    return fx.send(b);
  }

  @Test
  void missingUnknownAndExpiredKeys_are401_inOpenAisFormat_andNoKeyIsEchoed() {
    String body = GatewayFixture.chat("small", "hi");
    HttpResponse<String> none = post(null, "authorization", body);
    assertThat(none.statusCode()).isEqualTo(401);
    assertThat(GatewayFixture.json(none.body()).path("error").path("code").asText()).isEqualTo("invalid_api_key");
    String wrong = "sk-sbx-wrong-0123456789abcdef";
    HttpResponse<String> unknown = post(wrong, "authorization", body);
    assertThat(unknown.statusCode()).isEqualTo(401);
    assertThat(unknown.body()).doesNotContain(wrong).doesNotContain("0123456789");
    HttpResponse<String> expired = post(OLD, "authorization", body);
    assertThat(expired.statusCode()).isEqualTo(401);
    assertThat(expired.body()).contains("expired").doesNotContain(OLD);
    Assertions.assertThatThrownBy(() -> client(wrong).chat().completions().create(chat("small")))
        .isInstanceOf(UnauthorizedException.class);
    assertThat(post(CAROL, "x-api-key", body).statusCode()).as("x-api-key works too").isEqualTo(200);
  }

  @Test
  void aKeyMayNameOnlyItsModelsAndRoutes() {
    Assertions.assertThatThrownBy(() -> client(CAROL).chat().completions().create(chat("large")))
        .isInstanceOfSatisfying(PermissionDeniedException.class,
            e -> assertThat(e.getMessage()).contains("carol", "[small]"));
    assertThat(client(CAROL).chat().completions().create(chat("small")).model()).isEqualTo("small");
  }

  @Test
  void theAdminEndpoints_needTheMasterKey_andHealthStaysOpen() {
    assertThat(get("/admin/endpoints", null).statusCode()).isEqualTo(401);
    assertThat(get("/admin/endpoints", CAROL).statusCode()).as("a virtual key is no admin key").isEqualTo(401);
    assertThat(get("/admin/endpoints", MASTER).statusCode()).isEqualTo(200);
    assertThat(get("/v1/decisions/nope", CAROL).statusCode()).isEqualTo(401);
    assertThat(get("/health", null).statusCode()).isEqualTo(200);
    assertThat(get("/v1/models", null).statusCode()).isEqualTo(401);
    assertThat(get("/v1/models", CAROL).statusCode()).isEqualTo(200);
  }

  @Test
  void parallelRequestsPastMaxParallel_are429() {
    String body = GatewayFixture.chat("large", "tell me a long story");
    List<CompletableFuture<HttpResponse<String>>> calls = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      calls.add(CompletableFuture.supplyAsync(() -> post(BOB, "authorization", body)));
    }
    List<Integer> statuses = calls.stream().map(CompletableFuture::join).map(HttpResponse::statusCode).toList();
    assertThat(statuses).contains(200, 429).containsOnly(200, 429);
    assertThat(post(BOB, "authorization", body).statusCode()).as("the slot is given back").isEqualTo(200);
  }

  @Test
  void concurrentRequests_neverSpendPastTheBudget_andTheRefusalNamesIt() throws Exception {
    String body = "{\"model\":\"small\",\"max_tokens\":16,\"messages\":[{\"role\":\"user\",\"content\":\"hello\"}]}";
    List<CompletableFuture<HttpResponse<String>>> calls = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      calls.add(CompletableFuture.supplyAsync(() -> post(ALICE, "authorization", body)));
    }
    double charged = 0;
    int refused = 0;
    for (CompletableFuture<HttpResponse<String>> call : calls) {
      HttpResponse<String> r = call.join();
      if (r.statusCode() == 429) {
        refused++;
        JsonNode error = GatewayFixture.json(r.body()).path("error");
        assertThat(error.path("type").asText()).isEqualTo("insufficient_quota");
        assertThat(error.path("code").asText()).isEqualTo("budget_exceeded");
        assertThat(error.path("message").asText()).contains("key:alice");
        continue;
      }
      assertThat(r.statusCode()).isEqualTo(200);
      assertThat(r.headers().firstValue("x-signalbox-budget-remaining-usd")).isPresent();
      String id = r.headers().firstValue("x-request-id").orElseThrow();
      double cost = finishedCost(id);
      assertThat(Double.parseDouble(r.headers().firstValue("x-signalbox-cost-usd").orElseThrow()))
          .as("the header says what was charged").isCloseTo(cost, Assertions.within(1e-8));
      charged += cost;
    }
    assertThat(refused).as("the budget ran out while requests held their worst case").isPositive();
    // what the settled requests did not use is free again: spend it one request at a time
    for (int i = 0; i < 100; i++) {
      HttpResponse<String> r = post(ALICE, "authorization", body);
      if (r.statusCode() == 429) {
        break;
      }
      charged += finishedCost(r.headers().firstValue("x-request-id").orElseThrow());
    }
    assertThat(charged).as("spend never passes the budget").isPositive().isLessThanOrEqualTo(0.0002);
    assertThat(charged).as("and the budget was used up").isGreaterThan(0.00015);
    Assertions.assertThatThrownBy(() -> client(ALICE).chat().completions().create(chat("small")))
        .isInstanceOf(RateLimitException.class);
  }

  private static HttpResponse<String> admin(String method, String path, String body, String key) {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(fx.base + path))
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
        .header("content-type", "application/json");
    if (key != null) {
      b.header("authorization", "Bearer " + key);
    }
    return fx.send(b);
  }

  @Test
  void keysMadeByTheAdminApi_workAtOnce_showTheirSpend_changeAndAreRevoked() {
    assertThat(admin("POST", "/admin/keys", "{\"id\": \"dave\"}", null).statusCode()).isEqualTo(401);
    assertThat(admin("POST", "/admin/keys", "{\"id\": \"dave\"}", CAROL).statusCode()).isEqualTo(401);
    assertThat(admin("POST", "/admin/teams", "{\"name\": \"ops\", \"budget_usd\": 2}", MASTER).statusCode())
        .isEqualTo(200);
    HttpResponse<String> made = admin("POST", "/admin/keys",
        "{\"id\": \"dave\", \"team\": \"ops\", \"budget_usd\": 0.5, \"budget_period\": \"1d\", "
            + "\"models\": [\"small\", \"large\"], \"metadata\": {\"owner\": \"dave@example.com\"}}", MASTER);
    assertThat(made.statusCode()).as(made.body()).isEqualTo(200);
    String key = GatewayFixture.json(made.body()).path("key").asText();
    assertThat(key).startsWith("sk-sbx-").hasSize(39);
    assertThat(admin("POST", "/admin/keys", "{\"id\": \"dave\"}", MASTER).statusCode()).as("ids are unique")
        .isEqualTo(409);

    assertThat(client(key).chat().completions().create(chat("small")).model()).isEqualTo("small");
    HttpResponse<String> shown = get("/admin/keys/dave", MASTER);
    assertThat(shown.body()).doesNotContain(key).doesNotContain("sha256");
    JsonNode view = GatewayFixture.json(shown.body());
    assertThat(view.path("team").asText()).isEqualTo("ops");
    assertThat(view.path("spend_usd").asDouble()).isPositive();
    assertThat(view.path("remaining_usd").asDouble()).isLessThan(0.5);
    assertThat(view.path("metadata").path("owner").asText()).isEqualTo("dave@example.com");
    assertThat(GatewayFixture.json(get("/admin/teams/ops", MASTER).body()).path("spend_usd").asDouble()).isPositive();

    assertThat(admin("PATCH", "/admin/keys/dave", "{\"models\": [\"small\"]}", MASTER).statusCode()).isEqualTo(200);
    Assertions.assertThatThrownBy(() -> client(key).chat().completions().create(chat("large")))
        .isInstanceOf(PermissionDeniedException.class);
    assertThat(admin("PATCH", "/admin/keys/dave", "{\"budget_period\": \"1w\"}", MASTER).body())
        .contains("budget_period");

    assertThat(admin("DELETE", "/admin/keys/dave", null, MASTER).statusCode()).isEqualTo(200);
    Assertions.assertThatThrownBy(() -> client(key).chat().completions().create(chat("small")))
        .as("revoked at once").isInstanceOf(UnauthorizedException.class);
    assertThat(get("/admin/keys/dave", MASTER).statusCode()).isEqualTo(404);
  }

  @Test
  void badAdminRequests_getClearErrors() {
    assertThat(admin("POST", "/admin/keys", "{\"rpm\": 60}", MASTER).body()).contains("unsupported_parameter", "rpm");
    assertThat(admin("POST", "/admin/keys", "{\"team\": \"nope\"}", MASTER).body()).contains("unknown team");
    assertThat(admin("POST", "/admin/keys", "{\"colour\": \"red\"}", MASTER).statusCode()).isEqualTo(400);
    assertThat(admin("POST", "/admin/keys", "{\"key\": \"sk-mine-0123456789abcdef\"}", MASTER).statusCode())
        .isEqualTo(400);
    assertThat(admin("POST", "/admin/keys", "not json", MASTER).statusCode()).isEqualTo(400);
    assertThat(get("/admin/spend?group_by=planet", MASTER).statusCode()).isEqualTo(400);
  }

  @Test
  void spendIsReported_byKeyTeamModelAndDay_andAsRecords() {
    String id = post(CAROL, "authorization", GatewayFixture.chat("small", "count me")).headers()
        .firstValue("x-request-id").orElseThrow();
    JsonNode byModel = GatewayFixture.json(get("/admin/spend?group_by=model", MASTER).body()).path("data");
    assertThat(byModel.findValuesAsText("model")).contains("small");
    JsonNode byKey = GatewayFixture.json(get("/admin/spend?group_by=key", MASTER).body()).path("data");
    assertThat(byKey.findValuesAsText("key")).contains("carol");
    assertThat(GatewayFixture.json(get("/admin/spend?group_by=day", MASTER).body()).path("data").get(0)
        .path("day").asText()).matches("\\d{4}-\\d{2}-\\d{2}");
    HttpResponse<String> records = get("/admin/spend/records", MASTER);
    assertThat(records.headers().firstValue("content-type")).contains("application/x-ndjson");
    assertThat(records.body().lines().map(GatewayFixture::json)
        .filter(r -> r.path("request_id").asText().equals(id))).singleElement()
        .satisfies(r -> {
          assertThat(r.path("key").asText()).isEqualTo("carol");
          assertThat(r.path("cost_usd").asDouble()).isPositive();
          assertThat(r.path("status").asInt()).isEqualTo(200);
        });
  }

  /** The cost recorded for a request (the admin view of its decision), once it has finished. */
  private static double finishedCost(String requestId) throws InterruptedException {
    for (int i = 0; i < 500; i++) {
      HttpResponse<String> r = get("/v1/decisions/" + requestId, MASTER);
      JsonNode cost = GatewayFixture.json(r.body()).path("outcome").path("cost_usd");
      if (cost.isNumber()) {
        return cost.asDouble();
      }
      Thread.sleep(10);
    }
    throw new AssertionError("no cost recorded for " + requestId);
  }
}
