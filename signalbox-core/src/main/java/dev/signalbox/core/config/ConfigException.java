package dev.signalbox.core.config;

/** A configuration problem, with the path of the offending key, e.g. {@code models[1].endpoints}. */
public final class ConfigException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final String path;

  public ConfigException(String path, String problem) {
    super((path.isEmpty() ? "" : path + ": ") + problem);
    this.path = path;
  }

  /** The key path the problem is about; empty for the whole file. */
  public String path() {
    return path;
  }
}
