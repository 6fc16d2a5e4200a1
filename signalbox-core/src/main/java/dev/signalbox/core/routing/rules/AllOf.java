package dev.signalbox.core.routing.rules;

import dev.signalbox.core.signal.Signals;
import java.util.List;

/** Every part holds: {@code all: [...]}, or several keys in one condition mapping. */
final class AllOf implements Condition {
  private final Condition[] parts;

  AllOf(List<Condition> parts) {
    this.parts = parts.toArray(new Condition[0]);
  }

  @Override
  public boolean test(Signals signals) {
    for (Condition c : parts) {
      if (!c.test(signals)) {
        return false;
      }
    }
    return true;
  }

  @Override
  public String describe() {
    return join(parts, " and ", null);
  }

  @Override
  public String explain(Signals signals) {
    return join(parts, " and ", signals);
  }

  /** Joins the parts' descriptions, or their explanations when {@code signals} is given. */
  static String join(Condition[] parts, String separator, Signals signals) {
    StringBuilder sb = new StringBuilder();
    for (Condition c : parts) {
      boolean nested = c instanceof AllOf || c instanceof AnyOf;
      String text = signals == null ? c.describe() : c.explain(signals);
      sb.append(sb.length() == 0 ? "" : separator).append(nested ? "(" + text + ")" : text);
    }
    return sb.toString();
  }
}
