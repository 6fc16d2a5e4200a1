package dev.signalbox.core.config;

/**
 * Reads a part of the configuration that core keeps as written (a {@link SettingsNode}) for a
 * module on the class path: the top-level {@code simulator} mapping and each endpoint's {@code
 * simulated} mapping, which signalbox-sim reads. Found with {@link java.util.ServiceLoader}; its
 * keys are documented by {@code signalbox config} and checked whenever a configuration loads, so
 * {@link ConfigLoader#check} still reports every problem of a file, in file order.
 */
public interface SettingsProvider {

  /** The key whose mapping it reads, e.g. {@code simulated}. */
  String name();

  /** The keys that mapping accepts, as the reference prints them. */
  Keys keys();

  /**
   * Reads the mapping (never a missing one), checking it against {@link #keys} and reporting each
   * problem through {@code node}, and returns what it read.
   */
  Object parse(ConfigNode node);
}
