package dev.signalbox.core.routing.rules;

import dev.signalbox.core.signal.Signals;
import java.util.List;
import java.util.regex.Pattern;

/** Regular expressions searched in the user's text; matches when any of them is found. */
final class RegexCondition implements Condition {
  private final Pattern[] patterns;

  RegexCondition(List<Pattern> patterns) {
    this.patterns = patterns.toArray(new Pattern[0]);
  }

  @Override
  public boolean test(Signals signals) {
    return firstFound(signals) != null;
  }

  @Override
  public String describe() {
    StringBuilder sb = new StringBuilder(patterns.length == 1 ? "regex " : "any regex of ");
    for (int i = 0; i < patterns.length; i++) {
      sb.append(i == 0 ? "" : ", ").append('\'').append(patterns[i].pattern()).append('\'');
    }
    return sb.toString();
  }

  @Override
  public String explain(Signals signals) {
    Pattern found = firstFound(signals);
    return found == null ? describe() : "regex '" + found.pattern() + "'";
  }

  private Pattern firstFound(Signals signals) {
    String text = signals.text() == null ? "" : signals.text();
    for (Pattern p : patterns) {
      if (p.matcher(text).find()) {
        return p;
      }
    }
    return null;
  }
}
