package dev.signalbox.core.signal;

import dev.signalbox.core.request.Message;
import dev.signalbox.core.request.RouteRequest;

/** Computes the cheap signals of a request: token estimate, user text and task. */
public final class SignalExtractor {
  private SignalExtractor() {}

  public static Signals extract(RouteRequest request) {
    int tokens = TokenEstimator.count(request.messages());
    String text = userText(request);
    TaskHeuristic.Guess guess = TaskHeuristic.classify(text);
    return new Signals(tokens, request.maxTokens(), text, guess.task(), guess.confidence(), null);
  }

  private static String userText(RouteRequest request) {
    if (request.messages().size() == 1) {
      return request.messages().get(0).text();
    }
    StringBuilder sb = new StringBuilder();
    for (Message m : request.messages()) {
      if (m.role().equals("user")) {
        if (sb.length() > 0) {
          sb.append('\n');
        }
        sb.append(m.text());
      }
    }
    return sb.toString();
  }
}
