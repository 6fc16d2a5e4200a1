package dev.signalbox.core.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.signalbox.core.config.ConfigException;
import dev.signalbox.core.config.ConfigLoader;
import dev.signalbox.core.request.RouteRequest;
import dev.signalbox.core.signal.SignalExtractor;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Test;

class RoutingTableTest {
  private static final String MODELS = """
      models:
        - {name: m1, endpoints: [{url: 'http://a'}]}
        - {name: m2, endpoints: [{url: 'http://b'}]}
      """;

  static RoutingTable table(String yaml) {
    return RoutingTable.from(ConfigLoader.parse(MODELS + yaml, name -> null));
  }

  static String modelFor(RoutingTable table, String requested) {
    RouteRequest request = RouteRequest.chat("t", requested, "hello");
    return table.decide(request, SignalExtractor.extract(request)).orElseThrow().model();
  }

  static AbstractThrowableAssert<?, ? extends Throwable> assertProblem(String yaml, String path) {
    return assertThatThrownBy(() -> table(yaml))
        .isInstanceOf(ConfigException.class)
        .satisfies(e -> assertThat(((ConfigException) e).path()).isEqualTo(path))
        .hasMessageStartingWith(path + ": ");
  }

  @Test
  void from_noRoutes_autoMeansTheFirstModel() {
    RoutingTable table = table("");
    assertThat(table.defaultRoute()).isEqualTo("m1");
    assertThat(modelFor(table, "auto")).isEqualTo("m1");
  }

  @Test
  void from_noRouteNamedAuto_autoMeansTheFirstRoute() {
    RoutingTable table = table("routes:\n  - {name: pinned, policy: fixed, model: m2}\n");
    assertThat(table.defaultRoute()).isEqualTo("pinned");
    assertThat(modelFor(table, "auto")).isEqualTo("m2");
  }

  @Test
  void decide_auto_followsTheConfiguredDefaultRoute() {
    RoutingTable table = table("server: {default_route: second}\nroutes:\n"
        + "  - {name: auto, policy: fixed, model: m1}\n  - {name: second, policy: fixed, model: m2}\n");
    assertThat(table.defaultRoute()).isEqualTo("second");
    assertThat(modelFor(table, "auto")).isEqualTo("m2");
    assertThat(modelFor(table, "second")).isEqualTo("m2");
  }

  @Test
  void decide_defaultRouteIsAModel_autoGoesDirect() {
    RoutingTable table = table("server: {default_route: m2}\n");
    RouteRequest request = RouteRequest.chat("t", "auto", "hello");
    RoutingTable.Routed routed = table.decide(request, SignalExtractor.extract(request)).orElseThrow();
    assertThat(routed.route()).isEqualTo(RoutingTable.DIRECT);
    assertThat(routed.model()).isEqualTo("m2");
  }

  @Test
  void from_unknownDefaultRoute_isAProblem() {
    assertProblem("server: {default_route: smart}\n", "server.default_route")
        .hasMessageContaining("unknown route or model 'smart'");
  }

  @Test
  void from_unknownPolicy_namesThePolicyKey() {
    assertProblem("routes:\n  - {name: r, policy: smart}\n", "routes[0].policy")
        .hasMessageContaining("unknown policy 'smart'").hasMessageContaining("fixed").hasMessageContaining("rules");
  }

  @Test
  void from_routeNamedDirect_isReserved() {
    assertProblem("routes:\n  - {name: direct, policy: fixed, model: m1}\n", "routes[0].name")
        .hasMessageContaining("reserved");
  }

  @Test
  void fixedRouter_unknownModelOrKey_namesTheKey() {
    assertProblem("routes:\n  - {name: r, policy: fixed, model: m3}\n", "routes[0].model")
        .hasMessageContaining("unknown model 'm3'");
    assertProblem("routes:\n  - {name: r, policy: fixed, modle: m1}\n", "routes[0].modle")
        .hasMessageContaining("did you mean 'model'");
  }

  @Test
  void fixedRouter_alwaysSameModel_withTrace() {
    RoutingTable table = table("routes:\n  - {name: r, policy: fixed, model: m2}\n");
    RouteRequest request = RouteRequest.chat("t", "r", "hello");
    Decision d = table.decide(request, SignalExtractor.extract(request)).orElseThrow().decision();
    assertThat(d.model()).isEqualTo("m2");
    assertThat(d.trace().policy()).isEqualTo("fixed");
  }

  @Test
  void policies_includeTheBuiltIns() {
    assertThat(Routers.policies()).contains("fixed", "rules");
  }
}
