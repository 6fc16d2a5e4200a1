package dev.signalbox.core.governance;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * What each governed request was charged, as records (the most recent kept) and as running totals
 * by key, team, model and UTC day (kept whole). Thread-safe.
 */
public final class SpendLog {
  /** One request's charge. */
  public record SpendRecord(long epochMillis, String requestId, String key, String team, String model,
      String route, long promptTokens, long completionTokens, double costUsd, double latencyMs, int status) {

    /** The UTC day, e.g. {@code 2026-12-03}. */
    public String day() {
      return Instant.ofEpochMilli(epochMillis).atOffset(ZoneOffset.UTC).toLocalDate().toString();
    }
  }

  /** What a group (a key, a team, a model, a day) was charged. */
  public record Total(String group, double spendUsd, long requests, long promptTokens, long completionTokens) {
    Total plus(SpendRecord r) {
      return new Total(group, spendUsd + r.costUsd(), requests + 1, promptTokens + Math.max(0, r.promptTokens()),
          completionTokens + Math.max(0, r.completionTokens()));
    }
  }

  /** How totals are grouped: {@code key}, {@code team}, {@code model} or {@code day}. */
  public enum GroupBy {
    KEY(SpendRecord::key), TEAM(SpendRecord::team), MODEL(SpendRecord::model), DAY(SpendRecord::day);

    private final Function<SpendRecord, String> of;

    GroupBy(Function<SpendRecord, String> of) {
      this.of = of;
    }

    /** The grouping of a name, or null. */
    public static GroupBy of(String name) {
      for (GroupBy g : values()) {
        if (g.name().toLowerCase(Locale.ROOT).equals(name)) {
          return g;
        }
      }
      return null;
    }
  }

  private final int keep;
  private final Deque<SpendRecord> recent = new ArrayDeque<>();
  private final Map<GroupBy, Map<String, Total>> totals = new TreeMap<>();

  /** @param keep how many recent records are kept (totals count every record) */
  public SpendLog(int keep) {
    this.keep = keep;
    for (GroupBy g : GroupBy.values()) {
      totals.put(g, new TreeMap<>());
    }
  }

  public synchronized void add(SpendRecord r) {
    recent.addLast(r);
    if (recent.size() > keep) {
      recent.removeFirst();
    }
    totals.forEach((g, byGroup) -> {
      String group = g.of.apply(r);
      if (group != null) {
        byGroup.merge(group, new Total(group, 0, 0, 0, 0).plus(r), (a, b) -> a.plus(r));
      }
    });
  }

  /** The totals of every group, by group name. */
  public synchronized List<Total> totals(GroupBy by) {
    return new ArrayList<>(totals.get(by).values());
  }

  /** What a key was charged in all. */
  public synchronized double spentUsd(String key) {
    Total t = totals.get(GroupBy.KEY).get(key);
    return t == null ? 0 : t.spendUsd();
  }

  /** The most recent records, oldest first. */
  public synchronized List<SpendRecord> recent() {
    return new ArrayList<>(recent);
  }
}
