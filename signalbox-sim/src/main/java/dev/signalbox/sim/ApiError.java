package dev.signalbox.sim;

/**
 * An error answered in OpenAI's format: {@code {"error":{"message","type","param","code"}}}.
 *
 * @param status the HTTP status
 * @param message what went wrong, for a person
 * @param type OpenAI's error type, e.g. {@code invalid_request_error}
 * @param param the request field at fault, or null
 * @param code a machine-readable code, or null
 */
record ApiError(int status, String message, String type, String param, String code) {

  /** 400 for a request the simulator cannot read; {@code param} names the field. */
  static ApiError invalid(String param, String message) {
    return new ApiError(400, message, "invalid_request_error", param, null);
  }

  static ApiError modelNotFound(String model) {
    return new ApiError(404, "The model `" + model + "` does not exist or you do not have access to it.",
        "invalid_request_error", "model", "model_not_found");
  }

  static ApiError overloaded() {
    return new ApiError(503, "The simulated replica is overloaded: its queue is full. Retry later.",
        "server_error", null, "overloaded");
  }

  /** The error a replica answers when the fault injector draws an error for a request. */
  static ApiError injected(int status) {
    if (status == 429) {
      return new ApiError(429, "Injected fault: rate limit reached for this simulated replica.",
          "requests", null, "rate_limit_exceeded");
    }
    String type = status >= 500 ? "server_error" : "invalid_request_error";
    return new ApiError(status, "Injected fault: the simulated replica failed this request.",
        type, null, "injected_fault");
  }

  /** Thrown while reading a request, to answer it with this error. */
  RejectedRequest asException() {
    return new RejectedRequest(this);
  }

  /** Carries an {@link ApiError} out of request parsing. */
  static final class RejectedRequest extends RuntimeException {
    private final transient ApiError error;

    RejectedRequest(ApiError error) {
      super(error.message(), null, false, false);
      this.error = error;
    }

    ApiError error() {
      return error;
    }
  }
}
