package dev.signalbox.core.upstream;

/** Why an attempt at an endpoint failed; decides whether it counts against the endpoint, and the final status. */
public enum AttemptFailure {
  /** The connection could not be made. */
  CONNECT(true),
  /** The connection failed before the answer (or cut it short before anything was relayed). */
  RESET(true),
  /** No first byte in time, a 408, or silence mid-answer before anything was relayed. */
  TIMEOUT(true),
  /** A 5xx. */
  SERVER_ERROR(true),
  /** 401/403: the endpoint refused the gateway's own credentials. */
  REFUSED_CREDENTIALS(true),
  /** A 2xx that is not what was asked for (HTML for a JSON request). */
  BAD_ANSWER(true),
  /** A 429: the endpoint cools down, which is not a failure of its health. */
  RATE_LIMITED(false);

  private final boolean countsAgainstHealth;

  AttemptFailure(boolean countsAgainstHealth) {
    this.countsAgainstHealth = countsAgainstHealth;
  }

  public boolean countsAgainstHealth() {
    return countsAgainstHealth;
  }
}
