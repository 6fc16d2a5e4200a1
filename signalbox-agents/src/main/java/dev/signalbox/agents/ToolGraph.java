package dev.signalbox.agents;

import dev.signalbox.core.graph.Graph;
import dev.signalbox.core.graph.ShortestPath;
import dev.signalbox.core.graph.ShortestPath.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.ToDoubleFunction;

/**
 * A cost-weighted tool graph: a path from {@link #START} to {@link #GOAL} is a sequence of tool
 * calls that achieves the goal, and a path to a reduced goal achieves part of it. The base cost of
 * an edge is the cost of the tool it leads to (plus any extra cost of the edge itself); health
 * is overlaid per query. Immutable.
 */
public final class ToolGraph implements AgentGoal {
  /** The node every run starts from. */
  public static final String START = "START";
  /** The node a run that achieves the full goal ends at. */
  public static final String GOAL = "GOAL";

  private final String name;
  private final Graph<String> graph;
  private final Map<String, Tool> tools;
  private final Set<String> reducedGoals;
  private final ToolCostModel costModel;

  private ToolGraph(Builder b, Graph<String> graph) {
    this.name = b.name;
    this.graph = graph;
    this.tools = Collections.unmodifiableMap(new LinkedHashMap<>(b.tools));
    this.reducedGoals = Collections.unmodifiableSet(new LinkedHashSet<>(b.reducedGoals));
    this.costModel = b.costModel;
  }

  /** A builder for a graph named {@code name}. */
  public static Builder builder(String name) {
    return new Builder(name);
  }

  @Override
  public String name() {
    return name;
  }

  /** The underlying graph; edge costs are base costs, before health. */
  public Graph<String> graph() {
    return graph;
  }

  /** The tool at {@code node}, or empty for START and goal nodes. */
  public Optional<Tool> tool(String node) {
    return Optional.ofNullable(tools.get(node));
  }

  /** The tools, in the order they were declared. */
  public Collection<Tool> tools() {
    return tools.values();
  }

  /** The reduced goals a run may be demoted to, in the order they were declared (which breaks cost ties). */
  public Set<String> reducedGoals() {
    return reducedGoals;
  }

  /** Whether {@code node} is {@link #GOAL} or a reduced goal. */
  public boolean isGoal(String node) {
    return GOAL.equals(node) || reducedGoals.contains(node);
  }

  /** The cost model the edge costs were folded with. */
  public ToolCostModel costModel() {
    return costModel;
  }

  /**
   * Edge weights under a health view (tool name to health in [0, 1], 0 for down or failed): the
   * cost model's weight for edges into tools, the base cost for edges into goals. Only the edges
   * into a down tool become +∞: a path leaves a tool only after entering it, except from the node
   * a run stands on, whose work is already done.
   */
  public ToDoubleFunction<Graph.Edge<String>> weights(ToDoubleFunction<String> health) {
    return edge -> tools.containsKey(edge.to())
        ? costModel.weight(edge.cost(), health.applyAsDouble(edge.to()))
        : edge.cost();
  }

  /** The cheapest route from {@code from} to {@code to} under {@code health}; empty when all are blocked. */
  public Optional<Path<String>> route(String from, String to, ToDoubleFunction<String> health) {
    return ShortestPath.find(graph, from, to::equals, weights(health));
  }

  /** The total weight of {@code path} under {@code health}; +∞ when an edge is missing or blocked. */
  public double cost(List<String> path, ToDoubleFunction<String> health) {
    ToDoubleFunction<Graph.Edge<String>> weights = weights(health);
    double total = 0;
    for (int i = 1; i < path.size(); i++) {
      String to = path.get(i);
      total += graph.out(path.get(i - 1)).stream().filter(e -> e.to().equals(to))
          .mapToDouble(weights).min().orElse(Double.POSITIVE_INFINITY);
    }
    return total;
  }

  /** Routes from {@code from} to every reachable reduced goal except {@code excluded}, cheapest first. */
  public List<Path<String>> reducedGoalRoutes(String from, String excluded, ToDoubleFunction<String> health) {
    List<Path<String>> routes = new ArrayList<>();
    for (String goal : reducedGoals) {
      if (!goal.equals(excluded)) {
        route(from, goal, health).ifPresent(routes::add);
      }
    }
    routes.sort(Comparator.comparingDouble(Path::cost));
    return routes;
  }

  @Override
  public RunRecord runOn(GoalRunner runner, String input) {
    return runner.run(this, input);
  }

  @Override
  public String toString() {
    return "ToolGraph[" + name + ", " + tools.size() + " tools]";
  }

  /**
   * Builds a tool graph. A linear pipeline is a series of {@link #stage} calls (each stage's tools
   * are alternatives, all connected to all tools of the stage before); a dependency DAG is a set
   * of {@link #edge} calls between {@link #tool}s, START and goals. Both mix.
   */
  public static final class Builder {
    private final String name;
    private final Map<String, Tool> tools = new LinkedHashMap<>();
    private final Set<String> reducedGoals = new LinkedHashSet<>();
    private final List<PendingEdge> edges = new ArrayList<>();
    private ToolCostModel costModel = ToolCostModel.DEFAULT;
    private List<String> lastStage = List.of();

    private Builder(String name) {
      this.name = Objects.requireNonNull(name, "name");
    }

    /** The cost model that turns tools into edge weights; {@link ToolCostModel#DEFAULT} unless set. */
    public Builder costModel(ToolCostModel costModel) {
      this.costModel = Objects.requireNonNull(costModel, "costModel");
      return this;
    }

    /** Declares a tool; declaring the same tool twice is allowed, two tools with one name are not. */
    public Builder tool(Tool tool) {
      String n = tool.name();
      if (n.equals(START) || n.equals(GOAL) || reducedGoals.contains(n)) {
        throw new IllegalArgumentException("graph " + name + ": tool name " + n + " is taken by a start or goal node");
      }
      Tool previous = tools.putIfAbsent(n, tool);
      if (previous != null && !previous.equals(tool)) {
        throw new IllegalArgumentException("graph " + name + ": two different tools named " + n);
      }
      return this;
    }

    /** Declares a reduced goal (a partial result a run may be demoted to), reached from {@code from}. */
    public Builder reducedGoal(String goal, String... from) {
      if (goal.equals(START) || goal.equals(GOAL) || tools.containsKey(goal)) {
        throw new IllegalArgumentException("graph " + name + ": reduced goal " + goal + " clashes with another node");
      }
      reducedGoals.add(goal);
      for (String f : from) {
        edge(f, goal);
      }
      return this;
    }

    /** An edge whose cost is that of the tool it leads to (zero into a goal). */
    public Builder edge(String from, String to) {
      return edge(from, to, 0);
    }

    /** An edge that costs {@code extraCost} on top of the tool it leads to, e.g. a hand-over. */
    public Builder edge(String from, String to, double extraCost) {
      edges.add(new PendingEdge(from, to, extraCost));
      return this;
    }

    /** The next pipeline stage: alternative tools, each reachable from every tool of the stage before. */
    public Builder stage(Tool... alternatives) {
      if (alternatives.length == 0) {
        throw new IllegalArgumentException("graph " + name + ": a stage needs at least one tool");
      }
      List<String> from = lastStage.isEmpty() ? List.of(START) : lastStage;
      List<String> names = new ArrayList<>();
      for (Tool t : alternatives) {
        tool(t);
        names.add(t.name());
        from.forEach(f -> edge(f, t.name()));
      }
      lastStage = names;
      return this;
    }

    /** Builds the graph; when stages were added, the last stage's tools lead to GOAL. */
    public ToolGraph build() {
      lastStage.forEach(t -> edge(t, GOAL));
      lastStage = List.of();
      Graph.Builder<String> graph = Graph.<String>builder().node(START).node(GOAL);
      reducedGoals.forEach(graph::node);
      for (PendingEdge e : edges) {
        checkEdge(e);
        Tool target = tools.get(e.to);
        graph.edge(e.from, e.to, e.extraCost + (target == null ? 0 : costModel.base(target)));
      }
      ToolGraph built = new ToolGraph(this, graph.build());
      if (edges.stream().noneMatch(e -> e.to.equals(GOAL))) {
        throw new IllegalArgumentException("graph " + name + ": no edge leads to " + GOAL);
      }
      return built;
    }

    private void checkEdge(PendingEdge e) {
      boolean fromKnown = e.from.equals(START) || tools.containsKey(e.from);
      boolean toKnown = e.to.equals(GOAL) || reducedGoals.contains(e.to) || tools.containsKey(e.to);
      if (!fromKnown || !toKnown) {
        throw new IllegalArgumentException("graph " + name + ": edge " + e.from + " -> " + e.to
            + " must lead from START or a declared tool to a declared tool or goal");
      }
    }

    private record PendingEdge(String from, String to, double extraCost) {}
  }
}
