package dev.signalbox.core.plugin;

import dev.signalbox.core.config.ConfigNode;
import dev.signalbox.core.config.Keys;
import dev.signalbox.core.request.RouteRequest;
import dev.signalbox.core.routing.rules.Condition;
import dev.signalbox.core.routing.rules.ConditionProvider;
import dev.signalbox.core.signal.SignalProvider;
import dev.signalbox.core.signal.Signals;

/**
 * A signal that plugs in from outside core's main code, with its rule condition: whether the
 * user's text is a question. Registered in this module's test {@code META-INF/services}; nothing
 * else is edited to add it.
 */
public final class QuestionSignal implements SignalProvider {
  static final String NAME = "question";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Object extract(RouteRequest request, Signals signals) {
    return signals.text().strip().endsWith("?");
  }

  /** {@code when: {question: true}}: the user's text is (or, with false, is not) a question. */
  public static final class Is implements ConditionProvider {
    @Override
    public String key() {
      return NAME;
    }

    @Override
    public Keys keys() {
      return Keys.of("").key(NAME, "boolean", null, "the user's text ends with a question mark (true) or not (false)");
    }

    @Override
    public Condition parse(ConfigNode value) {
      if (!value.raw().isBoolean()) {
        throw value.problem("expected true or false");
      }
      boolean wanted = value.raw().booleanValue();
      return new Condition() {
        @Override
        public boolean test(Signals signals) {
          return Boolean.valueOf(wanted).equals(signals.named(NAME));
        }

        @Override
        public String describe() {
          return NAME + "=" + wanted;
        }
      };
    }
  }
}
