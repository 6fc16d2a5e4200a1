package dev.signalbox.core.routing.rules;

import dev.signalbox.core.signal.Signals;
import java.util.List;

/** At least one part holds: {@code any: [...]}. Explains itself by the first part that holds. */
final class AnyOf implements Condition {
  private final Condition[] parts;

  AnyOf(List<Condition> parts) {
    this.parts = parts.toArray(new Condition[0]);
  }

  @Override
  public boolean test(Signals signals) {
    for (Condition c : parts) {
      if (c.test(signals)) {
        return true;
      }
    }
    return false;
  }

  @Override
  public String describe() {
    return AllOf.join(parts, " or ", null);
  }

  @Override
  public String explain(Signals signals) {
    for (Condition c : parts) {
      if (c.test(signals)) {
        return c.explain(signals);
      }
    }
    return describe();
  }
}
