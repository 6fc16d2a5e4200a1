package dev.signalbox.core.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ShortestPathTest {

  static List<String> nodes(Optional<ShortestPath.Path<String>> path) {
    return path.orElseThrow().nodes();
  }

  @Test
  void find_disconnectedGoal_isEmpty() {
    Graph<String> g = Graph.<String>builder().edge("S", "A", 1).node("G").build();
    assertThat(ShortestPath.find(g, "S", "G")).isEmpty();
  }

  @Test
  void find_cheaperLongerRoute_beatsDearShortcut() {
    Graph<String> g = Graph.<String>builder().edge("S", "G", 5).edge("S", "A", 1).edge("A", "B", 1)
        .edge("B", "G", 1).build();
    ShortestPath.Path<String> path = ShortestPath.find(g, "S", "G").orElseThrow();
    assertThat(path.nodes()).containsExactly("S", "A", "B", "G");
    assertThat(path.cost()).isEqualTo(3.0);
    assertThat(path.firstHop()).isEqualTo("A");
  }

  @Test
  void find_equalCosts_takeTheEdgeAddedFirst() {
    Graph<String> ab = Graph.<String>builder().edge("S", "A", 1).edge("S", "B", 1).edge("A", "G", 1)
        .edge("B", "G", 1).build();
    Graph<String> ba = Graph.<String>builder().edge("S", "B", 1).edge("S", "A", 1).edge("A", "G", 1)
        .edge("B", "G", 1).build();
    assertThat(nodes(ShortestPath.find(ab, "S", "G"))).containsExactly("S", "A", "G");
    assertThat(nodes(ShortestPath.find(ba, "S", "G"))).containsExactly("S", "B", "G");
  }

  @Test
  void find_infiniteWeight_removesTheEdge() {
    Graph<String> g = Graph.<String>builder().edge("S", "A", 1).edge("S", "B", 2).edge("A", "G", 1)
        .edge("B", "G", 1).build();
    ShortestPath.Path<String> path = ShortestPath.find(g, "S", "G"::equals,
        e -> e.to().equals("A") ? Double.POSITIVE_INFINITY : e.cost()).orElseThrow();
    assertThat(path.nodes()).containsExactly("S", "B", "G");
    assertThat(path.cost()).isEqualTo(3.0);
  }

  @Test
  void find_everyRouteInfinite_isEmpty() {
    Graph<String> g = Graph.<String>builder().edge("S", "A", 1).edge("A", "G", 1).build();
    assertThat(ShortestPath.find(g, "S", "G"::equals, e -> Double.POSITIVE_INFINITY)).isEmpty();
  }

  @Test
  void find_startIsGoal_isOneNodePathAtZeroCost() {
    Graph<String> g = Graph.<String>builder().edge("S", "G", 1).build();
    ShortestPath.Path<String> path = ShortestPath.find(g, "S", "S").orElseThrow();
    assertThat(path.nodes()).containsExactly("S");
    assertThat(path.cost()).isZero();
    assertThat(path.firstHop()).isEqualTo("S");
  }

  @Test
  void find_cycles_terminateWithTheCheapestPath() {
    Graph<String> g = Graph.<String>builder().edge("S", "A", 1).edge("A", "B", 0).edge("B", "A", 0)
        .edge("B", "S", 0).edge("A", "G", 3).edge("B", "G", 1).build();
    ShortestPath.Path<String> path = ShortestPath.find(g, "S", "G").orElseThrow();
    assertThat(path.nodes()).containsExactly("S", "A", "B", "G");
    assertThat(path.cost()).isEqualTo(2.0);
  }

  @Test
  void find_goalPredicate_stopsAtTheNearestAcceptedNode() {
    Graph<String> g = Graph.<String>builder().edge("S", "G1", 4).edge("S", "G2", 2).build();
    assertThat(ShortestPath.find(g, "S", n -> n.startsWith("G"), Graph.Edge::cost).orElseThrow().last())
        .isEqualTo("G2");
  }

  @Test
  void find_negativeOrNaNWeight_throws() {
    Graph<String> g = Graph.<String>builder().edge("S", "G", 1).build();
    for (double bad : new double[] {-1, Double.NaN}) {
      assertThatThrownBy(() -> ShortestPath.find(g, "S", "G"::equals, e -> bad))
          .isInstanceOf(IllegalArgumentException.class);
    }
  }

  @Test
  void edge_negativeCost_isRejected() {
    assertThatThrownBy(() -> Graph.<String>builder().edge("S", "G", -0.5))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void hasEdge_followsDirection() {
    Graph<String> g = Graph.<String>builder().edge("S", "A", 1).build();
    assertThat(g.hasEdge("S", "A")).isTrue();
    assertThat(g.hasEdge("A", "S")).isFalse();
    assertThat(g.hasEdge("X", "A")).isFalse();
  }
}
