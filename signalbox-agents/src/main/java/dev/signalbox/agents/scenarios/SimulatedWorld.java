package dev.signalbox.agents.scenarios;

import dev.signalbox.agents.HealthMonitor;
import dev.signalbox.agents.HealthSignal;
import dev.signalbox.agents.Tool;
import dev.signalbox.agents.ToolContext;
import dev.signalbox.agents.ToolExecutor;
import dev.signalbox.agents.ToolResult;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The tools and the health monitor of one scenario run. A tool provides the capabilities named
 * before the first dot of its name ({@code fetch.http} provides {@code fetch}, {@code
 * load+clean.etl} provides {@code load} and {@code clean}); its output is the capabilities gathered
 * so far, e.g. {@code search+fetch+summarize}, so every full route to a goal gives the same answer
 * and a skipped step shows in the result. Thread-safe: fan-out branches share one world.
 */
final class SimulatedWorld implements ToolExecutor, HealthMonitor {
  private final ToolFaults faults;
  private final Set<String> succeeded = ConcurrentHashMap.newKeySet();

  SimulatedWorld(ToolFaults faults) {
    this.faults = faults;
  }

  @Override
  public ToolResult execute(Tool tool, ToolContext context) {
    for (ToolFaults.Failure f : faults.failures()) {
      if (f.tool().equals(tool.name()) && hasHappened(f.after())) {
        return ToolResult.failure(f.reason());
      }
    }
    succeeded.add(tool.name());
    Set<String> capabilities = new LinkedHashSet<>();
    if (!context.outputs().isEmpty()) {
      capabilities.addAll(Arrays.asList(context.lastOutput().split("\\+")));
    }
    capabilities.addAll(capabilities(tool.name()));
    return ToolResult.success(String.join("+", capabilities));
  }

  @Override
  public List<HealthSignal> signals() {
    List<HealthSignal> signals = new ArrayList<>();
    for (ToolFaults.Report r : faults.reports()) {
      if (hasHappened(r.after())) {
        signals.add(r.signal());
      }
    }
    return signals;
  }

  static List<String> capabilities(String toolName) {
    int dot = toolName.indexOf('.');
    return List.of((dot < 0 ? toolName : toolName.substring(0, dot)).split("\\+"));
  }

  private boolean hasHappened(Optional<String> trigger) {
    return trigger.map(succeeded::contains).orElse(true);
  }
}
