package dev.signalbox.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code eval --help}: picocli wraps the description, so no sentence breaks where the source did. */
class EvalCommandHelpTest {

  @Test
  void description_wrapsToTheWidth_notMidSentence() {
    String wide = new CommandLine(new EvalCommand()).setUsageHelpWidth(400).getUsageMessage(CommandLine.Help.Ansi.OFF);
    assertThat(wide).contains("with --data it uses the records' split field, else K-fold cross-validation.")
        .contains("zero router, task-aware, task-oracle, oracle) always run beside the routers.")
        .contains("through online learners (bandits, pheromones) that see only the chosen model's outcome, and reports"
            + " cumulative regret (optionally under --drift scenarios).");
    String narrow = new CommandLine(new EvalCommand()).getUsageMessage(CommandLine.Help.Ansi.OFF);
    assertThat(narrow.lines()).allMatch(l -> l.length() <= 80);
  }
}
