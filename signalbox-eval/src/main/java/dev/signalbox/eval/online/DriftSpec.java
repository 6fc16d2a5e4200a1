package dev.signalbox.eval.online;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A drift scenario for the online replay: changes that happen from a point of the stream on.
 *
 * <pre>
 * quality:MODEL=0@300      MODEL's quality is 0 from request 300 on (it fails on every prompt)
 * quality:MODEL*0.5@30%    its quality halves from 30% of the stream on
 * price:MODEL*10@300       its cost is ten times higher
 * add:MODEL@300            MODEL is not in the pool before request 300 (onboarding)
 * remove:MODEL@300         MODEL leaves the pool
 * </pre>
 *
 * MODEL may be {@code best}: the single model with the highest mean reward over the stream. Several
 * changes may be joined by {@code ;}.
 *
 * @param text the spec as written
 * @param changes what changes, with {@code best} resolved once {@link #resolved} has run
 * @param best the model {@code best} was resolved to, or null
 */
public record DriftSpec(String text, List<Change> changes, String best) {

  /** What kind of change. */
  public enum Kind { QUALITY, PRICE, ADD, REMOVE }

  /**
   * One change.
   *
   * @param kind what changes
   * @param model the model (or {@code best})
   * @param value the new quality, or the factor when {@code factor} is set
   * @param factor whether {@code value} multiplies rather than replaces
   * @param at the first request it applies to: a count, or a share of the stream when {@code share}
   * @param share whether {@code at} is a share in [0, 1]
   */
  public record Change(Kind kind, String model, double value, boolean factor, double at, boolean share) {

    /** The first affected request of a stream of {@code n}. */
    public int start(int n) {
      return share ? (int) Math.round(at * n) : (int) at;
    }

    /** This change with {@code best} replaced. */
    Change resolved(String bestModel) {
      return model.equals("best") ? new Change(kind, bestModel, value, factor, at, share) : this;
    }

  }

  /** Parses a spec, failing with a message that shows the syntax. */
  public static DriftSpec parse(String text) {
    List<Change> changes = new ArrayList<>();
    for (String part : text.split(";")) {
      changes.add(change(part.trim(), text));
    }
    return new DriftSpec(text, changes, null);
  }

  /** This spec with {@code best} resolved to a model (which the {@link #label} then names). */
  public DriftSpec resolved(String bestModel) {
    boolean named = changes.stream().anyMatch(c -> c.model().equals("best"));
    return new DriftSpec(text, changes.stream().map(c -> c.resolved(bestModel)).toList(), named ? bestModel : best);
  }

  /** The text, and what {@code best} stands for once resolved. */
  public String label() {
    return best == null ? text : text + " (best = " + best + ")";
  }

  /** The earliest start among the changes. */
  public int start(int n) {
    return changes.stream().mapToInt(c -> c.start(n)).min().orElse(0);
  }

  private static Change change(String s, String whole) {
    int colon = s.indexOf(':');
    int at = s.lastIndexOf('@');
    if (colon <= 0 || at < colon) {
      throw bad(whole, "expected KIND:MODEL...@STEP");
    }
    Kind kind;
    try {
      kind = Kind.valueOf(s.substring(0, colon).trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw bad(whole, "unknown kind '" + s.substring(0, colon) + "' (quality, price, add, remove)");
    }
    String step = s.substring(at + 1).trim();
    boolean share = step.endsWith("%");
    double where;
    try {
      where = share ? Double.parseDouble(step.substring(0, step.length() - 1)) / 100 : Integer.parseInt(step);
    } catch (NumberFormatException e) {
      throw bad(whole, "the step '" + step + "' is not a request number or a percentage");
    }
    String middle = s.substring(colon + 1, at).trim();
    int eq = middle.lastIndexOf('=');
    int star = middle.lastIndexOf('*');
    int op = Math.max(eq, star);
    if (kind == Kind.ADD || kind == Kind.REMOVE) {
      if (op >= 0 || middle.isEmpty()) {
        throw bad(whole, kind.name().toLowerCase(Locale.ROOT) + " takes a model only");
      }
      return new Change(kind, middle, 1, true, where, share);
    }
    if (op <= 0) {
      throw bad(whole, "expected MODEL=VALUE or MODEL*FACTOR");
    }
    double value;
    try {
      value = Double.parseDouble(middle.substring(op + 1).trim());
    } catch (NumberFormatException e) {
      throw bad(whole, "'" + middle.substring(op + 1) + "' is not a number");
    }
    if (kind == Kind.PRICE && op == eq) {
      throw bad(whole, "a price changes by a factor: price:MODEL*FACTOR@STEP");
    }
    return new Change(kind, middle.substring(0, op).trim(), value, op == star, where, share);
  }

  private static IllegalArgumentException bad(String spec, String why) {
    return new IllegalArgumentException("--drift '" + spec + "': " + why
        + " (e.g. quality:MODEL=0@300, price:MODEL*10@30%, add:MODEL@300, remove:MODEL@300; MODEL may be 'best')");
  }
}
