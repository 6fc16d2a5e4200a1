package dev.signalbox.gateway.proxy;

import dev.signalbox.core.feedback.RequestOutcome;

/** Hears how a proxied call ended: its outcome (before the answer's last bytes go out), then the end. */
public interface CallObserver {
  /** The request's outcome, once; its usage is in it. */
  void settled(RequestOutcome outcome);

  /** The call is over (after the last bytes). */
  void done();
}
