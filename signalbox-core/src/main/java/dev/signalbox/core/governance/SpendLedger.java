package dev.signalbox.core.governance;

import dev.signalbox.core.api.OpenAiError;
import dev.signalbox.core.config.AuthConfig.BudgetConfig;
import dev.signalbox.core.governance.KeyRing.Principal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Spend against budgets, never past them: a request reserves its worst-case cost against every
 * budget that applies before it is sent, all or none at once; when it ends the reservation settles
 * to what it really cost (the rest returns), or is released if nothing was charged. Since the
 * reservation is taken before a request starts, parallel requests cannot all pass a check and
 * overspend together.
 */
public interface SpendLedger {

  /**
   * One budget: a scope such as {@code key:alice} or {@code team:research}, its limit, and its
   * period (null: the whole life), over fixed windows from the epoch.
   */
  record Budget(String scope, double usd, Duration period) {}

  /** Spend held for one request until it ends. */
  interface Reservation {
    /** The worst case held. */
    double amount();

    /** The least budget left, over every budget, after this reservation. */
    double remainingUsd();

    /** Charges what the request cost (at most the amount held) and returns the rest; once. */
    void settle(double actualUsd, long epochMillis);

    /** Returns the whole reservation (nothing was charged); once. */
    default void release() {
      settle(0, -1);
    }
  }

  /** A reservation of nothing, for callers without budgets. */
  Reservation NONE = new Reservation() {
    @Override
    public double amount() {
      return 0;
    }

    @Override
    public double remainingUsd() {
      return Double.POSITIVE_INFINITY;
    }

    @Override
    public void settle(double actualUsd, long epochMillis) {}
  };

  /**
   * Reserves {@code usd} against every budget, or none.
   *
   * @throws OpenAiError 429 {@code insufficient_quota} / {@code budget_exceeded}, naming the budget
   *     that cannot take it
   */
  Reservation reserve(List<Budget> budgets, double usd, long epochMillis);

  /** What a scope has been charged in its current period. */
  double spentUsd(String scope, long epochMillis);

  /** The budgets that apply to a caller: its key's, then its team's. */
  static List<Budget> budgets(Principal caller) {
    List<Budget> out = new ArrayList<>(2);
    add(out, "key:" + caller.id(), caller.key().budget());
    if (caller.team() != null) {
      add(out, "team:" + caller.team().name(), caller.team().budget());
    }
    return out;
  }

  private static void add(List<Budget> out, String scope, BudgetConfig budget) {
    if (budget != null) {
      out.add(new Budget(scope, budget.usd(), budget.period()));
    }
  }

  /** The refusal when a budget cannot take a reservation. */
  static OpenAiError exceeded(Budget budget, double needed, double left) {
    return new OpenAiError(429, "insufficient_quota", "budget_exceeded", null, String.format(java.util.Locale.ROOT,
        "The budget of %s (%.6f USD%s) cannot take this request: it may cost up to %.6f USD and %.6f USD is left.",
        budget.scope(), budget.usd(), budget.period() == null ? "" : " per " + period(budget.period()), needed,
        Math.max(0, left)));
  }

  private static String period(Duration d) {
    return d.toDays() > 0 && d.toHours() % 24 == 0 ? d.toDays() + "d" : d.toMinutes() % 60 == 0 ? d.toHours() + "h"
        : d.toMinutes() + "m";
  }
}
