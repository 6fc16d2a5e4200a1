package dev.signalbox.agents;

import java.util.List;

/**
 * A lightweight monitor (health checker, risk detector, ...) polled before a run's first step and
 * before every later one; fan-out branches may poll it concurrently, so it must be thread-safe. It
 * should report cached state quickly; an exception it throws ends the run with that exception.
 */
@FunctionalInterface
public interface HealthMonitor {

  /** The monitor's current signals; tools it says nothing about keep their health. */
  List<HealthSignal> signals();
}
