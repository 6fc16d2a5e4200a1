package dev.signalbox.cli;

import dev.signalbox.core.ConfigurationKeys;
import dev.signalbox.core.config.ConfigLoader;
import dev.signalbox.core.config.ConfigReference;
import dev.signalbox.core.routing.RoutingTable;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Prints the built-in configuration and the reference of every key, or checks a configuration file. */
@Command(name = "config", mixinStandardHelpOptions = true,
    description = {"Print the built-in configuration (a starting point for your own) followed by the reference of "
        + "every key as comments, so the output is itself a valid configuration; or check a file with --check.",
        "Each key of the reference is a line PATH: TYPE = DEFAULT (or (required)) and a line of what it does."})
final class ConfigCommand implements Callable<Integer> {
  private static final String REFERENCE_TITLE = """
      Every configuration key, generated from the descriptions the parsers check against.
      A line PATH: TYPE = DEFAULT (or "(required)"), then what the key does. name[] is each element
      of a list; [policy: X] marks the keys of routes whose policy is X (and so for engine).

      """;

  @Option(names = "--check", paramLabel = "FILE",
      description = "Report every problem of this configuration file, in file order, and exit: 0 when it has none, "
          + "2 when it has some.")
  Path check;

  @Option(names = "--reference", description = "Print only the reference of every key.")
  boolean reference;

  @Override
  public Integer call() {
    if (check != null) {
      return check();
    }
    String keys = REFERENCE_TITLE + ConfigReference.render(ConfigurationKeys.all());
    System.out.print(reference ? keys : ConfigLoader.defaultYaml() + "\n" + commented(keys));
    return 0;
  }

  private int check() {
    ConfigLoader.Checked result = ConfigLoader.check(check, RoutingTable::from);
    if (!result.problems().isEmpty()) {
      result.problems().forEach(p -> System.err.println(p.getMessage()));
      System.err.println(check + ": " + count(result.problems().size(), "problem"));
      return 2;
    }
    System.out.println(check + ": OK (" + count(result.config().models().size(), "model") + ", "
        + count(result.config().routes().size(), "route") + ")");
    return 0;
  }

  private static String commented(String text) {
    StringBuilder out = new StringBuilder();
    text.lines().forEach(line -> out.append(line.isEmpty() ? "#" : "# " + line).append('\n'));
    return out.toString();
  }

  static String count(int n, String noun) {
    return n + " " + noun + (n == 1 ? "" : "s");
  }
}
