package dev.signalbox.cli;

import java.net.BindException;
import java.util.logging.Logger;
import sun.misc.Signal;

/** What the long-running servers ({@code serve}, {@code sim}) do about signals and failing to listen. */
final class ServerSignals {
  static final String HANGUP_IGNORED =
      "SIGHUP ignored: configuration reload is not supported yet; restart to apply changes";
  private static final Logger LOG = Logger.getLogger(ServerSignals.class.getName());

  private ServerSignals() {}

  /**
   * Keeps SIGHUP (an nginx-style reload, or the terminal closing) from stopping the server, as the
   * JVM's default handler would: it is logged and ignored. SIGTERM and SIGINT still shut down.
   */
  static void ignoreHangup() {
    try {
      Signal.handle(new Signal("HUP"), signal -> LOG.warning(HANGUP_IGNORED));
    } catch (IllegalArgumentException unavailable) {
      // no SIGHUP here (Windows), or the JVM runs with -Xrs: nothing to keep
    }
  }

  /**
   * The failure to start a server, said plainly when it could not listen: which address, and the
   * options that choose another; any other failure as it is.
   */
  static Exception explainListening(Exception failure, String address, String options) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      String message = String.valueOf(t.getMessage());
      boolean inUse = message.contains("Address already in use");
      if (t instanceof BindException || inUse || message.startsWith("bind(..) failed")) {
        return new IllegalStateException(inUse
            ? address + " is already in use (choose another with " + options + ")"
            : "cannot listen on " + address + ": " + message + " (check " + options + ")", failure);
      }
    }
    return failure;
  }
}
