package dev.signalbox.agents.scenarios;

import dev.signalbox.agents.HealthSignal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The faults a scenario injects: tools that fail when called, and signals the health monitor
 * reports, each either from the start or once a trigger tool has run. Immutable.
 *
 * @param failures tools that fail when called
 * @param reports signals the monitor reports
 */
public record ToolFaults(List<Failure> failures, List<Report> reports) {

  /** {@code tool} fails with {@code reason} once {@code after} has run (from the start when empty). */
  public record Failure(Optional<String> after, String tool, String reason) {}

  /** The monitor reports {@code signal} once {@code after} has run (from the start when empty). */
  public record Report(Optional<String> after, HealthSignal signal) {}

  public ToolFaults {
    failures = List.copyOf(failures);
    reports = List.copyOf(reports);
  }

  public static ToolFaults none() {
    return new ToolFaults(List.of(), List.of());
  }

  /** {@code tool} fails when called; nothing reports it, so the run finds out by calling it. */
  public ToolFaults fails(String tool, String reason) {
    return with(new Failure(Optional.empty(), tool, reason), null);
  }

  /** {@code tool} breaks once {@code trigger} has run; nothing reports it. */
  public ToolFaults failsAfter(String trigger, String tool, String reason) {
    return with(new Failure(Optional.of(trigger), tool, reason), null);
  }

  /** The monitor reports {@code signal} from the start; the tool behaves as before (see {@link #down}). */
  public ToolFaults reports(HealthSignal signal) {
    return with(null, new Report(Optional.empty(), signal));
  }

  /** The monitor reports the tool down from the start, and it is: calls fail with the signal's reason. */
  public ToolFaults down(HealthSignal signal) {
    return fails(signal.tool(), signal.reason()).reports(signal);
  }

  /** Once {@code trigger} has run, the tool goes down and the monitor reports it. */
  public ToolFaults downAfter(String trigger, HealthSignal signal) {
    return with(new Failure(Optional.of(trigger), signal.tool(), signal.reason()),
        new Report(Optional.of(trigger), signal));
  }

  private ToolFaults with(Failure failure, Report report) {
    List<Failure> f = new ArrayList<>(failures);
    List<Report> r = new ArrayList<>(reports);
    if (failure != null) {
      f.add(failure);
    }
    if (report != null) {
      r.add(report);
    }
    return new ToolFaults(f, r);
  }
}
