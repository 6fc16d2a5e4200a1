package dev.signalbox.agents.scenarios;

import static dev.signalbox.agents.ToolGraph.GOAL;
import static dev.signalbox.agents.ToolGraph.START;

import dev.signalbox.agents.FanOut;
import dev.signalbox.agents.AgentGoal;
import dev.signalbox.agents.HealthSignal;
import dev.signalbox.agents.RunOutcome;
import dev.signalbox.agents.Tool;
import dev.signalbox.agents.ToolGraph;
import dev.signalbox.agents.scenarios.ToolScenario.Topology;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The standard tool-routing scenarios: a research pipeline, a data-analysis DAG and a trip-planning
 * fan-out, each healthy, with single and compound failures (found mid-run or reported by a monitor
 * before or during the run), and infeasible (demoted or escalated). Tool costs are in {@link
 * Tool}'s units, folded by the default cost model.
 */
public final class ToolScenarios {
  private static final int HEALTH_CHECK = 5;
  private static final int RISK = 9;
  private static final int STALE = 1;

  private ToolScenarios() {}

  /** All scenarios, pipeline first, then DAG, then fan-out. */
  public static List<ToolScenario> standard() {
    List<ToolScenario> all = new ArrayList<>(pipeline());
    all.addAll(dag());
    all.addAll(fanOut());
    return all;
  }

  /** search → fetch → summarize, two alternatives a stage; fetched excerpts are the reduced goal. */
  static ToolGraph research() {
    return ToolGraph.builder("research")
        .stage(new Tool("search.web", 400, 0.001, 0.05), new Tool("search.news", 600, 0.002, 0.05))
        .stage(new Tool("fetch.http", 300, 0, 0.1), new Tool("fetch.archive", 900, 0, 0.05))
        .reducedGoal("excerpts", "fetch.http", "fetch.archive")
        .stage(new Tool("summarize.small", 800, 0.0005, 0.05), new Tool("summarize.large", 2500, 0.01, 0.02))
        .build();
  }

  static List<ToolScenario> pipeline() {
    ToolGraph g = research();
    String full = "search+fetch+summarize";
    Topology t = Topology.PIPELINE;
    return List.of(
        reaches(t, "pipeline/healthy", "no fault: the cheapest route", g, ToolFaults.none(), full),
        reaches(t, "pipeline/single-failure", "search.web fails with 503 when called", g,
            ToolFaults.none().fails("search.web", "HTTP 503"), full),
        reaches(t, "pipeline/two-failures-mid-run", "fetch.http times out, then summarize.small fails", g,
            ToolFaults.none().fails("fetch.http", "timeout after 10 s").fails("summarize.small", "HTTP 500"), full),
        reaches(t, "pipeline/monitor-down-and-failure",
            "a health check reports summarize.small down before the run; search.web fails mid-run", g,
            ToolFaults.none().down(HealthSignal.down("summarize.small", HEALTH_CHECK, "health-check", "0 of 3 probes"))
                .fails("search.web", "HTTP 503"), full),
        reaches(t, "pipeline/degraded", "fetch.http is degraded to health 0.2 but still answers", g,
            ToolFaults.none().reports(HealthSignal.degraded("fetch.http", 0.2, HEALTH_CHECK, "health-check", "p99 8 s")),
            full),
        demoted(t, "pipeline/no-summarizer-demote", "both summarizers fail: demote to the fetched excerpts", g,
            ToolFaults.none().fails("summarize.small", "HTTP 500").fails("summarize.large", "quota exhausted"),
            "search+fetch"),
        escalated(t, "pipeline/no-search-escalate", "both search tools fail: nothing to fall back to", g,
            ToolFaults.none().fails("search.web", "HTTP 503").fails("search.news", "HTTP 503")));
  }

  /** load → clean → analyze → report, with an ETL shortcut (load+clean) and a notebook (analyze+report). */
  static ToolGraph analysis() {
    String[] loaders = {"load.sql", "load.csv"};
    String[] cleaned = {"clean.pandas", "clean.spark", "load+clean.etl"};
    String[] analyzers = {"analyze.stats", "analyze.ml"};
    ToolGraph.Builder b = ToolGraph.builder("analysis")
        .tool(new Tool("load.sql", 500, 0, 0.05)).tool(new Tool("load.csv", 200, 0, 0.15))
        .tool(new Tool("load+clean.etl", 900, 0.001, 0.05))
        .tool(new Tool("clean.pandas", 1200, 0, 0.1)).tool(new Tool("clean.spark", 3000, 0.004, 0.05))
        .tool(new Tool("analyze.stats", 400, 0, 0.05)).tool(new Tool("analyze.ml", 2000, 0.02, 0.1))
        .tool(new Tool("analyze+report.notebook", 3000, 0.01, 0.1))
        .tool(new Tool("report.markdown", 100, 0, 0.02))
        .edge(START, "load.sql").edge(START, "load.csv").edge(START, "load+clean.etl")
        .edge("report.markdown", GOAL).edge("analyze+report.notebook", GOAL)
        .reducedGoal("stats", analyzers);
    for (String loader : loaders) {
      b.edge(loader, "clean.pandas").edge(loader, "clean.spark");
    }
    for (String c : cleaned) {
      b.edge(c, "analyze.stats").edge(c, "analyze.ml").edge(c, "analyze+report.notebook");
    }
    for (String a : analyzers) {
      b.edge(a, "report.markdown");
    }
    return b.build();
  }

  static List<ToolScenario> dag() {
    ToolGraph g = analysis();
    String full = "load+clean+analyze+report";
    Topology t = Topology.DAG;
    HealthSignal statsDown = HealthSignal.down("analyze.stats", HEALTH_CHECK, "health-check", "probe timeouts");
    return List.of(
        reaches(t, "dag/healthy", "no fault: the ETL shortcut", g, ToolFaults.none(), full),
        reaches(t, "dag/shortcut-fails", "the ETL shortcut fails: the longer load, clean route", g,
            ToolFaults.none().fails("load+clean.etl", "job crashed"), full),
        reaches(t, "dag/deep-failure-resumes", "analyze.stats fails after the ETL ran: resume from there", g,
            ToolFaults.none().fails("analyze.stats", "out of memory"), full),
        reaches(t, "dag/compound-mid-run", "the ETL fails, then analyze.stats breaks once clean.pandas ran", g,
            ToolFaults.none().fails("load+clean.etl", "job crashed")
                .failsAfter("clean.pandas", "analyze.stats", "out of memory"), full),
        reaches(t, "dag/risk-outranks-health",
            "a risk detector blocks load.sql over a plain health check; the ETL fails mid-run", g,
            ToolFaults.none().down(HealthSignal.down("load.sql", RISK, "risk-detector", "credentials exposed"))
                .reports(HealthSignal.up("load.sql", HEALTH_CHECK, "health-check", "probe ok"))
                .fails("load+clean.etl", "job crashed"), full),
        reaches(t, "dag/monitor-mid-run", "a monitor reports analyze.stats down while the ETL runs", g,
            ToolFaults.none().downAfter("load+clean.etl", statsDown), full),
        demoted(t, "dag/no-report-demote", "both report tools fail after the analysis: demote to the stats", g,
            ToolFaults.none().fails("report.markdown", "template error").fails("analyze+report.notebook", "kernel died"),
            "load+clean+analyze"),
        escalated(t, "dag/no-loader-escalate", "monitors report every loader down before the run", g,
            ToolFaults.none().down(HealthSignal.down("load.sql", HEALTH_CHECK, "health-check", "database unreachable"))
                .down(HealthSignal.down("load.csv", HEALTH_CHECK, "health-check", "bucket unreachable"))
                .down(HealthSignal.down("load+clean.etl", HEALTH_CHECK, "health-check", "scheduler down"))));
  }

  /** Flights, hotels and weather, each a two-stage (or one-stage) branch, joined into one plan. */
  static FanOut trip() {
    ToolGraph flights = ToolGraph.builder("flights")
        .stage(new Tool("flights.amadeus", 700, 0.003, 0.05), new Tool("flights.kiwi", 900, 0.004, 0.1))
        .stage(new Tool("price.fx", 100, 0, 0.02), new Tool("price.bank", 300, 0, 0.02))
        .build();
    ToolGraph hotels = ToolGraph.builder("hotels")
        .stage(new Tool("hotels.booking", 600, 0.002, 0.05), new Tool("hotels.expedia", 800, 0.003, 0.05))
        .stage(new Tool("reviews.tripadvisor", 400, 0, 0.1), new Tool("reviews.google", 500, 0, 0.1))
        .build();
    ToolGraph weather = ToolGraph.builder("weather")
        .stage(new Tool("weather.openmeteo", 200, 0, 0.05), new Tool("weather.noaa", 400, 0, 0.05))
        .tool(new Tool("climate.averages", 100, 0, 0))
        .edge(START, "climate.averages")
        .reducedGoal("climate", "climate.averages")
        .build();
    return FanOut.of("trip", flights, hotels, weather);
  }

  static List<ToolScenario> fanOut() {
    FanOut g = trip();
    String full = "flights=flights+price; hotels=hotels+reviews; weather=weather";
    Topology t = Topology.FAN_OUT;
    return List.of(
        reaches(t, "fan-out/healthy", "no fault: three branches, each its cheapest route", g, ToolFaults.none(), full),
        reaches(t, "fan-out/single-failure", "flights.amadeus fails in the flights branch", g,
            ToolFaults.none().fails("flights.amadeus", "HTTP 502"), full),
        reaches(t, "fan-out/failures-in-two-branches", "hotels.booking and weather.openmeteo fail concurrently", g,
            ToolFaults.none().fails("hotels.booking", "HTTP 429").fails("weather.openmeteo", "timeout"), full),
        reaches(t, "fan-out/compound-one-branch",
            "price.fx is reported down before the run and flights.amadeus fails mid-run", g,
            ToolFaults.none().down(HealthSignal.down("price.fx", HEALTH_CHECK, "health-check", "rates feed stale"))
                .fails("flights.amadeus", "HTTP 502"), full),
        reaches(t, "fan-out/priority-ordering",
            "risk outranks a health check on hotels.booking; a live check outranks a stale probe on flights.amadeus",
            g, ToolFaults.none()
                .down(HealthSignal.down("hotels.booking", RISK, "risk-detector", "payment anomaly"))
                .reports(HealthSignal.up("hotels.booking", HEALTH_CHECK, "health-check", "probe ok"))
                .reports(HealthSignal.down("flights.amadeus", STALE, "stale-probe", "missed one probe"))
                .reports(HealthSignal.up("flights.amadeus", HEALTH_CHECK, "health-check", "probe ok")), full),
        demoted(t, "fan-out/weather-down-demote", "both forecasts fail: the weather branch falls back to climate", g,
            ToolFaults.none().fails("weather.openmeteo", "timeout").fails("weather.noaa", "HTTP 503"),
            "flights=flights+price; hotels=hotels+reviews; weather=climate"),
        escalated(t, "fan-out/hotels-down-escalate", "both hotel tools fail: the trip goes to a human", g,
            ToolFaults.none().fails("hotels.booking", "HTTP 503").fails("hotels.expedia", "HTTP 503")));
  }

  private static ToolScenario reaches(Topology t, String name, String description, AgentGoal goal, ToolFaults faults,
      String result) {
    return new ToolScenario(name, t, description, goal, faults, RunOutcome.GOAL_REACHED, Optional.of(result));
  }

  private static ToolScenario demoted(Topology t, String name, String description, AgentGoal goal, ToolFaults faults,
      String result) {
    return new ToolScenario(name, t, description, goal, faults, RunOutcome.DEMOTED_GOAL_REACHED, Optional.of(result));
  }

  private static ToolScenario escalated(Topology t, String name, String description, AgentGoal goal, ToolFaults faults) {
    return new ToolScenario(name, t, description, goal, faults, RunOutcome.ESCALATED, Optional.empty());
  }
}
