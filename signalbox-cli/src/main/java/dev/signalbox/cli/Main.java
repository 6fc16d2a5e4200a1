package dev.signalbox.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code signalbox} command: one entry point for every job. */
@Command(
    name = "signalbox",
    mixinStandardHelpOptions = true,
    versionProvider = BuildInfo.Provider.class,
    description = "An LLM router and gateway for the JVM.",
    subcommands = {ServeCommand.class, SimCommand.class, EvalCommand.class, TrainCommand.class, ConfigCommand.class,
        BenchCommand.class,
        CommandLine.HelpCommand.class})
public final class Main {

  static {
    // One line per record: "2026-11-28 06:10:00 WARNING dev.signalbox...: message".
    System.setProperty("java.util.logging.SimpleFormatter.format", "%1$tF %1$tT %4$s %3$s: %5$s%6$s%n");
    System.setProperty("java.util.logging.manager", ServerLogManager.class.getName());
    // The console handler now, not on the first record: JUL's shutdown hook stops it from being
    // made later, so a server that first logs while it shuts down would log nothing.
    java.util.logging.Logger.getLogger("").getHandlers();
  }

  public static void main(String[] args) {
    System.exit(run(args));
  }

  /** Runs a command line and returns its exit code (for tests). */
  public static int run(String... args) {
    CommandLine cli = new CommandLine(new Main());
    shareVersion(cli);
    cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
      commandLine.getErr().println("signalbox: " + e.getMessage());
      return e instanceof dev.signalbox.core.config.ConfigException ? 2 : 1;
    });
    if (args.length == 0) {
      cli.usage(System.out);
      return 0;
    }
    return cli.execute(args);
  }

  /** Gives every command below {@code cli} the version of the whole program. */
  private static void shareVersion(CommandLine cli) {
    for (CommandLine sub : cli.getSubcommands().values()) {
      sub.getCommandSpec().versionProvider(new BuildInfo.Provider());
      shareVersion(sub);
    }
  }
}
