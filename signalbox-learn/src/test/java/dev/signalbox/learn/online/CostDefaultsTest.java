package dev.signalbox.learn.online;

import static org.assertj.core.api.Assertions.assertThat;

import dev.signalbox.core.config.ConfigLoader;
import dev.signalbox.core.model.Catalog;
import dev.signalbox.core.request.Message;
import dev.signalbox.core.request.Operation;
import dev.signalbox.core.request.RouteRequest;
import dev.signalbox.core.routing.LearningRouter;
import dev.signalbox.core.routing.Outcome;
import dev.signalbox.core.routing.RoutingTable;
import dev.signalbox.core.signal.Signals;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The online routes' default λ and cost scale make price matter: three models that answer equally
 * well (every answer counts as quality 1) but differ 30 times in price, chat-sized requests
 * (10-50 prompt, 20-80 completion tokens), the cheapest listed last so that no tie favours it.
 */
class CostDefaultsTest {
  private static final String CATALOG = "models:\n"
      + "  - {name: large, input_price: 3, output_price: 12, context_window: 8192, endpoints: [{url: 'http://127.0.0.1:3'}]}\n"
      + "  - {name: medium, input_price: 0.5, output_price: 2, context_window: 8192, endpoints: [{url: 'http://127.0.0.1:2'}]}\n"
      + "  - {name: small, input_price: 0.1, output_price: 0.4, context_window: 8192, endpoints: [{url: 'http://127.0.0.1:1'}]}\n";
  private static final int REQUESTS = 300;
  private static final int COUNTED_FROM = 100;

  /** Each model's share of requests 101-300 of a route with only the policy, implicit quality and a seed set. */
  static Map<String, Double> laterShares(String policy, long seed) {
    String yaml = CATALOG + "routes:\n  - {name: adaptive, policy: " + policy
        + ", implicit_quality: 1.0, async_updates: false, seed: " + seed + "}\n";
    RoutingTable table = RoutingTable.from(ConfigLoader.parse(yaml, k -> null));
    Catalog catalog = table.catalog();
    LearningRouter router = table.learners().get("adaptive");
    Random rnd = new Random(seed);
    Map<String, Double> shares = new LinkedHashMap<>(Map.of("large", 0.0, "medium", 0.0, "small", 0.0));
    for (int i = 0; i < REQUESTS; i++) {
      int prompt = 10 + rnd.nextInt(41);
      int completion = 20 + rnd.nextInt(61);
      RouteRequest req = new RouteRequest("r" + i, Operation.CHAT, "adaptive", List.of(Message.user("hello")), -1, false,
          Map.of());
      String model = router.route(req, new Signals(prompt, -1, "hello", "general", 1, null)).model();
      router.learn(req.id(), Outcome.measured(catalog.get(model).cost(prompt, completion), 300, prompt, completion, null));
      if (i >= COUNTED_FROM) {
        shares.merge(model, 1.0 / (REQUESTS - COUNTED_FROM), Double::sum);
      }
    }
    return shares;
  }

  @ParameterizedTest
  @ValueSource(strings = {"thompson", "linucb", "epsilon-greedy", "pheromone"})
  void theCheapestOfThreeEqualModels_getsMostTrafficWithinAFewHundredRequests(String policy) {
    Map<String, Double> shares = laterShares(policy, 1);
    assertThat(shares.get("small")).as(policy + " " + shares).isGreaterThan(0.65);
    assertThat(shares.get("large")).as(policy + " " + shares).isLessThan(0.1);
  }
}
