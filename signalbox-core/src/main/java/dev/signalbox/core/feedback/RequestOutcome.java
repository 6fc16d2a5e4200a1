package dev.signalbox.core.feedback;

/**
 * What came of one request, as the gateway measured it: one value, made once the answer's usage is
 * known (just before its last bytes go out).
 *
 * @param status the HTTP status the request ended with (499: the client left)
 * @param latencyMs from the request's start to its end
 * @param promptTokens from the answer's usage; -1 when it gave none
 * @param completionTokens likewise
 * @param costUsd the usage at the serving model's prices; NaN without usage
 * @param servedModel the model whose answer the client got (a fallback perhaps); null when none
 * @param error why it failed, or null
 */
public record RequestOutcome(int status, double latencyMs, long promptTokens, long completionTokens, double costUsd,
    String servedModel, String error) {

  public boolean hasUsage() {
    return promptTokens >= 0;
  }
}
