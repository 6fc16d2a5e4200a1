package dev.signalbox.core.upstream;

/**
 * Why a request got no answer from any endpoint, in words a client's API can carry (each API
 * writes it in its own error format).
 *
 * @param status the HTTP status: 503 nothing usable, 504 timed out, 429 rate limited, else 502
 * @param code a machine-readable reason, e.g. {@code upstream_timeout}
 * @param message what was tried and why each attempt failed
 * @param retryAfterNanos when it is worth trying again (0: no advice)
 */
public record UpstreamError(int status, String code, String message, long retryAfterNanos) {

  /** Whether the client is being asked to slow down rather than told of a failure. */
  public boolean rateLimited() {
    return status == 429;
  }
}
