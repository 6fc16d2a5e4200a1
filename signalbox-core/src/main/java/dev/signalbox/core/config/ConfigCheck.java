package dev.signalbox.core.config;

/**
 * Checks the part of a configuration that a pluggable component reads itself: a pool strategy's
 * settings, a state store's. {@link SignalboxConfig#parse} runs every check it finds with {@link
 * java.util.ServiceLoader}, so their problems are reported with the rest, in file order, while the
 * packages that own those parts depend on config and not the other way round.
 */
public interface ConfigCheck {

  /**
   * Reads what this component owns in {@code config}, reporting each problem through the node it
   * is about ({@link ConfigNode#attempt} per part, so that one broken part does not hide the next).
   */
  void check(SignalboxConfig config);
}
