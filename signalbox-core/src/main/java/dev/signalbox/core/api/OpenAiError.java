package dev.signalbox.core.api;

import dev.signalbox.core.model.ModelSpec;
import dev.signalbox.core.request.Operation;

/**
 * An error in the OpenAI format, {@code {"error": {"message", "type", "param", "code"}}}, with its
 * HTTP status. Thrown while reading or serving a request, without a stack trace (it is an answer,
 * not a bug).
 */
public final class OpenAiError extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final int status;
  private final String type;
  private final String param;
  private final String code;

  public OpenAiError(int status, String type, String code, String param, String message) {
    super(message, null, false, false);
    this.status = status;
    this.type = type;
    this.code = code;
    this.param = param;
  }

  /** 400: the request is malformed or names something wrong. */
  public static OpenAiError invalid(String param, String code, String message) {
    return new OpenAiError(400, "invalid_request_error", code, param, message);
  }

  /** 404: the model or route does not exist. */
  public static OpenAiError modelNotFound(String model) {
    return new OpenAiError(404, "invalid_request_error", "model_not_found", "model",
        "The model '" + model + "' does not exist: it is neither a model nor a route of this "
            + "gateway (GET /v1/models lists them).");
  }

  /**
   * 400: the model chosen cannot take the request ({@link ModelSpec#refusal}), in OpenAI's words.
   *
   * @param chosenBy the route that chose the model, or null when the request named it
   */
  public static OpenAiError notAdmitted(ModelSpec model, ModelSpec.Refusal refusal, Operation operation,
      int promptTokens, int maxTokens, String chosenBy) {
    String via = chosenBy == null ? "" : " (chosen by route '" + chosenBy + "')";
    if (refusal.operation()) {
      return invalid("model", "unsupported_operation",
          "Model '" + model.name() + "'" + via + " does not serve " + operation.path() + "; it serves "
              + model.operations().stream().map(Operation::path).sorted().toList() + ".");
    }
    String output = maxTokens > 0 ? " plus " + maxTokens + " for the completion" : "";
    return invalid("messages", "context_length_exceeded",
        "This model's maximum context length is " + model.contextWindow() + " tokens. However, your messages are "
            + "about " + promptTokens + " tokens" + output + " (model '" + model.name() + "'" + via + ").");
  }

  /** 404: no such path. */
  public static OpenAiError notFound(String what) {
    return new OpenAiError(404, "invalid_request_error", "not_found", null, what);
  }

  public int status() {
    return status;
  }

  public String type() {
    return type;
  }

  public String code() {
    return code;
  }

  public String param() {
    return param;
  }

  /** The OpenAI error object as JSON text. */
  public String json() {
    StringBuilder sb = new StringBuilder(128 + getMessage().length());
    sb.append("{\"error\":{\"message\":");
    Json.quote(sb, getMessage());
    sb.append(",\"type\":");
    Json.quote(sb, type);
    sb.append(",\"param\":");
    Json.quote(sb, param);
    sb.append(",\"code\":");
    Json.quote(sb, code);
    sb.append("}}");
    return sb.toString();
  }
}
