package dev.signalbox.cli;

import dev.signalbox.core.config.ConfigLoader;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Prints the built-in configuration, or checks a configuration file. */
@Command(name = "config", mixinStandardHelpOptions = true,
    description = "Print the built-in configuration (a starting point for your own), or check a file with --check.")
final class ConfigCommand implements Callable<Integer> {

  @Option(names = "--check", paramLabel = "FILE", description = "Validate this configuration file and exit.")
  Path check;

  @Override
  public Integer call() {
    if (check != null) {
      var config = ConfigLoader.load(check);
      dev.signalbox.core.routing.RoutingTable.from(config);
      System.out.println(check + ": OK (" + config.models().size() + " models, " + config.routes().size() + " routes)");
    } else {
      System.out.print(ConfigLoader.defaultYaml());
    }
    return 0;
  }
}
