package dev.signalbox.core.governance;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The ledger of one process: every reservation and settlement under one lock, so a reservation
 * checks and holds against all its budgets at once. Shared ledgers (Redis) keep the same rules.
 */
public final class MemorySpendLedger implements SpendLedger {
  /** One scope's account: what is held for requests in flight, and what was charged in its current period. */
  private static final class Account {
    final long periodMillis;
    double reserved;
    long window = Long.MIN_VALUE;
    double spent;

    Account(Budget budget) {
      this.periodMillis = budget.period() == null ? 0 : budget.period().toMillis();
    }

    /** What was charged in the period {@code epochMillis} falls in (a new period starts at 0). */
    double spent(long epochMillis) {
      long w = periodMillis == 0 ? 0 : Math.floorDiv(epochMillis, periodMillis);
      if (w != window) {
        window = w;
        spent = 0;
      }
      return spent;
    }
  }

  private final Map<String, Account> accounts = new HashMap<>();

  @Override
  public synchronized Reservation reserve(List<Budget> budgets, double usd, long epochMillis) {
    if (budgets.isEmpty()) {
      return NONE;
    }
    double least = Double.POSITIVE_INFINITY;
    for (Budget b : budgets) {
      Account a = accounts.computeIfAbsent(b.scope(), s -> new Account(b));
      double left = b.usd() - a.spent(epochMillis) - a.reserved;
      if (usd > left) {
        throw SpendLedger.exceeded(b, usd, left);
      }
      least = Math.min(least, left - usd);
    }
    for (Budget b : budgets) {
      accounts.get(b.scope()).reserved += usd;
    }
    return new Held(budgets, usd, least);
  }

  @Override
  public synchronized double spentUsd(String scope, long epochMillis) {
    Account a = accounts.get(scope);
    return a == null ? 0 : a.spent(epochMillis);
  }

  private synchronized void settle(Held held, double actualUsd, long epochMillis) {
    double charged = Math.max(0, Math.min(actualUsd, held.amount));
    for (Budget b : held.budgets) {
      Account a = accounts.get(b.scope());
      a.reserved -= held.amount;
      if (charged > 0) {
        a.spent(epochMillis);
        a.spent += charged;
      }
    }
  }

  private final class Held implements Reservation {
    private final List<Budget> budgets;
    private final double amount;
    private final double remaining;
    private boolean done;

    Held(List<Budget> budgets, double amount, double remaining) {
      this.budgets = List.copyOf(budgets);
      this.amount = amount;
      this.remaining = remaining;
    }

    @Override
    public double amount() {
      return amount;
    }

    @Override
    public double remainingUsd() {
      return remaining;
    }

    @Override
    public void settle(double actualUsd, long epochMillis) {
      synchronized (MemorySpendLedger.this) {
        if (done) {
          return;
        }
        done = true;
      }
      MemorySpendLedger.this.settle(this, actualUsd, epochMillis < 0 ? System.currentTimeMillis() : epochMillis);
    }
  }
}
