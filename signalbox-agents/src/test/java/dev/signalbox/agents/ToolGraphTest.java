package dev.signalbox.agents;

import static dev.signalbox.agents.Fixtures.tool;
import static dev.signalbox.agents.ToolGraph.GOAL;
import static dev.signalbox.agents.ToolGraph.START;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.signalbox.core.graph.Graph;
import dev.signalbox.core.graph.ShortestPath.Path;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import org.junit.jupiter.api.Test;

class ToolGraphTest {
  static final ToDoubleFunction<String> HEALTHY = t -> 1;

  static List<String> targets(ToolGraph g, String from) {
    return g.graph().out(from).stream().map(Graph.Edge::to).toList();
  }

  @Test
  void stage_connectsEveryToolToEveryToolOfTheStageBefore() {
    ToolGraph g = Fixtures.pipeline();
    assertThat(targets(g, START)).containsExactly("a1", "a2");
    assertThat(targets(g, "a1")).containsExactly("partial", "b1", "b2");
    assertThat(targets(g, "a2")).containsExactly("partial", "b1", "b2");
    assertThat(targets(g, "b2")).containsExactly(GOAL);
    assertThat(g.isGoal("partial")).isTrue();
    assertThat(g.isGoal("a1")).isFalse();
  }

  @Test
  void build_foldsToolCostsAndExtraCostIntoEdgeCosts() {
    ToolCostModel model = new ToolCostModel(0.01, 100, 4, 10);
    ToolGraph g = ToolGraph.builder("g").costModel(model).tool(new Tool("t", 200, 0.05, 0.5))
        .edge(START, "t", 0.25).edge("t", GOAL, 1.5).build();
    assertThat(model.base(new Tool("t", 200, 0.05, 0.5))).isCloseTo(2 + 5 + 2, within(1e-9));
    assertThat(g.graph().out(START).get(0).cost()).isCloseTo(9.25, within(1e-9));
    assertThat(g.graph().out("t").get(0).cost()).isEqualTo(1.5);
  }

  @Test
  void weights_addKappaTimesMissingHealth_andBlockDownTools() {
    ToolGraph g = Fixtures.pipeline();
    Map<String, Double> health = Map.of("a1", 0.5, "b1", 0.0);
    ToDoubleFunction<Graph.Edge<String>> w = g.weights(t -> health.getOrDefault(t, 1.0));
    Graph.Edge<String> intoA1 = g.graph().out(START).get(0);
    Graph.Edge<String> intoB1 = g.graph().out("a1").get(1);
    Graph.Edge<String> intoGoal = g.graph().out("b1").get(0);
    assertThat(w.applyAsDouble(intoA1)).isCloseTo(1 + 10 * 0.5, within(1e-9));
    assertThat(w.applyAsDouble(intoB1)).isInfinite();
    assertThat(w.applyAsDouble(intoGoal)).isZero();
  }

  @Test
  void route_avoidsADownTool_andIsEmptyWhenAStageIsDown() {
    ToolGraph g = Fixtures.pipeline();
    assertThat(g.route(START, GOAL, HEALTHY).orElseThrow().nodes()).containsExactly(START, "a1", "b1", GOAL);
    assertThat(g.route(START, GOAL, t -> t.equals("a1") ? 0 : 1).orElseThrow().nodes())
        .containsExactly(START, "a2", "b1", GOAL);
    assertThat(g.route(START, GOAL, t -> t.startsWith("b") ? 0 : 1)).isEmpty();
  }

  @Test
  void reducedGoalRoutes_offerReachableOnesCheapestFirst_withoutTheTarget() {
    ToolGraph g = ToolGraph.builder("g").stage(tool("a", 1)).reducedGoal("cheap", "a")
        .tool(tool("far", 3)).edge("a", "far").reducedGoal("dear", "far").build();
    List<Path<String>> routes = g.reducedGoalRoutes(START, GOAL, HEALTHY);
    assertThat(routes).extracting(Path::last).containsExactly("cheap", "dear");
    assertThat(g.reducedGoalRoutes(START, "cheap", HEALTHY)).extracting(Path::last).containsExactly("dear");
    assertThat(g.reducedGoalRoutes(START, GOAL, t -> t.equals("a") ? 0 : 1)).isEmpty();
  }

  @Test
  void cost_sumsWeightsAlongAPath_andIsInfiniteWhenBlocked() {
    ToolGraph g = Fixtures.pipeline();
    assertThat(g.cost(List.of(START, "a2", "b2", GOAL), HEALTHY)).isCloseTo(5, within(1e-9));
    assertThat(g.cost(List.of(START, "a2", "b2", GOAL), t -> t.equals("b2") ? 0 : 1)).isInfinite();
    assertThat(g.cost(List.of(START, "b1"), HEALTHY)).isInfinite();
  }

  @Test
  void build_rejectsEdgesBetweenUndeclaredOrWrongNodes() {
    assertThatThrownBy(() -> ToolGraph.builder("g").edge(START, "ghost").build())
        .hasMessageContaining("ghost");
    assertThatThrownBy(() -> ToolGraph.builder("g").stage(tool("a", 1)).edge(GOAL, "a").build())
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ToolGraph.builder("g").stage(tool("a", 1)).edge("a", START).build())
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void build_withoutAnEdgeToGoal_isRejected() {
    assertThatThrownBy(() -> ToolGraph.builder("g").tool(tool("a", 1)).edge(START, "a").build())
        .hasMessageContaining("no edge leads to GOAL");
  }

  @Test
  void builder_rejectsReservedAndClashingNames() {
    assertThatThrownBy(() -> ToolGraph.builder("g").tool(tool(GOAL, 1))).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ToolGraph.builder("g").tool(tool("a", 1)).reducedGoal("a"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ToolGraph.builder("g").tool(tool("a", 1)).tool(tool("a", 2)))
        .hasMessageContaining("two different tools");
  }

  @Test
  void tool_rejectsRiskOutsideUnitInterval() {
    assertThatThrownBy(() -> new Tool("t", 1, 0, 1.5)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Tool("t", -1, 0, 0)).isInstanceOf(IllegalArgumentException.class);
  }
}
