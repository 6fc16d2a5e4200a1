package dev.signalbox.cli;

import java.util.logging.LogManager;

/**
 * JUL's log manager, except that its handlers are not reset when the JVM shuts down. JUL's own
 * shutdown hook resets them in parallel with the server's, so the server's last lines (how many
 * requests a shutdown drained and cut) were lost; the console handler flushes every record, so
 * nothing needs closing. Set by {@link Main}, which also makes the console handler at once.
 */
public final class ServerLogManager extends LogManager {
  private boolean configured;

  @Override
  public void reset() {
    if (!configured) { // the reset that reading the configuration starts with
      configured = true;
      super.reset();
    }
  }
}
