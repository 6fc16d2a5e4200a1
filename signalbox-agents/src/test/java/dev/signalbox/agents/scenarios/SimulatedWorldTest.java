package dev.signalbox.agents.scenarios;

import static org.assertj.core.api.Assertions.assertThat;

import dev.signalbox.agents.HealthSignal;
import dev.signalbox.agents.Tool;
import dev.signalbox.agents.ToolContext;
import dev.signalbox.agents.ToolResult;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SimulatedWorldTest {
  static final Tool ETL = new Tool("load+clean.etl", 1, 0, 0);
  static final Tool STATS = new Tool("analyze.stats", 1, 0, 0);

  @Test
  void execute_addsTheToolsCapabilitiesToTheLastOutput() {
    SimulatedWorld world = new SimulatedWorld(ToolFaults.none());
    assertThat(world.execute(ETL, new ToolContext("g", "q", Map.of())).output()).isEqualTo("load+clean");
    ToolResult r = world.execute(new Tool("clean.again", 1, 0, 0), new ToolContext("g", "q", Map.of("x", "load+clean")));
    assertThat(r.output()).isEqualTo("load+clean");
    assertThat(world.execute(STATS, new ToolContext("g", "q", Map.of("x", "load+clean"))).output())
        .isEqualTo("load+clean+analyze");
  }

  @Test
  void failsAfter_breaksTheToolOnlyOnceTheTriggerSucceeded() {
    SimulatedWorld world = new SimulatedWorld(ToolFaults.none().failsAfter(ETL.name(), STATS.name(), "out of memory"));
    ToolContext empty = new ToolContext("g", "q", Map.of());
    assertThat(world.execute(STATS, empty).ok()).isTrue();
    world.execute(ETL, empty);
    assertThat(world.execute(STATS, empty).reason()).isEqualTo("out of memory");
  }

  @Test
  void downAfter_reportsAndBreaksTheToolOnceTheTriggerSucceeded() {
    HealthSignal down = HealthSignal.down(STATS.name(), 5, "health-check", "probe timeouts");
    SimulatedWorld world = new SimulatedWorld(ToolFaults.none().downAfter(ETL.name(), down));
    assertThat(world.signals()).isEmpty();
    world.execute(ETL, new ToolContext("g", "q", Map.of()));
    assertThat(world.signals()).containsExactly(down);
    assertThat(world.execute(STATS, new ToolContext("g", "q", Map.of())).ok()).isFalse();
  }

  @Test
  void reports_aloneLeaveTheToolWorking() {
    SimulatedWorld world = new SimulatedWorld(
        ToolFaults.none().reports(HealthSignal.down(STATS.name(), 1, "stale-probe", "missed a probe")));
    assertThat(world.signals()).hasSize(1);
    assertThat(world.execute(STATS, new ToolContext("g", "q", Map.of())).ok()).isTrue();
  }
}
