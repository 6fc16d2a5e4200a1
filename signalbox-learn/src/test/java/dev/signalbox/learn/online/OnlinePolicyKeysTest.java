package dev.signalbox.learn.online;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.signalbox.core.ConfigurationKeys;
import dev.signalbox.core.config.ConfigException;
import dev.signalbox.core.config.ConfigLoader;
import dev.signalbox.core.config.Keys;
import dev.signalbox.core.config.SignalboxConfig;
import dev.signalbox.core.routing.RoutingTable;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The online policies' described keys are the keys they read, and their documented defaults are accepted. */
class OnlinePolicyKeysTest {
  private static final List<String> POLICIES = List.of("linucb", "thompson", "epsilon-greedy", "pheromone");

  private static SignalboxConfig config(String route) {
    return ConfigLoader.parse("models:\n"
        + "  - {name: a, input_price: 1, output_price: 1, endpoints: [{url: 'http://127.0.0.1:1'}]}\n"
        + "  - {name: b, input_price: 2, output_price: 2, endpoints: [{url: 'http://127.0.0.1:2'}]}\n"
        + "routes:\n  - " + route + "\n", name -> null);
  }

  @Test
  void everyDocumentedDefaultIsAccepted() {
    Keys all = ConfigurationKeys.all().get("routes").nested();
    List<String> checked = new ArrayList<>();
    for (String policy : POLICIES) {
      for (Keys.Key key : all.variantsByValue().get(policy).all()) {
        if (key.hasLiteralDefault()) {
          String inline = key.name().equals("async_updates") ? "" : "async_updates: false, ";
          String route = "{name: r, policy: " + policy + ", " + inline + key.name() + ": " + key.defaultValue() + "}";
          assertThat(RoutingTable.from(config(route)).learners()).as(route).containsKey("r");
          checked.add(policy + "." + key.name());
        }
      }
    }
    assertThat(checked).contains("linucb.alpha", "thompson.sigma", "epsilon-greedy.epsilon_min", "pheromone.tau_max",
        "thompson.lambda", "pheromone.clusters");
  }

  @Test
  void aKeyOfNoPolicyIsRefusedNamingTheClosest() {
    assertThatThrownBy(() -> RoutingTable.from(config("{name: r, policy: thompson, lamda: 0.2}")))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("routes[0].lamda: unknown key (did you mean 'lambda'?)");
  }
}
