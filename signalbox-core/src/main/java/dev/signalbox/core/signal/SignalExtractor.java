package dev.signalbox.core.signal;

import dev.signalbox.core.request.Message;
import dev.signalbox.core.request.RouteRequest;
import dev.signalbox.core.spi.ProviderRegistry;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Computes the cheap signals of a request: token estimate, user text and task, then those of
 * every {@link SignalProvider} on the class path.
 */
public final class SignalExtractor {
  private static final List<SignalProvider> PROVIDERS = providers();

  private SignalExtractor() {}

  public static Signals extract(RouteRequest request) {
    int tokens = TokenEstimator.count(request.messages());
    String text = userText(request);
    TaskHeuristic.Guess guess = TaskHeuristic.classify(text);
    Signals signals = new Signals(tokens, request.maxTokens(), text, guess.task(), guess.confidence(), null);
    return PROVIDERS.isEmpty() ? signals : withNamed(request, signals);
  }

  /** The names of the signals that providers add. */
  public static List<String> named() {
    return PROVIDERS.stream().map(SignalProvider::name).toList();
  }

  private static Signals withNamed(RouteRequest request, Signals signals) {
    Map<String, Object> named = new LinkedHashMap<>();
    for (SignalProvider p : PROVIDERS) {
      Object value = p.extract(request, signals);
      if (value != null) {
        named.put(p.name(), value);
      }
    }
    return new Signals(signals.promptTokens(), signals.maxOutputTokens(), signals.text(), signals.task(),
        signals.taskConfidence(), null, Collections.unmodifiableMap(named));
  }

  private static List<SignalProvider> providers() {
    ProviderRegistry<SignalProvider> registry =
        ProviderRegistry.discover("signal", SignalProvider.class, p -> List.of(p.name()), List.of());
    for (String name : registry.names()) {
      if (SignalsSummary.BUILT_IN.contains(name)) {
        throw new IllegalStateException("signal provider " + registry.get(name).getClass().getName()
            + " is named like the built-in signal '" + name + "'");
      }
    }
    return List.copyOf(registry.map(p -> p).values());
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
