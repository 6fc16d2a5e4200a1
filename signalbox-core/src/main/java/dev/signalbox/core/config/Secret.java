package dev.signalbox.core.config;

import java.util.Objects;

/** A credential from configuration. It never prints its value: logs and traces see {@code ****}. */
public final class Secret {
  private final String value;

  public Secret(String value) {
    this.value = Objects.requireNonNull(value, "value");
  }

  /** The credential itself, for the one place that sends it upstream. */
  public String reveal() {
    return value;
  }

  @Override
  public String toString() {
    return "****";
  }
}
