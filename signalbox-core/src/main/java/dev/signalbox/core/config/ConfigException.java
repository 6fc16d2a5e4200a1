package dev.signalbox.core.config;

import java.util.List;

/** A configuration problem, with the path of the offending key, e.g. {@code models[1].endpoints}. */
public final class ConfigException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final String path;
  private final List<ConfigException> problems;

  public ConfigException(String path, String problem) {
    super((path.isEmpty() ? "" : path + ": ") + problem);
    this.path = path;
    this.problems = List.of(this);
  }

  private ConfigException(String message, List<ConfigException> problems) {
    super(message);
    this.path = problems.get(0).path;
    this.problems = List.copyOf(problems);
  }

  /**
   * One exception for every problem of {@code source} (a file name, or empty): the problem itself
   * when there is one, else one whose message lists them all, a line each.
   */
  public static ConfigException all(String source, List<ConfigException> problems) {
    if (problems.size() == 1) {
      return problems.get(0);
    }
    StringBuilder message = new StringBuilder(source.isEmpty() ? "the configuration" : source)
        .append(" has ").append(problems.size()).append(" problems:");
    problems.forEach(p -> message.append("\n  ").append(p.getMessage()));
    return new ConfigException(message.toString(), problems);
  }

  /** The key path the problem is about (the first one's, for several); empty for the whole file. */
  public String path() {
    return path;
  }

  /** The problems this stands for, in file order: itself alone unless made by {@link #all}. */
  public List<ConfigException> problems() {
    return problems;
  }
}
